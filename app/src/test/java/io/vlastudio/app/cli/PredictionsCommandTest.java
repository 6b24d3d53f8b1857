package io.vlastudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.training.export.PngEncoder;
import io.vlastudio.training.predictions.ActionChunk;
import io.vlastudio.training.predictions.PredictionMeta;
import io.vlastudio.training.predictions.PredictionsFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code vla-studio predictions list|show|metrics|export} end to end on a sample-suite demo, with predictions folders
 * written by the same writer {@code vla-studio predict} uses: a perfect teacher-forced set (every frame the real one of
 * its step, chunks equal to the recorded actions) and an open-loop set that lags one step behind (each frame the real
 * one of the step before) with its gripper flipped.
 */
class PredictionsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static CliRunner cli;
    private static Path ws;
    private static Path file;
    private static String demoRef;
    private static String demoName;
    private static int length;

    @BeforeAll
    static void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("home"));
        Path suite = dir.resolve("libero_synth");
        CliRunner.Result sample = cli.run("sample", "--out", suite.toString(), "--variant", "no_noops", "--tasks", "1",
                "--demos", "2", "--image-size", "64", "--seed", "5");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        try (Stream<Path> s = Files.list(suite)) {
            file = s.filter(p -> p.toString().endsWith(".hdf5")).findFirst().orElseThrow();
        }
        ws = dir.resolve("ws");
        try (DemoFile f = new Hdf5DemoReader().open(file)) {
            Demo demo = f.openDemo(f.demos().get(0).name());
            length = demo.length();
            demoName = demo.name();
            demoRef = file + "#" + demoName;
            double[][] rec = demo.actions();
            List<ActionChunk> exact = new ArrayList<>();
            List<ActionChunk> flipped = new ArrayList<>();
            for (int t = 0; t + 3 <= length; t += 3) {
                double[][] a = {rec[t].clone(), rec[t + 1].clone(), rec[t + 2].clone()};
                exact.add(new ActionChunk(t, a));
                double[][] b = {rec[t].clone(), rec[t + 1].clone(), rec[t + 2].clone()};
                b[0][6] = -b[0][6];
                flipped.add(new ActionChunk(t, b));
            }
            write(demo, "run-a", "epoch1", PredictionMeta.MODE_TEACHER_FORCED, 0, false, exact);
            write(demo, "run-a", "epoch2", PredictionMeta.MODE_OPEN_LOOP, 0, true, flipped);
        }
    }

    private static void write(Demo demo, String run, String ckpt, String mode, int start, boolean lag,
                              List<ActionChunk> chunks) throws Exception {
        Path out = PredictionsFolder.workspaceFolder(ws, run, ckpt, mode, file, demo.name());
        Files.createDirectories(out);
        PngEncoder png = new PngEncoder();
        Frame first = demo.frame("agentview", 0, Orientation.RAW);
        for (int t = start + 1; t < demo.length(); t++) {
            PredictionsFolder.writeFrame(out, t, demo.frame("agentview", lag ? t - 1 : t, Orientation.RAW), png);
        }
        PredictionsFolder.writeActions(out, chunks);
        PredictionsFolder.writeMeta(out, new PredictionMeta(run, ckpt, PredictionMeta.SOURCE_STUDIO_MODEL, mode, start, file,
                demo.name(), demo.length(), "agentview", "raw", first.width(), first.height()));
    }

    private static JsonNode json(CliRunner.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void listShowsEverySetWithItsFramesAndProblems() throws Exception {
        JsonNode list = json(cli.run("predictions", "list", "--workspace", ws.toString(), "--json"));
        assertThat(list.path("predictions")).hasSize(2);
        JsonNode first = list.path("predictions").get(0);
        assertThat(first.path("run").asText()).isEqualTo("run-a");
        assertThat(first.path("checkpoint").asText()).isEqualTo("epoch1");
        assertThat(first.path("mode").asText()).isEqualTo("teacher-forced");
        assertThat(first.path("demo").path("demo").asText()).isEqualTo(demoName);
        assertThat(first.path("frames").asInt()).isEqualTo(length - 1);
        assertThat(first.path("problems")).isEmpty();

        CliRunner.Result text = cli.run("predictions", "list", "--workspace", ws.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("RUN", "CHECKPOINT", "epoch1", "epoch2", "open-loop", "#" + demoName, "none");
        CliRunner.Result none = cli.run("predictions", "list", "--workspace", dir.resolve("empty-ws").toString());
        assertThat(none.out()).contains("no predictions in").contains("vla-studio predict");
    }

    @Test
    void metricsPrintsPsnrAndSsimPerStepAlignedWithTheRealFrameOfThatStep() throws Exception {
        JsonNode perfect = json(cli.run("predictions", "metrics", "run-a", "--demo", demoRef, "--checkpoint", "epoch1",
                "--workspace", ws.toString(), "--json"));
        JsonNode frames = perfect.path("frames");
        assertThat(frames).hasSize(length - 1);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).path("step").asInt()).isEqualTo(i + 1);
            assertThat(frames.get(i).path("psnr").asDouble()).isEqualTo(80.0);
            assertThat(frames.get(i).path("ssim").asDouble()).isEqualTo(1.0);
            assertThat(frames.get(i).path("horizon").asInt()).isEqualTo(1);
        }
        assertThat(perfect.path("summary").path("psnr_mean").asDouble()).isEqualTo(80.0);

        // one step behind: every frame scores lower, SSIM stays in [0, 1], horizon counts from the start step
        JsonNode lagging = json(cli.run("predictions", "metrics", "run-a", "--demo", demoRef, "--mode", "open-loop",
                "--workspace", ws.toString(), "--json"));
        assertThat(lagging.path("frames")).hasSize(length - 1).allSatisfy(f -> {
            assertThat(f.path("psnr").asDouble()).isLessThan(80.0);
            assertThat(f.path("ssim").asDouble()).isBetween(0.0, 1.0);
            assertThat(f.path("horizon").asInt()).isEqualTo(f.path("step").asInt());
        });
        assertThat(lagging.path("summary").path("by_horizon")).hasSize(length - 1);

        // a predictions folder works as RUN, without --demo (its meta names the demo)
        Path folder = PredictionsFolder.workspaceFolder(ws, "run-a", "epoch1", "teacher-forced", file, demoName);
        JsonNode byFolder = json(cli.run("predictions", "metrics", folder.toString(), "--json"));
        assertThat(byFolder.path("frames")).hasSize(length - 1);

        CliRunner.Result text = cli.run("predictions", "metrics", folder.toString());
        assertThat(text.out()).contains("PSNR dB", "SSIM", "80.00", "1.0000", "mean PSNR 80.00 dB");
    }

    @Test
    void anAmbiguousOrUnknownRunSaysWhatExists() {
        CliRunner.Result both = cli.run("predictions", "metrics", "run-a", "--workspace", ws.toString(), "--json");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("2 predictions sets of run 'run-a' match").contains("run-a · epoch1 · teacher-forced")
                .contains("run-a · epoch2 · open-loop");
        CliRunner.Result unknown = cli.run("predictions", "show", "run-z", "--workspace", ws.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no predictions of run 'run-z'").contains("vla-studio predictions list");
        CliRunner.Result badDemo = cli.run("predictions", "metrics", "run-a", "--demo", "x.hdf5", "--workspace", ws.toString());
        assertThat(badDemo.exitCode()).isEqualTo(2);
        assertThat(badDemo.err()).contains("--demo must be FILE#DEMO");
    }

    @Test
    void showSummarisesTheActionsAgainstTheRecordedOnes() throws Exception {
        JsonNode exact = json(cli.run("predictions", "show", "run-a", "--checkpoint", "epoch1", "--workspace", ws.toString(), "--json"));
        assertThat(exact.path("frames").asInt()).isEqualTo(length - 1);
        assertThat(exact.path("steps").path("first").asInt()).isEqualTo(1);
        assertThat(exact.path("problems")).isEmpty();
        JsonNode a = exact.path("actions");
        assertThat(a.path("chunk_size").asInt()).isEqualTo(3);
        assertThat(a.path("bin_accuracy")).hasSize(3).allSatisfy(v -> assertThat(v.asDouble()).isEqualTo(1.0));
        assertThat(a.path("l1")).allSatisfy(v -> assertThat(v.asDouble()).isZero());
        assertThat(a.path("gripper_disagreements")).isEmpty();

        JsonNode flipped = json(cli.run("predictions", "show", "run-a", "--checkpoint", "epoch2", "--workspace", ws.toString(), "--json"));
        int chunks = flipped.path("actions").path("chunks").asInt();
        // every chunk's first gripper value is flipped: 6 of 7 dimensions share a bin at position 0
        assertThat(flipped.path("actions").path("bin_accuracy").get(0).asDouble()).isEqualTo(6.0 / 7);
        assertThat(flipped.path("actions").path("gripper_disagreements")).hasSize(chunks);
        assertThat(flipped.path("actions").path("gripper_disagreements").get(1).asInt()).isEqualTo(3);

        CliRunner.Result text = cli.run("predictions", "show", "run-a", "--checkpoint", "epoch2", "--workspace", ws.toString());
        assertThat(text.out()).contains("run-a · epoch2 · open-loop", "bin accuracy", "85.7 %", "gripper disagreements: " + chunks);
    }

    @Test
    void exportWritesPngGifAndMp4AndNeverReplacesAFileUnasked() throws Exception {
        Path png = dir.resolve("exports/cmp.png");
        JsonNode strip = json(cli.run("predictions", "export", "run-a", "--checkpoint", "epoch1", "--workspace", ws.toString(),
                "--out", png.toString(), "--steps", "2:6", "--json"));
        assertThat(strip.path("format").asText()).isEqualTo("png");
        assertThat(strip.path("steps").toString()).isEqualTo("[2,3,4,5]");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(strip.path("width").asInt());

        // two checkpoints side by side, named by their folders
        Path gif = dir.resolve("exports/cmp.gif");
        Path f1 = PredictionsFolder.workspaceFolder(ws, "run-a", "epoch1", "teacher-forced", file, demoName);
        Path f2 = PredictionsFolder.workspaceFolder(ws, "run-a", "epoch2", "open-loop", file, demoName);
        CliRunner.Result g = cli.run("predictions", "export", f1.toString(), f2.toString(), "--format", "gif", "--out",
                gif.toString(), "--steps", "1:5", "--fps", "4");
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.out()).contains("wrote " + gif, "4 frames at 4 fps");
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(4);
            reader.dispose();
        }

        Path mp4 = dir.resolve("exports/cmp.mp4");
        JsonNode video = json(cli.run("predictions", "export", f1.toString(), "--out", mp4.toString(), "--steps", "1:21", "--json"));
        assertThat(video.path("frames").asInt()).isEqualTo(20);
        String probe = run("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "json", mp4.toString());
        JsonNode stream = JSON.readTree(probe).path("streams").get(0);
        assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
        assertThat(stream.path("nb_read_frames").asInt()).isEqualTo(20);
        assertThat(stream.path("width").asInt()).isEqualTo(video.path("width").asInt());

        byte[] before = Files.readAllBytes(mp4);
        CliRunner.Result again = cli.run("predictions", "export", f1.toString(), "--out", mp4.toString(), "--steps", "1:3");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists; nothing was written (--force replaces it)");
        assertThat(Files.readAllBytes(mp4)).isEqualTo(before);
        CliRunner.Result forced = cli.run("predictions", "export", f1.toString(), "--out", mp4.toString(), "--steps", "1:3", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(mp4)).isNotEqualTo(before);

        CliRunner.Result noFormat = cli.run("predictions", "export", f1.toString(), "--out", dir.resolve("x.avi").toString());
        assertThat(noFormat.exitCode()).isEqualTo(2);
        assertThat(noFormat.err()).contains("--format png|gif|mp4 is needed");
        try (Stream<Path> s = Files.list(dir.resolve("exports"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("cmp.gif", "cmp.mp4", "cmp.png");
        }
    }

    @Test
    void aDamagedSetIsListedWithItsProblemsAndStillScored() throws Exception {
        Path bad = dir.resolve("bad-set");
        Path good = PredictionsFolder.workspaceFolder(ws, "run-a", "epoch1", "teacher-forced", file, demoName);
        Files.createDirectories(bad);
        try (Stream<Path> s = Files.list(good)) {
            for (Path p : s.toList()) {
                Files.copy(p, bad.resolve(p.getFileName()));
            }
        }
        Files.delete(bad.resolve("frame_000002.png"));
        Files.writeString(bad.resolve("frame_000003.png"), "GIF89a not really");
        JsonNode m = json(cli.run("predictions", "metrics", bad.toString(), "--json"));
        assertThat(m.path("frames")).hasSize(length - 3);
        assertThat(m.path("problems").toString()).contains("frame_000002.png is missing")
                .contains("frame_000003.png: not a PNG (it is a GIF)");
        CliRunner.Result text = cli.run("predictions", "show", bad.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("problems:    2", "frame_000002.png is missing");
    }

    private static String run(String... cmd) throws Exception {
        assertThat(Path.of(cmd[0])).as("ffmpeg is installed (apt-get install ffmpeg; .ci/run installs it)").isExecutable();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
