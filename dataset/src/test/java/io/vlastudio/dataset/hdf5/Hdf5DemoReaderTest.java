package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.FileInspection;
import io.vlastudio.dataset.FileInspector;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.testing.CountingFileChannel;
import io.vlastudio.dataset.testing.Formulas;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.vlastudio.dataset.testing.Formulas.SIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads files written by h5py (the library real LIBERO files come from) and compares every value and pixel. */
class Hdf5DemoReaderTest {

    @TempDir
    static Path dir;
    private final Hdf5DemoReader reader = new Hdf5DemoReader();

    @BeforeAll
    static void writeFixturesWithH5py() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir);
    }

    @Test
    void readsTheOriginalVariantWithEveryActionAndPixel() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("libero_goal/open_the_drawer_demo.hdf5"))) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.ORIGINAL);
            assertThat(file.suite()).isEqualTo("libero_goal");
            assertThat(file.task()).isEqualTo("open_the_drawer");
            assertThat(file.language()).isEqualTo("open the middle drawer of the cabinet");
            assertThat(file.languageSource()).isEqualTo("problem_info");
            assertThat(file.demos()).extracting(DemoSummary::name).containsExactly("demo_0", "demo_1", "demo_2",
                    "demo_3", "demo_4", "demo_5", "demo_6", "demo_7", "demo_8", "demo_9", "demo_10", "demo_11");
            assertThat(file.cameras()).containsExactly(new CameraInfo("agentview", "agentview_rgb", SIDE, SIDE),
                    new CameraInfo("eye_in_hand", "eye_in_hand_rgb", SIDE, SIDE));
            assertThat(file.envArgs()).hasValueSatisfying(json -> assertThat(json).contains("OSC_POSE"));
            assertThat(file.dataAttributes()).containsEntry("num_demos", 12L).containsEntry("tag", "libero-v1");
            for (DemoSummary summary : file.demos()) {
                int d = summary.index();
                assertThat(summary.length()).isEqualTo(10 + d);
                Demo demo = file.openDemo(summary.name());
                double[][] actions = demo.actions();
                for (int t = 0; t < demo.length(); t++) {
                    for (int k = 0; k < 7; k++) {
                        assertThat(actions[t][k]).as("demo %d step %d dim %d", d, t, k).isEqualTo(Formulas.action(d, t, k));
                    }
                    for (int cam = 0; cam < 2; cam++) {
                        Frame f = demo.frame(cam == 0 ? "agentview" : "eye_in_hand", t, Orientation.RAW);
                        assertPixels(f, d, cam, t);
                    }
                }
                double[][] joints = demo.lowDim("obs/joint_states");
                assertThat(joints[3][4]).isEqualTo(Formulas.low(d, 3, 4, 7));
                assertThat(demo.initState()).hasValueSatisfying(s -> assertThat(s).hasSize(45).startsWith(Formulas.low(d, 0, 0, 1)));
            }
        }
    }

    @Test
    void listsEveryPerStepArrayAndReadsTheModelFileOnlyWhenAsked() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("libero_goal/open_the_drawer_demo.hdf5"))) {
            Demo demo = file.openDemo("demo_2");
            assertThat(demo.lowDimKeys()).containsExactly("actions", "dones", "rewards", "robot_states", "states",
                    "obs/ee_ori", "obs/ee_pos", "obs/ee_states", "obs/gripper_states", "obs/joint_states");
            assertThat(demo.lowDim("rewards")).hasDimensions(12, 1);
            String xml = demo.modelFile().orElseThrow();
            assertThat(xml.length()).isEqualTo("<mujoco model='demo_2'>".length() + 70000 + "</mujoco>".length());
            assertThat(xml.substring(0, 23)).isEqualTo("<mujoco model='demo_2'>");
            assertThat(file.datasetShapes("demo_2")).anySatisfy(s -> {
                assertThat(s.path()).isEqualTo("obs/agentview_rgb");
                assertThat(s.dtype()).isEqualTo("uint8");
                assertThat(s.shape()).containsExactly(12, SIDE, SIDE, 3);
            });
        }
    }

    @Test
    void turnsFramesUprightAndRotatesThemLikeWorldVla() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("libero_goal/open_the_drawer_demo.hdf5"))) {
            Demo demo = file.openDemo("demo_1");
            Frame raw = demo.frame("agentview", 5, Orientation.RAW);
            Frame upright = demo.frame("agentview", 5, Orientation.UPRIGHT);
            Frame rotated = demo.frame("agentview", 5, Orientation.ROT180);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    assertThat(upright.rgbAt(x, y)).isEqualTo(raw.rgbAt(x, SIDE - 1 - y));
                    assertThat(rotated.rgbAt(x, y)).isEqualTo(raw.rgbAt(SIDE - 1 - x, SIDE - 1 - y));
                }
            }
            assertThat(upright.orientation()).isEqualTo(Orientation.UPRIGHT);
        }
    }

    @Test
    void writesFramesIntoACallersArrayInEveryOrientationAndLayout() throws Exception {
        for (String path : List.of("libero_goal/open_the_drawer_demo.hdf5", "robomimic/lift_gzip.hdf5")) {
            try (DemoFile file = reader.open(dir.resolve(path))) {
                Demo demo = file.openDemo("demo_1");
                byte[] into = new byte[SIDE * SIDE * 3];
                for (Orientation o : Orientation.values()) {
                    for (int t : new int[] {0, 5, demo.length() - 1}) {
                        Frame f = demo.frame("agentview", t, o, into);
                        assertThat(f.rgb()).as("%s %s step %d", path, o, t).isSameAs(into)
                                .isEqualTo(demo.frame("agentview", t, o).rgb());
                        assertThat(f.orientation()).isEqualTo(o);
                    }
                }
                assertThatThrownBy(() -> demo.frame("agentview", 0, Orientation.RAW, new byte[10]))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs " + SIDE * SIDE * 3 + " bytes");
            }
        }
    }

    @Test
    void inspectingAFileReadsNoPixelBytes() throws Exception {
        Path path = dir.resolve("libero_goal/open_the_drawer_demo.hdf5");
        List<long[]> cameras = new java.util.ArrayList<>();
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(path)) {
            for (String demo : ((io.jhdf.api.Group) hdf.getChild("data")).getChildren().keySet()) {
                for (String cam : List.of("agentview_rgb", "eye_in_hand_rgb")) {
                    var ds = (io.jhdf.api.dataset.ContiguousDataset) hdf.getByPath("data/" + demo + "/obs/" + cam);
                    cameras.add(new long[] {ds.getDataAddress(), ds.getSizeInBytes()});
                }
            }
        }
        cameras.sort(java.util.Comparator.comparingLong(r -> r[0]));
        CountingFileChannel.Log log = new CountingFileChannel.Log();
        Hdf5DemoReader counting = new Hdf5DemoReader(CountingFileChannel.opener(log));
        try (DemoFile file = counting.open(path)) {
            FileInspection report = new FileInspector(new StatisticsCalculator(new NoOpDetector())).inspect(file);
            assertThat(report.statistics().transitions()).isPositive();
            assertThat(log.totalBytes()).isPositive();
            assertThat(log.bytesInside(path, cameras)).as("bytes read inside camera datasets").isZero();
            // the accounting does see pixel reads
            file.openDemo("demo_3").frame("eye_in_hand", 2, Orientation.UPRIGHT);
            assertThat(log.bytesInside(path, cameras)).isEqualTo(SIDE * SIDE * 3);
        }
    }

    @Test
    void inspectingAFileReadsEachPieceOfMetadataOnce() throws Exception {
        // jHDF reads each object header of an h5py (symbol-table) group twice, three reads each time, and each
        // symbol-table entry alone: 107 reads a demo in the reader benchmark's files before the read cache
        Path path = dir.resolve("libero_goal/open_the_drawer_demo.hdf5");
        CountingFileChannel.Log log = new CountingFileChannel.Log();
        int demos;
        try (DemoFile file = new Hdf5DemoReader(CountingFileChannel.opener(log)).open(path)) {
            demos = file.demos().size();
            new FileInspector(new StatisticsCalculator(new NoOpDetector())).inspect(file);
        }
        List<long[]> reads = log.ranges().values().iterator().next();
        long repeated = reads.size() - reads.stream().map(r -> r[0] + ":" + r[1]).distinct().count();
        assertThat(repeated).as("reads of a range already read").isLessThanOrEqualTo(2); // the superblock's signature
        assertThat(reads.size() / (double) demos).as("reads per demo").isLessThan(60);
    }

    @Test
    void readsNoNoopsFilesWithoutAttributesAndWithIndexGaps() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("libero_goal_no_noops/open_the_drawer_demo.hdf5"))) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.NO_NOOPS);
            assertThat(file.suite()).isEqualTo("libero_goal_no_noops");
            assertThat(file.language()).isEqualTo("open the drawer");
            assertThat(file.languageSource()).isEqualTo("file_name");
            assertThat(file.demos()).extracting(DemoSummary::name).containsExactly("demo_0", "demo_2", "demo_3", "demo_10", "demo_11");
            Demo demo = file.openDemo("demo_10");
            assertThat(demo.length()).isEqualTo(12);
            assertPixels(demo.frame("eye_in_hand", 11, Orientation.RAW), 10, 1, 11);
            assertThat(demo.initState()).isEmpty();
            assertThat(demo.modelFile()).isEmpty();
        }
    }

    @Test
    void derivesTheInstructionFromASceneFileNameWhenThereIsNoProblemInfo() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("libero_10/KITCHEN_SCENE3_turn_on_the_stove_demo.hdf5"))) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.ORIGINAL);
            assertThat(file.task()).isEqualTo("KITCHEN_SCENE3_turn_on_the_stove");
            assertThat(file.language()).isEqualTo("turn on the stove");
        }
    }

    @Test
    void readsGzipChunkedFramesAndRobomimicFilterKeys() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("robomimic/lift_gzip.hdf5"))) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.ROBOMIMIC);
            assertThat(file.filterKeys()).containsEntry("train", List.of("demo_1")).containsEntry("valid", List.of("demo_0"));
            Demo demo = file.openDemo("demo_1");
            for (int t = demo.length() - 1; t >= 0; t--) {
                assertPixels(demo.frame("agentview", t, Orientation.RAW), 1, 0, t);
            }
            assertThat(demo.frames("eye_in_hand", 3, 6, Orientation.RAW)).hasSize(3);
        }
    }

    @Test
    void opensTheRealRobosuiteFileAndNamesItsSixDimensionalActions() throws Exception {
        Path fixture = PythonFixtures.robosuiteWipeFixture(dir.resolve("wipe"));
        try (DemoFile file = reader.open(fixture)) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.ROBOMIMIC);
            assertThat(file.demos()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("demo_1");
                assertThat(d.length()).isEqualTo(174);
                assertThat(d.valid()).isFalse();
                assertThat(d.problems()).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo("bad_action_shape");
                    assertThat(p.message()).contains("robosuite_wipe_demo.hdf5", "/data/demo_1/actions", "(174,6)", "(T,7)");
                });
            });
            assertThat(file.envArgs()).hasValueSatisfying(s -> assertThat(s).contains("\"env_name\": \"Wipe\""));
            assertThat(file.dataAttributes()).containsEntry("env", "Wipe").containsEntry("repository_version", "1.0.0");
            assertThat(file.datasetShapes("demo_1")).extracting(Object::toString)
                    .containsExactly("actions float64 (174, 6)", "joint_torques float64 (174, 7)", "states float64 (174, 15)");
            assertThatThrownBy(() -> file.openDemo("demo_1")).isInstanceOf(DatasetException.class).hasMessageContaining("(174,6)");
        }
    }

    @Test
    void refusesAFileThatIsNotHdf5() {
        Path f = dir.resolve("bad/not_hdf5.hdf5");
        assertThatThrownBy(() -> reader.open(f)).isInstanceOf(DatasetException.NotHdf5Exception.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("0x504b0304");
    }

    @Test
    void refusesATruncatedFileNamingBothSizes() {
        Path f = dir.resolve("bad/truncated.hdf5");
        assertThatThrownBy(() -> reader.open(f)).isInstanceOf(DatasetException.TruncatedFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("64914 bytes");
    }

    @Test
    void refusesAFileWithoutADataGroup() {
        Path f = dir.resolve("bad/no_data_group.hdf5");
        assertThatThrownBy(() -> reader.open(f)).isInstanceOf(DatasetException.MissingDataGroupException.class)
                .hasMessageContaining(f + " at /data").hasMessageContaining("[images]");
    }

    @Test
    void refusesAFileWithoutDemos() {
        Path f = dir.resolve("bad/no_demos.hdf5");
        assertThatThrownBy(() -> reader.open(f)).isInstanceOf(DatasetException.NoDemosException.class)
                .hasMessageContaining("an empty 'data' group");
    }

    @Test
    void keepsGoodDemosOfAFileWhoseOtherDemoHasBadActions() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("bad/bad_action_shape.hdf5"))) {
            assertThat(file.demos()).extracting(DemoSummary::valid).containsExactly(true, false);
            assertThat(file.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("/data/demo_1/actions", "expected actions of shape (T,7)", "found (5,6) float64"));
            assertThat(file.openDemo("demo_0").actions()).hasDimensions(5, 7);
            assertThatThrownBy(() -> file.openDemo("demo_1")).isInstanceOf(DatasetException.class);
        }
    }

    @Test
    void namesTheDatasetWhoseLengthDisagreesWithTheActions() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("bad/length_mismatch.hdf5"))) {
            assertThat(file.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo("length_mismatch");
                assertThat(p.demo()).isEqualTo("demo_0");
                assertThat(p.message()).contains("/data/demo_0/obs/joint_states", "expected 8 steps", "found 7 steps");
            });
            assertThat(file.demo("demo_1")).hasValueSatisfying(d -> assertThat(d.valid()).isTrue());
        }
    }

    @Test
    void namesAnUnknownCamera() throws Exception {
        try (DemoFile file = reader.open(dir.resolve("libero_goal/open_the_drawer_demo.hdf5"))) {
            assertThatThrownBy(() -> file.openDemo("demo_0").frame("frontview", 0, Orientation.RAW))
                    .hasMessageContaining("[agentview, eye_in_hand]").hasMessageContaining("'frontview'");
            assertThatThrownBy(() -> file.openDemo("demo_0").frame("agentview", 10, Orientation.RAW))
                    .hasMessageContaining("a step in 0:10");
        }
    }

    static void assertPixels(Frame f, int demo, int camera, int t) {
        assertThat(f.width()).isEqualTo(SIDE);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                for (int c = 0; c < 3; c++) {
                    int expected = Formulas.pixel(demo, camera, t, y, x, c);
                    int actual = f.rgb()[(y * SIDE + x) * 3 + c] & 0xFF;
                    if (actual != expected) {
                        throw new AssertionError("demo " + demo + " camera " + camera + " step " + t + " pixel (" + x + ","
                                + y + ") channel " + c + ": expected " + expected + ", got " + actual);
                    }
                }
            }
        }
    }
}
