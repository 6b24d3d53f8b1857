package io.vlastudio.dataset.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes synthetic suites with our writer and reads them back with our reader and with h5py. */
class SyntheticSuiteWriterTest {

    @TempDir
    Path dir;
    private final SyntheticSuiteWriter writer = new SyntheticSuiteWriter(GeneratorSettings.defaults());
    private final Hdf5DemoReader reader = new Hdf5DemoReader();

    private static SuiteSpec small(DatasetVariant variant) {
        return SuiteSpec.defaults(variant).withTasks(2).withDemosPerTask(4).withImageSize(48).withFailuresPerTask(1);
    }

    @Test
    void writesTheOriginalVariantThatReadsBackValueForValueAndPixelForPixel() throws Exception {
        SuiteSpec spec = small(DatasetVariant.ORIGINAL);
        List<Path> files = writer.write(dir.resolve("libero_synth"), spec, Progress.NONE, () -> false);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly(SyntheticTask.catalogue().get(0).fileName(), SyntheticTask.catalogue().get(1).fileName());
        SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());
        SyntheticTask task = SyntheticTask.catalogue().get(0);
        try (DemoFile file = reader.open(files.get(0))) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.ORIGINAL);
            assertThat(file.language()).isEqualTo(task.instruction());
            assertThat(file.languageSource()).isEqualTo("problem_info");
            assertThat(file.demos()).extracting(DemoSummary::name).containsExactly("demo_0", "demo_1", "demo_2", "demo_3");
            assertThat(file.dataAttributes()).containsEntry("num_demos", 4L).containsEntry("macros_image_convention", "opengl");
            int failed = SyntheticSuiteWriter.failedDemos(spec, 0).first();
            for (DemoSummary s : file.demos()) {
                SyntheticEpisode expected = generator.generate(task, s.index(), spec.seed(), 48, s.index() == failed, true);
                Demo demo = file.openDemo(s.name());
                assertThat(demo.actions()).isDeepEqualTo(expected.actions());
                assertThat(demo.lowDim("states")).isDeepEqualTo(expected.states());
                assertThat(demo.lowDim("obs/joint_states")).isDeepEqualTo(expected.jointStates());
                assertThat(demo.initState()).hasValue(expected.initState());
                assertThat(demo.modelFile()).hasValue(expected.modelFileXml());
                for (int t = 0; t < demo.length(); t++) {
                    assertThat(demo.frame("agentview", t, Orientation.RAW).rgb()).isEqualTo(expected.agentviewFrame(t));
                    assertThat(demo.frame("eye_in_hand", t, Orientation.RAW).rgb()).isEqualTo(expected.eyeInHandFrame(t));
                }
                assertThat(new NoOpDetector().positions(demo.actions())).as("leading no-ops").isNotEmpty().startsWith(0);
                assertThat(expected.success()).isEqualTo(s.index() != failed);
            }
        }
    }

    @Test
    void theNoNoopsVariantHasNoAttributesIndexGapsNoFailedDemosAndNoNoOps() throws Exception {
        SuiteSpec spec = small(DatasetVariant.NO_NOOPS).withDemosPerTask(20).withFailuresPerTask(2);
        List<Path> files = writer.write(dir.resolve("libero_synth_no_noops"), spec, Progress.NONE, () -> false);
        try (DemoFile file = reader.open(files.get(0))) {
            assertThat(file.variant()).isEqualTo(DatasetVariant.NO_NOOPS);
            assertThat(file.dataAttributes()).isEmpty();
            List<Integer> indices = file.demos().stream().map(DemoSummary::index).toList();
            assertThat(indices).hasSizeLessThan(20).doesNotContainAnyElementsOf(SyntheticSuiteWriter.failedDemos(spec, 0))
                    .isEqualTo(SyntheticSuiteWriter.keptDemos(spec, 0)).isSorted();
            for (DemoSummary s : file.demos()) {
                assertThat(new NoOpDetector().positions(file.openDemo(s.name()).actions())).as(s.name()).isEmpty();
            }
        }
    }

    @Test
    void h5pyReadsEveryDatasetByteForByteAndTheStringsAsStr() throws Exception {
        SuiteSpec spec = small(DatasetVariant.ORIGINAL).withTasks(1).withDemosPerTask(2).withFailuresPerTask(0);
        Path suite = dir.resolve("libero_synth");
        writer.write(suite, spec, Progress.NONE, () -> false);
        JsonNode dump = new ObjectMapper().readTree(PythonFixtures.runScript("fixtures/dump_suite.py", suite.toString()));
        SyntheticTask task = SyntheticTask.catalogue().get(0);
        JsonNode file = dump.get(task.fileName());
        assertThat(file.get("attrs").get("problem_info").asText()).contains(task.instruction());
        assertThat(file.get("attr_types").get("problem_info").asText()).isEqualTo("str");
        assertThat(file.get("attr_types").get("num_demos").asText()).isEqualTo("int64");
        SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());
        for (int d = 0; d < 2; d++) {
            SyntheticEpisode e = generator.generate(task, d, spec.seed(), 48, false, true);
            JsonNode demo = file.get("demos").get("demo_" + d);
            JsonNode ds = demo.get("datasets");
            assertThat(demo.get("model_file_type").asText()).isEqualTo("str");
            assertThat(ds.get("actions").get("dtype").asText()).isEqualTo("float64");
            assertThat(ds.get("actions").get("sha256").asText()).isEqualTo(sha256(e.actions()));
            assertThat(ds.get("obs/agentview_rgb").get("dtype").asText()).isEqualTo("uint8");
            assertThat(ds.get("obs/agentview_rgb").get("shape").toString()).isEqualTo("[" + e.length() + ",48,48,3]");
            assertThat(ds.get("obs/agentview_rgb").get("sha256").asText()).isEqualTo(sha256(e.agentviewFrames()));
            assertThat(ds.get("obs/eye_in_hand_rgb").get("sha256").asText()).isEqualTo(sha256(e.eyeInHandFrames()));
            assertThat(ds.get("rewards").get("sha256").asText()).isEqualTo(sha256(new byte[][] {e.rewards()}));
        }
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws Exception {
        SuiteSpec spec = small(DatasetVariant.ORIGINAL).withTasks(1).withDemosPerTask(2);
        Path a = writer.write(dir.resolve("a/libero_synth"), spec, Progress.NONE, () -> false).get(0);
        Path b = writer.write(dir.resolve("b/libero_synth"), spec, Progress.NONE, () -> false).get(0);
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
    }

    @Test
    void aCancelledRunLeavesNoPartialFile() throws Exception {
        Path suite = dir.resolve("cancelled");
        int[] reports = {0};
        List<Path> files = writer.write(suite, small(DatasetVariant.ORIGINAL),
                (done, total, message) -> reports[0]++, () -> reports[0] > 5);
        assertThat(files).hasSize(1);
        try (Stream<Path> left = Files.list(suite)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(SyntheticTask.catalogue().get(0).fileName());
        }
    }

    @Test
    void refusesImpossibleSpecsWithAMessageAUserCanAct()  {
        assertThatThrownBy(() -> SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(99).validate())
                .hasMessageContaining("--tasks must be between 1 and");
        assertThatThrownBy(() -> SuiteSpec.defaults(DatasetVariant.ORIGINAL).withImageSize(100).validate())
                .hasMessageContaining("multiple of 16");
    }

    private static String sha256(double[][] rows) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : rows) {
            for (double v : row) {
                b.clear();
                b.putDouble(v);
                md.update(b.array());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(byte[][] chunks) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] c : chunks) {
            md.update(c);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
