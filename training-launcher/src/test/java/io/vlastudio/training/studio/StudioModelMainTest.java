package io.vlastudio.training.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StudioModelMainTest {

    @TempDir
    static Path dir;
    static Path export;
    static Path tokenizer;
    static List<Path> suite;

    static final String[] TINY = {"--layers", "1", "--width", "32", "--heads", "2", "--batch_size", "16", "--eval_samples", "3",
            "--threads", "1"};

    @BeforeAll
    static void makeExport() throws Exception {
        suite = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_tiny"),
                SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(1).withDemosPerTask(12).withImageSize(32)
                        .withFailuresPerTask(0), Progress.NONE, () -> false);
        TorchRuntime runtime = new TorchRuntime(TorchSettings.defaults().withThreads(1));
        List<DemoFile> files = new ArrayList<>();
        for (Path f : suite) {
            files.add(new Hdf5DemoReader().open(f));
        }
        PatchCodebookTrainer.Settings s = new PatchCodebookTrainer.Settings(16, 32, 16, 4, 2000, 2, 5, 4, "agentview",
                Orientation.ROT180, 7);
        try (PatchCodebookTokenizer t = new PatchCodebookTrainer(runtime, new FrameFitter()).train(files, s, Progress.NONE::report,
                () -> false)) {
            tokenizer = dir.resolve("tokenizer");
            t.save(tokenizer, runtime).close();
        }
        files.forEach(DemoFile::close);
        export = ExportFixture.write(dir.resolve("export"), "libero_tiny", suite, 2, 3, 10, true);
    }

    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("--export", export.toString(), "--output_dir", out.toString(), "--tokenizer",
                tokenizer.toString()));
        a.addAll(List.of(TINY));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    record Result(int code, String err) {
    }

    static Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = StudioModelMain.run(args);
            return new Result(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void trainsEvaluatesCheckpointsAndResumesLikeWorldVla() throws Exception {
        Path out = dir.resolve("run");
        Result r = run(args(out, "--epochs", "2"));
        assertThat(r.code()).as(r.err()).isZero();
        String log = Files.readString(out.resolve("common.log"));
        assertThat(log).contains("Epoch: [0]  [0/").contains("closs: ").contains("Averaged stats:")
                .contains("Epoch: [1] Total time: ").contains("max mem: ");
        assertThat(r.err()).contains("Epoch: [1]  [");
        assertThat(Files.readAllLines(out.resolve("log_train.txt"))).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"train_closs\""));
        List<String> eval = Files.readAllLines(out.resolve("log_eval_ind.txt"));
        assertThat(eval).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode e1 = json.readTree(eval.get(1));
        assertThat(e1.path("epoch").asInt()).isEqualTo(1);
        assertThat(e1.path("val_action_l1").asDouble()).isPositive();
        assertThat(e1.path("val_action_l1_repeat_last").isNumber()).as(eval.get(1)).isTrue();
        JsonNode metrics = json.readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.size()).isEqualTo(2);
        JsonNode action = metrics.get(1).path("action");
        assertThat(action.path("model").path("l1_per_position").size()).isEqualTo(3);
        assertThat(action.path("mean_action").path("bin_accuracy_per_position").size()).isEqualTo(3);
        JsonNode world = metrics.get(1).path("world");
        assertThat(world.path("samples").asInt()).isEqualTo(3);
        assertThat(world.path("tokenizer_ceiling").path("psnr").asDouble()).isGreaterThan(world.path("model").path("psnr").asDouble() - 80);
        assertThat(out.resolve("epoch0").resolve(Checkpoints.WEIGHTS)).exists();
        assertThat(out.resolve("epoch1").resolve(Checkpoints.WEIGHTS)).exists();

        // auto-resume: a third epoch continues from epoch1
        Result again = run(args(out, "--epochs", "3"));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("resumed from " + out.resolve("epoch1")).doesNotContain("Epoch: [0]");
        assertThat(out.resolve("epoch2")).isDirectory();

        // a checkpoint of another configuration is refused, nothing is touched
        byte[] before = Files.readAllBytes(out.resolve("epoch2").resolve(Checkpoints.WEIGHTS));
        long logSize = Files.size(out.resolve("common.log"));
        List<String> a = new ArrayList<>(List.of(args(out, "--epochs", "4")));
        a.set(a.indexOf("--width") + 1, "48");
        Result other = run(a.toArray(String[]::new));
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("cannot resume from " + out.resolve("epoch2")).contains("another configuration")
                .contains("width 32").contains("width 48");
        assertThat(Files.readAllBytes(out.resolve("epoch2").resolve(Checkpoints.WEIGHTS))).isEqualTo(before);
        assertThat(Files.size(out.resolve("common.log"))).isEqualTo(logSize);
        assertThat(out.resolve("epoch3")).doesNotExist();
    }

    @Test
    void theExportFollowsWorldVlasSplitAndLayout() throws Exception {
        ExportData data = ExportData.read(export);
        String m = Files.readString(export.resolve("manifest.json"));
        long trjs;
        try (var s = Files.list(export.resolve("files/libero_tiny").toFile().listFiles()[0].toPath())) {
            trjs = s.count();
        }
        long val = trjs - (long) Math.ceil(0.9 * trjs);
        assertThat(val).isPositive();
        // 10 steps a trajectory: steps 0..7 have 3 future actions, steps 0..8 a next frame
        assertThat(data.records("val_ind", EncodedSample.Kind.ACTION)).as(m).hasSize((int) (8 * val));
        assertThat(data.records("val_ind", EncodedSample.Kind.WORLD)).hasSize((int) (9 * val));
        assertThat(data.records("train", EncodedSample.Kind.ACTION)).hasSize((int) (8 * (trjs - val)));
        ExportData.Record first = data.records("train", EncodedSample.Kind.ACTION).get(0);
        assertThat(first.images()).hasSize(1);
        assertThat(first.taskText()).isNotBlank().doesNotContain("_");
        assertThat(data.records("train", EncodedSample.Kind.ACTION).get(1).images()).hasSize(2);
        assertThat(ExportData.readNpy(first.actions().get(0))).hasSize(7);
    }

    @Test
    void aSeedGivesTheSameCheckpointTwice() throws Exception {
        Result a = run(args(dir.resolve("seed-a"), "--epochs", "1", "--seed", "5", "--eval_samples", "1"));
        Result b = run(args(dir.resolve("seed-b"), "--epochs", "1", "--seed", "5", "--eval_samples", "1"));
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("seed-a/epoch0/weights.ndlist")))
                .isEqualTo(Files.readAllBytes(dir.resolve("seed-b/epoch0/weights.ndlist")));
    }

    @Test
    void anExportWithoutWorldSamplesIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path noWorld = ExportFixture.write(dir.resolve("export-noworld"), "libero_tiny", suite, 2, 3, 6, false);
        Path out = dir.resolve("noworld-run");
        List<String> a = new ArrayList<>(List.of(args(out, "--epochs", "1")));
        a.set(1, noWorld.toString());
        Result r = run(a.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(noWorld.toString()).contains("no world-model samples");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTokenizerThatChangedSinceTheExportIsRefused() throws Exception {
        Path copy = dir.resolve("export-tok");
        Files.createDirectories(copy);
        for (Path p : List.of(Path.of("convs"))) {
            try (var s = Files.walk(export.resolve(p))) {
                for (Path f : s.toList()) {
                    Path t = copy.resolve(export.relativize(f));
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(f, t);
                    }
                }
            }
        }
        String manifest = Files.readString(export.resolve("manifest.json"));
        Files.writeString(copy.resolve("manifest.json"), manifest.replaceFirst("\\{", "{\"tokenizer\": {\"id\": \"builtin\", "
                + "\"fingerprint\": \"0123456789abcdef\"},"));
        Path out = dir.resolve("tok-run");
        List<String> a = new ArrayList<>(List.of(args(out, "--epochs", "1")));
        a.set(1, copy.toString());
        Result r = run(a.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("changed since the export").contains("0123456789ab").contains(tokenizer.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void theTimeLimitStopsEvaluatesAndSaves() throws Exception {
        Path out = dir.resolve("limited");
        Result r = run(args(out, "--epochs", "500", "--max_minutes", "0.01", "--eval_samples", "1"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("time limit of 0.01 minutes reached");
        assertThat(Checkpoints.latest(out)).isPresent();
        assertThat(Files.readAllLines(out.resolve("log_eval_ind.txt"))).isNotEmpty();
    }

    @Test
    void sigtermStopsTheProcessCleanlyBetweenSteps() throws Exception {
        Path out = dir.resolve("cancelled");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StudioModelMain.class.getName()));
        cmd.addAll(List.of(args(out, "--epochs", "500", "--eval_samples", "1")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("cancel.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                Path log = out.resolve("common.log");
                if (Files.isRegularFile(log) && Files.readString(log).contains("Epoch: [0]  [")) {
                    break;
                }
                Thread.sleep(100);
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String child = Files.readString(dir.resolve("cancel.out"));
        assertThat(out.resolve("common.log")).as(child).exists();
        String log = Files.readString(out.resolve("common.log"));
        assertThat(log).contains("Epoch: [0]  [").contains("stopped on request at epoch");
        assertThat(Files.readString(dir.resolve("cancel.out"))).doesNotContain("Exception");
    }

    @Test
    void predictionsRollOutTheWorldModelAndPredictChunksWithStepAlignment() throws Exception {
        Path out = dir.resolve("predict-run");
        Result r = run(args(out, "--epochs", "1", "--eval_samples", "1"));
        assertThat(r.code()).as(r.err()).isZero();
        TorchRuntime runtime = new TorchRuntime(TorchSettings.defaults().withThreads(1));
        Path ckpt = StudioPredictor.resolveCheckpoint(out, null);
        assertThat(ckpt).isEqualTo(out.resolve("epoch0"));
        try (StudioPredictor p = StudioPredictor.open(ckpt, runtime, null);
             DemoFile f = new Hdf5DemoReader().open(suite.get(0))) {
            io.vlastudio.dataset.Demo demo = f.openDemo(f.demos().get(0).name());
            List<StudioPredictor.PredictedFrame> tf = p.rollout(demo, 2, 3, false, StudioPredictor.Progress.NONE);
            List<StudioPredictor.PredictedFrame> ol = p.rollout(demo, 2, 3, true, StudioPredictor.Progress.NONE);
            assertThat(tf).extracting(StudioPredictor.PredictedFrame::step).containsExactly(3, 4, 5);
            assertThat(ol).extracting(StudioPredictor.PredictedFrame::step).containsExactly(3, 4, 5);
            // the first step of both modes starts from the same real frame
            assertThat(ol.get(0).frame().rgb()).isEqualTo(tf.get(0).frame().rgb());
            io.vlastudio.dataset.Frame raw = demo.frame("agentview", 3, Orientation.RAW);
            assertThat(tf.get(0).frame().width()).isEqualTo(raw.width());
            assertThat(tf.get(0).frame().height()).isEqualTo(raw.height());
            assertThat(tf.get(0).frame().orientation()).isEqualTo(Orientation.RAW);
            List<StudioPredictor.Chunk> chunks = p.actionChunks(demo, StudioPredictor.taskText(suite.get(0)), 0, 6, 3,
                    StudioPredictor.Progress.NONE);
            assertThat(chunks).extracting(StudioPredictor.Chunk::start).containsExactly(0, 3, 6);
            assertThat(chunks.get(0).actions()).hasDimensions(3, 7);
            Path pred = dir.resolve("pred");
            p.write(pred, "predict-run", "teacher-forced", 2, suite.get(0), demo, tf, chunks);
            assertThat(pred.resolve("frame_000003.png")).exists();
            assertThat(pred.resolve("frame_000005.png")).exists();
            JsonNode meta = new ObjectMapper().readTree(pred.resolve("meta.json").toFile());
            assertThat(meta.path("format").asText()).isEqualTo("vla-studio-predictions");
            assertThat(meta.path("checkpoint").asText()).isEqualTo("epoch0");
            assertThat(meta.path("orientation").asText()).isEqualTo("raw");
            assertThat(meta.path("demo").path("length").asInt()).isEqualTo(demo.length());
            JsonNode acts = new ObjectMapper().readTree(pred.resolve("actions.json").toFile());
            assertThat(acts.path("chunks").get(1).path("start").asInt()).isEqualTo(3);
            assertThat(acts.path("chunks").get(1).path("actions").get(2).size()).isEqualTo(7);
            // what predict writes, the predictions API reads back whole and scores step by step
            io.vlastudio.training.predictions.PredictionSet set = io.vlastudio.training.predictions.PredictionSet.open(pred);
            assertThat(set.problems(demo)).isEmpty();
            assertThat(set.chunks()).hasSize(3);
            assertThat(io.vlastudio.training.predictions.PredictionMetrics.score(set, demo)).allSatisfy(s -> {
                assertThat(s.psnr()).isFinite();
                assertThat(s.ssim()).isBetween(0.0, 1.0);
            }).extracting(io.vlastudio.training.predictions.FrameScore::step).containsExactly(3, 4, 5);
        }
        // a tokenizer that changed since training is refused
        Path changed = dir.resolve("tokenizer-changed");
        Files.createDirectories(changed);
        try (var s = Files.list(tokenizer)) {
            for (Path f : s.toList()) {
                Files.copy(f, changed.resolve(f.getFileName()));
            }
        }
        byte[] cb = Files.readAllBytes(changed.resolve(PatchCodebookTokenizer.CODEBOOK));
        cb[0] ^= 1;
        Files.write(changed.resolve(PatchCodebookTokenizer.CODEBOOK), cb);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StudioPredictor.open(ckpt, runtime, changed).close())
                .hasMessageContaining("changed since training").hasMessageContaining(changed.toString());
    }

    @Test
    void theAblationComparesBothMasksPerChunkPosition() throws Exception {
        Path abl = dir.resolve("ablation");
        for (String mask : List.of("action", "causal")) {
            Result r = run(args(abl.resolve(mask), "--epochs", "1", "--mask", mask, "--eval_samples", "2"));
            assertThat(r.code()).as(r.err()).isZero();
        }
        String table = StudioAblation.compare(abl);
        assertThat(table).contains("| position | action mask | causal mask | repeat last action | mean action |")
                .contains("| 3 | ");
        JsonNode j = new ObjectMapper().readTree(abl.resolve("ablation.json").toFile());
        assertThat(j.path("positions").size()).isEqualTo(3);
        assertThat(Checkpoints.readSpec(abl.resolve("causal/epoch0")).mask()).isEqualTo("causal");
    }
}
