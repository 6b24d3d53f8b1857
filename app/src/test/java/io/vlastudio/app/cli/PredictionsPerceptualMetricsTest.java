package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.tokenizer.testing.MetricModels;
import io.vlastudio.training.export.PngEncoder;
import io.vlastudio.training.predictions.PredictionMeta;
import io.vlastudio.training.predictions.PredictionsFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code vla-studio predictions metrics --lpips-model F --fvd-model F} on a sample-suite demo with small random-weight
 * TorchScript models (made by the studio's export scripts): a perfect set (every frame the real one) scores LPIPS 0
 * and FVD 0, a set lagging one step does not; a model of the wrong shape is named and the other metrics still show.
 */
class PredictionsPerceptualMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static CliRunner cli;
    private static Path ws;
    private static Path models;
    private static String demoRef;

    @BeforeAll
    static void setUp() throws Exception {
        models = MetricModels.make(dir.resolve("models"));
        cli = new CliRunner(dir.resolve("home"));
        Path suite = dir.resolve("libero_synth");
        CliRunner.Result sample = cli.run("sample", "--out", suite.toString(), "--variant", "no_noops", "--tasks", "1",
                "--demos", "1", "--image-size", "64", "--seed", "5");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        Path file;
        try (Stream<Path> s = Files.list(suite)) {
            file = s.filter(p -> p.toString().endsWith(".hdf5")).findFirst().orElseThrow();
        }
        ws = dir.resolve("ws");
        try (DemoFile f = new Hdf5DemoReader().open(file)) {
            Demo demo = f.openDemo(f.demos().get(0).name());
            demoRef = file + "#" + demo.name();
            write(file, demo, "epoch1", PredictionMeta.MODE_TEACHER_FORCED, false);
            write(file, demo, "epoch2", PredictionMeta.MODE_OPEN_LOOP, true);
        }
    }

    private static void write(Path file, Demo demo, String ckpt, String mode, boolean lag) throws Exception {
        Path out = PredictionsFolder.workspaceFolder(ws, "run-a", ckpt, mode, file, demo.name());
        Files.createDirectories(out);
        PngEncoder png = new PngEncoder();
        int steps = Math.min(demo.length() - 1, 20);
        for (int t = 1; t <= steps; t++) {
            PredictionsFolder.writeFrame(out, t, demo.frame("agentview", lag ? t - 1 : t, Orientation.RAW), png);
        }
        PredictionsFolder.writeActions(out, List.of());
        Frame first = demo.frame("agentview", 0, Orientation.RAW);
        PredictionsFolder.writeMeta(out, new PredictionMeta("run-a", ckpt, PredictionMeta.SOURCE_STUDIO_MODEL, mode, 0, file,
                demo.name(), demo.length(), "agentview", "raw", first.width(), first.height()));
    }

    private JsonNode metrics(String checkpoint, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("predictions", "metrics", "run-a", "--demo", demoRef,
                "--checkpoint", checkpoint, "--workspace", ws.toString(), "--json"));
        args.addAll(List.of(extra));
        CliRunner.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void lpipsPerFrameAndFvdOverTheRolloutAreZeroForPerfectPredictionsOnly() throws Exception {
        String lpips = models.resolve("lpips.pt").toString();
        String i3d = models.resolve("i3d.pt").toString();
        JsonNode perfect = metrics("epoch1", "--lpips-model", lpips, "--fvd-model", i3d, "--fvd-clip", "10");
        assertThat(perfect.path("frames")).isNotEmpty();
        for (JsonNode f : perfect.path("frames")) {
            assertThat(f.path("lpips").asDouble(-1)).as("step %d", f.path("step").asInt()).isEqualTo(0.0);
        }
        assertThat(perfect.path("fvd").asDouble(-1)).isCloseTo(0.0, within(1e-6));
        assertThat(perfect.path("summary").path("fvd").path("clips").asInt()).isEqualTo(2);
        assertThat(perfect.path("summary").path("fvd").path("clip_length").asInt()).isEqualTo(10);

        JsonNode lagging = metrics("epoch2", "--lpips-model", lpips, "--fvd-model", i3d, "--fvd-clip", "10");
        assertThat(lagging.path("summary").path("lpips_mean").asDouble()).isGreaterThan(0);
        assertThat(lagging.path("frames").get(0).has("psnr")).isTrue();
        assertThat(lagging.path("fvd").asDouble()).isGreaterThan(0);
    }

    @Test
    void theExportScriptsArePrintedAndWritten() throws Exception {
        CliRunner.Result lpips = cli.run("predictions", "export-script", "lpips");
        assertThat(lpips.exitCode()).isZero();
        assertThat(lpips.out()).contains("Export LPIPS (VGG, version 0.1)").contains("--random-weights");
        Path file = dir.resolve("export_i3d.py");
        CliRunner.Result i3d = cli.run("predictions", "export-script", "i3d", "--out", file.toString());
        assertThat(i3d.exitCode()).isZero();
        assertThat(Files.readString(file)).contains("forward(video)");
        assertThat(cli.run("predictions", "export-script", "vgg").err()).contains("MODEL must be lpips or i3d");
    }

    @Test
    void tooFewFramesForFvdIsAProblemAndTheOtherMetricsStillShow() throws Exception {
        JsonNode r = metrics("epoch2", "--fvd-model", models.resolve("i3d.pt").toString(), "--fvd-clip", "30");
        assertThat(r.path("fvd").isNull()).isTrue();
        assertThat(r.path("frames")).isNotEmpty();
        assertThat(r.path("problems").toString()).contains("FVD needs at least 2 clips of 30 consecutive predicted frames");
    }

    @Test
    void aModelOfTheWrongShapeIsNamedAndPsnrSsimStillShow() throws Exception {
        Path bad = models.resolve("lpips_rank.pt");
        CliRunner.Result r = cli.run("predictions", "metrics", "run-a", "--demo", demoRef, "--checkpoint", "epoch1",
                "--workspace", ws.toString(), "--json", "--lpips-model", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: LPIPS: " + bad).contains("found float32 (2, 3)");
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("frames").get(0).path("psnr").asDouble()).isEqualTo(80.0);
        assertThat(json.path("frames").get(0).has("lpips")).isFalse();
        assertThat(json.path("problems").toString()).contains(bad.toString());
    }
}
