package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchCodebookTokenizerTest {

    @TempDir
    static Path dir;
    private static final TorchRuntime RUNTIME = new TorchRuntime(TorchSettings.defaults().withThreads(1));
    private static final List<DemoFile> FILES = new ArrayList<>();
    private static final PatchCodebookTrainer.Settings SMALL = PatchCodebookTrainer.Settings.defaults()
            .withCodebookSize(64).withIterations(4).withMaxPatches(4000).withFrameStride(8);

    @BeforeAll
    static void writeSuite() throws Exception {
        List<Path> files = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_tiny"),
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(1).withDemosPerTask(5).withImageSize(64),
                Progress.NONE, () -> false);
        Hdf5DemoReader reader = new Hdf5DemoReader();
        for (Path f : files) {
            FILES.add(reader.open(f));
        }
    }

    @AfterAll
    static void closeFiles() {
        FILES.forEach(DemoFile::close);
    }

    @Test
    void trainsOnWorkspaceFramesAndReportsHeldOutQuality() throws Exception {
        List<Long> progress = new ArrayList<>();
        try (PatchCodebookTokenizer t = new PatchCodebookTrainer(RUNTIME, new FrameFitter())
                .train(FILES, SMALL, (done, total, message) -> progress.add(done), () -> false)) {
            BuiltinTokenizerInfo info = t.info();
            assertThat(t.codebookSize()).isEqualTo(64);
            assertThat(t.downsampling()).isEqualTo(16);
            assertThat(t.resolution()).isEqualTo(256);
            assertThat(info.iterations()).isEqualTo(4);
            assertThat(info.heldOutFrames()).isGreaterThan(0);
            assertThat(info.heldOutPsnr()).isBetween(15.0, 60.0);
            assertThat(info.heldOutSsim()).isBetween(0.3, 1.0);
            assertThat(info.orientation()).isEqualTo("rot180");
            assertThat(progress).isNotEmpty();
        }
    }

    @Test
    void savesAndReopensToTheSameCodesAndReconstructions() throws Exception {
        Path saved = dir.resolve("tokenizers/builtin");
        Frame frame = new FrameFitter().fit(FILES.get(0).openDemo("demo_1").frame("agentview", 10, Orientation.ROT180), 256).frame();
        try (PatchCodebookTokenizer trained = new PatchCodebookTrainer(RUNTIME, new FrameFitter())
                .train(FILES, SMALL, Progress.NONE, () -> false);
             PatchCodebookTokenizer written = trained.save(saved, RUNTIME);
             PatchCodebookTokenizer reopened = PatchCodebookTokenizer.open(saved, RUNTIME)) {
            assertThat(PatchCodebookTokenizer.isSavedIn(saved)).isTrue();
            CodeGrid codes = trained.encode(frame);
            assertThat(codes.rows()).isEqualTo(16);
            assertThat(reopened.encode(frame)).isEqualTo(codes);
            // a batch gives each frame the codes it gets alone
            Frame other = new FrameFitter().fit(FILES.get(0).openDemo("demo_1").frame("agentview", 30, Orientation.ROT180), 256).frame();
            assertThat(reopened.encodeAll(List.of(frame, other, frame))).containsExactly(codes, reopened.encode(other), codes);
            assertThat(reopened.decode(codes).rgb()).isEqualTo(trained.decode(codes).rgb());
            assertThat(reopened.info()).isEqualTo(trained.info());
            assertThat(written.folder()).isEqualTo(saved);
            assertThat(Files.readString(saved.resolve("builtin-tokenizer.json"))).contains("\"heldOutPsnr\"", "libero_tiny");
        }
    }

    @Test
    void anUnmeasuredFigureIsSavedAsNullNotAsNaNAndReadsBackAsNaN() throws Exception {
        // no held-out frames: PSNR and SSIM are NaN. Gson wrote a bare NaN, which no JSON reader but Gson accepts
        int dim = 16 * 16 * 3;
        Path saved = dir.resolve("unmeasured");
        BuiltinTokenizerInfo info = new BuiltinTokenizerInfo(List.of("a.hdf5"), "agentview", "rot180", 1, 2, 3, 0.5, 7,
                0, Double.NaN, Double.NaN, 0, "2026-11-30T00:00:00Z");
        try (PatchCodebookTokenizer t = new PatchCodebookTokenizer(32, 16, new PatchCodebook(2, dim, new float[2 * dim]),
                info, RUNTIME, null);
             PatchCodebookTokenizer s = t.save(saved, RUNTIME);
             PatchCodebookTokenizer reopened = PatchCodebookTokenizer.open(saved, RUNTIME)) {
            String json = Files.readString(saved.resolve("builtin-tokenizer.json"));
            assertThat(json).doesNotContain("NaN").contains("\"heldOutPsnr\" : null");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("training")
                    .path("heldOutPsnr").isNull()).isTrue();
            assertThat(reopened.info()).isEqualTo(info);
        }
        // a file an earlier build wrote through Gson still opens
        String legacy = Files.readString(saved.resolve("builtin-tokenizer.json")).replace("null", "NaN");
        Files.writeString(saved.resolve("builtin-tokenizer.json"), legacy);
        try (PatchCodebookTokenizer reopened = PatchCodebookTokenizer.open(saved, RUNTIME)) {
            assertThat(reopened.info()).isEqualTo(info);
        }
    }

    @Test
    void encodesEachPatchToItsNearestCodebookEntry() throws Exception {
        // a codebook of two flat patches, black and white: bright patches go to 1, dark ones to 0
        int dim = 16 * 16 * 3;
        float[] entries = new float[2 * dim];
        java.util.Arrays.fill(entries, dim, 2 * dim, 1f);
        byte[] rgb = new byte[32 * 32 * 3];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                byte v = (byte) (x >= 16 ? 230 : 20);
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 32 + x) * 3 + c] = v;
                }
            }
        }
        try (PatchCodebookTokenizer t = new PatchCodebookTokenizer(32, 16, new PatchCodebook(2, dim, entries),
                new BuiltinTokenizerInfo(List.of(), "agentview", "rot180", 0, 0, 0, 0, 0, 0, 0, 0, 0, ""), RUNTIME, null)) {
            CodeGrid g = t.encode(new Frame(32, 32, Orientation.RAW, rgb));
            assertThat(g.codes()).containsExactly(0, 1, 0, 1);
            Frame back = t.decode(g);
            assertThat(back.rgb()[0] & 0xFF).isZero();
            assertThat(back.rgb()[(16) * 3] & 0xFF).isEqualTo(255);
        }
    }

    @Test
    void emptyClustersRestartAtTheWorstFittedPatches() {
        float[] data = {0, 0, 1, 1, 10, 10};
        float[] centres = {0, 0, 5, 5, 100, 100};
        int[] assign = {0, 0, 0};
        float[] dist = {0, 2, 200};
        int empty = PatchCodebookTrainer.update(data, 3, 2, assign, dist, centres, 3);
        assertThat(empty).isEqualTo(2);
        assertThat(centres).containsExactly(11f / 3, 11f / 3, 10, 10, 1, 1);
        assertThat(PatchCodebookTrainer.sample(10, 10, new SplittableRandom(1))).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void stopsWhenCancelled() {
        assertThatThrownBy(() -> new PatchCodebookTrainer(RUNTIME, new FrameFitter()).train(FILES, SMALL, Progress.NONE, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void namesAMissingOrTruncatedCodebook() throws Exception {
        Path broken = dir.resolve("broken");
        try (PatchCodebookTokenizer t = new PatchCodebookTrainer(RUNTIME, new FrameFitter()).train(FILES, SMALL, Progress.NONE, () -> false);
             PatchCodebookTokenizer s = t.save(broken, RUNTIME)) {
            assertThat(s.codebookSize()).isEqualTo(64);
        }
        Files.write(broken.resolve("codebook.f32"), new byte[10]);
        assertThatThrownBy(() -> PatchCodebookTokenizer.open(broken, RUNTIME)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("codebook.f32: expected 196608 bytes (64 codes x 768 float32 values), found 10 bytes");
        assertThatThrownBy(() -> PatchCodebookTokenizer.open(dir.resolve("none"), RUNTIME))
                .hasMessageContaining("builtin-tokenizer.json: expected the description of a built-in tokenizer");
    }
}
