package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetProblem;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.FileGuard;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.testing.PythonFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structural cases of issue 14, written by h5py ({@code fuzz/make_fuzz_files.py}, the mutation fuzz's
 * script, with no random mutations), read through the reader's own API. Before the fixes each of these crashed
 * (OutOfMemoryError, StackOverflowError), never returned, was rejected though valid, or was read silently wrong.
 */
class HostileFileTest {

    @TempDir
    static Path dir;

    private static Path files;
    private static final Hdf5DemoReader READER = new Hdf5DemoReader();
    private static final FileGuard GUARD = new FileGuard(Duration.ofSeconds(60));

    @BeforeAll
    static void write() throws Exception {
        PythonFixtures.runScript("fuzz/make_fuzz_files.py", dir.resolve("fuzz").toString(), "--count", "0");
        files = dir.resolve("fuzz/files");
    }

    private static DemoFile open(String name) throws DatasetException {
        return GUARD.call(files.resolve(name), () -> READER.open(files.resolve(name)));
    }

    private static String warnings(DemoFile f) {
        return String.join("\n", f.problems().stream().map(DatasetProblem::message).toList());
    }

    @Test
    void aDeclaredBillionStepDatasetMakesItsDemoInvalidWithoutAllocatingIt() throws Exception {
        try (DemoFile f = open("struct_billion_actions.hdf5")) {
            DemoSummary d = f.demo("demo_1").orElseThrow();
            assertThat(d.valid()).isFalse();
            assertThat(d.problems().get(0).message()).contains("/data/demo_1/actions")
                    .contains("(1000000000,7)").contains("0 bytes of chunks in the file (never written)");
            assertThat(f.demo("demo_0").orElseThrow().valid()).isTrue();
            assertThat(f.openDemo("demo_0").actions()).hasNumberOfRows(f.demo("demo_0").orElseThrow().length());
            assertThatThrownBy(() -> f.openDemo("demo_1")).isInstanceOf(DatasetException.class);
        }
        for (String name : List.of("struct_billion_all.hdf5", "struct_billion_contiguous.hdf5")) {
            try (DemoFile f = open(name)) {
                assertThat(f.demos().stream().filter(d -> !d.valid())).as(name).hasSize(1);
                assertThat(warnings(f)).as(name).contains("1000000000");
            }
        }
    }

    @Test
    void hardLinkCyclesAreWalkedOnceAndSaid() throws Exception {
        try (DemoFile f = open("struct_hardlink_cycle_parent.hdf5")) {
            assertThat(f.demos()).hasSize(3).allMatch(DemoSummary::valid);
            assertThat(warnings(f)).contains("a hard link cycle: /data/demo_1/back");
        }
        try (DemoFile f = open("struct_hardlink_cycle_self.hdf5")) {
            assertThat(f.demos()).allMatch(DemoSummary::valid);
            assertThat(warnings(f)).contains("/data/demo_0/obs/loop is /data/demo_0 again")
                    .contains("/data/demo_2/again is /data/demo_2 again");
            assertThat(f.datasetShapes("demo_0")).extracting(s -> s.path()).contains("actions", "obs/agentview_rgb");
            assertThat(f.openDemo("demo_2").lowDimKeys()).contains("actions", "states");
        }
    }

    @Test
    void groupsEightThousandDeepAreNotDescendedIntoAndNothingOverflows() throws Exception {
        for (String name : List.of("struct_deep_data_demo_0_obs.hdf5", "struct_deep_data_demo_1.hdf5")) {
            try (DemoFile f = open(name)) {
                assertThat(f.demos()).as(name).allMatch(DemoSummary::valid);
                assertThat(warnings(f)).as(name).contains("groups nested more than 16 levels deep");
                for (DemoSummary d : f.demos()) {
                    f.openDemo(d.name()).actions();
                    f.datasetShapes(d.name());
                }
            }
        }
        try (DemoFile f = open("struct_deep_root.hdf5")) {
            assertThat(f.demos()).allMatch(DemoSummary::valid);
        }
    }

    @Test
    void largeAttributesAreNotReadButSaid() throws Exception {
        try (DemoFile f = open("struct_huge_string_attribute.hdf5")) {
            assertThat(warnings(f)).contains("/data@env_args").contains("8,388,608 bytes; not read");
            assertThat(f.envArgs()).isEmpty();
        }
        try (DemoFile f = open("struct_huge_numeric_attribute.hdf5")) {
            assertThat(warnings(f)).contains("/data@total_per_step").contains("16,000,000 bytes; not read");
            assertThat(f.dataAttributes()).containsKey("problem_info");
        }
        try (DemoFile f = open("struct_huge_demo_attribute.hdf5")) {
            Demo d = f.openDemo("demo_1");
            assertThatThrownBy(d::initState).isInstanceOf(DatasetException.class).hasMessageContaining("init_state");
            assertThat(f.openDemo("demo_0").initState()).isPresent();
        }
    }

    @Test
    void demosThatAreLinksAreListedOrTheirProblemSaid() throws Exception {
        try (DemoFile f = open("struct_soft_link_demo.hdf5")) {
            assertThat(f.demos()).extracting(DemoSummary::name).containsExactly("demo_0", "demo_1", "demo_2", "demo_3");
            assertThat(f.openDemo("demo_3").actions()).isDeepEqualTo(f.openDemo("demo_0").actions());
        }
        try (DemoFile f = open("struct_external_link_demo.hdf5")) {
            assertThat(f.demos()).extracting(DemoSummary::name).contains("demo_3");
            Demo linked = f.openDemo("demo_3");
            try (DemoFile target = READER.open(dir.resolve("fuzz/side/external_target.hdf5"))) {
                Demo original = target.openDemo("demo_1");
                assertThat(linked.actions()).isDeepEqualTo(original.actions());
                assertThat(linked.frame("agentview", 3, Orientation.RAW).rgb())
                        .isEqualTo(original.frame("agentview", 3, Orientation.RAW).rgb());
            }
        }
        try (DemoFile f = open("struct_external_link_missing.hdf5")) {
            DemoSummary d = f.demo("demo_3").orElseThrow();
            assertThat(d.valid()).isFalse();
            assertThat(d.problems().get(0).message()).contains("no_such_file.hdf5").contains("does not exist");
        }
        try (DemoFile f = open("struct_soft_link_dangling.hdf5")) {
            assertThat(f.demo("demo_3").orElseThrow().problems().get(0).message()).contains("/data/nowhere");
        }
    }

    @Test
    void userBlocksAreReadAndFramesComeFromBaseAddressPlusDataAddress() throws Exception {
        for (int size : new int[] {512, 1024, 4096}) {
            String name = "struct_userblock_" + size + ".hdf5";
            try (DemoFile f = open(name)) {
                assertThat(f.demos()).as(name).allMatch(DemoSummary::valid);
                Frame frame = f.openDemo("demo_0").frame("agentview", 2, Orientation.RAW);
                String h5py = PythonFixtures.run(List.of(PythonFixtures.PYTHON.toString(), "-c",
                        "import h5py,sys; f=h5py.File(sys.argv[1],'r'); print(f['data/demo_0/obs/agentview_rgb'][2].tobytes().hex())",
                        files.resolve(name).toString())).trim();
                assertThat(java.util.HexFormat.of().formatHex(frame.rgb())).as(name).isEqualTo(h5py);
            }
        }
    }

    @Test
    void fletcher32IsVerified() throws Exception {
        try (DemoFile f = open("struct_fletcher32_ok.hdf5")) {
            for (DemoSummary d : f.demos()) {
                assertThat(f.openDemo(d.name()).actions()).hasNumberOfRows(d.length());
            }
        }
        try (DemoFile f = open("struct_fletcher32_corrupt.hdf5")) {
            f.openDemo("demo_0").actions();
            assertThatThrownBy(() -> f.openDemo("demo_1").actions()).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("/data/demo_1/actions").hasMessageContaining("Fletcher32");
        }
    }

    @Test
    void brokenSymbolicLinksInAFolderAreReported() throws Exception {
        DatasetScanner.Found found = new DatasetScanner(READER).find(List.of(files));
        assertThat(found.problems()).extracting(e -> e.file().getFileName().toString())
                .containsExactly("struct_symlink_dangling.hdf5", "struct_symlink_loop_a.hdf5", "struct_symlink_loop_b.hdf5");
        assertThat(found.problems().get(0).getMessage()).contains("dangling");
        assertThat(found.problems().get(1).getMessage()).contains("loop");
        assertThat(found.files()).extracting(p -> p.getFileName().toString()).contains("base_original.hdf5")
                .doesNotContain("struct_symlink_dangling.hdf5");
    }

    @Test
    void anErrorInOneFileBecomesThatFilesFailureAndAStuckReadIsStopped() {
        Path file = files.resolve("base_original.hdf5");
        assertThatThrownBy(() -> GUARD.call(file, () -> {
            throw new StackOverflowError();
        })).isInstanceOf(DatasetException.class).hasMessageContaining("base_original.hdf5").hasMessageContaining("StackOverflowError");
        assertThatThrownBy(() -> GUARD.call(file, () -> {
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(DatasetException.class).hasMessageContaining("OutOfMemoryError");
        long start = System.nanoTime();
        assertThatThrownBy(() -> new FileGuard(Duration.ofMillis(300)).call(file, () -> {
            while (true) {
                Thread.onSpinWait();
            }
        })).isInstanceOf(DatasetException.class).hasMessageContaining("still reading after");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
