package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.training.TinyStudioModelData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio model as a launcher target, end to end through the CLI with real processes: a tiny WorldVLA export, the
 * workspace's built-in tokenizer, {@code run create --target studio-model}, {@code run start --wait} (the model
 * trains in its own JVM), {@code run status --json}, then {@code predict RUN} writing into the workspace (contract C).
 */
class StudioModelRunEndToEndTest {

    @TempDir
    static Path dir;
    static CliRunner cli;
    static Path ws;
    static Path export;
    static List<Path> suite;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        Path home = dir.resolve("home");
        cli = new CliRunner(home);
        ws = dir.resolve("ws");
        // the suite, the studio's built-in tokenizer trained small on it (the planner passes its folder), its export
        TinyStudioModelData data = TinyStudioModelData.write(new AppContext(new StudioPaths(home)), dir);
        suite = data.suite();
        export = data.export();
    }

    @Test
    void trainsAsALauncherTargetAndPredictsIntoTheWorkspace() throws Exception {
        CliRunner.Result created = cli.run("run", "create", "tiny", "--workspace", ws.toString(), "--export", export.toString(),
                "--target", "studio-model", "--epochs", "1", "--layers", "1", "--width", "32", "--heads", "2",
                "--batch-size", "16", "--eval-samples", "3", "--threads", "1", "--seed", "7", "--max-minutes", "5");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("created run tiny (studio-model, 1 epochs, 1 layers x 32 wide, action mask, seed 7)");

        CliRunner.Result preview = cli.run("run", "preview", "tiny", "--workspace", ws.toString(), "--json");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        JsonNode train = JSON.readTree(preview.out().strip()).path("train");
        List<String> argv = new ArrayList<>();
        train.path("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv).contains("io.vlastudio.training.studio.StudioModelMain", "--no_auto_resume");
        assertThat(argv.get(argv.indexOf("--tokenizer") + 1)).isEqualTo(new StudioPaths(dir.resolve("home")).builtinTokenizer().toString());
        assertThat(argv.get(argv.indexOf("--seed") + 1)).isEqualTo("7");
        assertThat(argv.get(argv.indexOf("--max_minutes") + 1)).isEqualTo("5");
        assertThat(argv.get(argv.indexOf("--mask") + 1)).isEqualTo("action");
        assertThat(argv.get(argv.indexOf("--threads") + 1)).isEqualTo("1");
        assertThat(argv).doesNotContain("--worldvla");

        CliRunner.Result started = cli.run("run", "start", "tiny", "--workspace", ws.toString(), "--wait");
        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
        assertThat(started.out()).contains("run tiny succeeded");

        CliRunner.Result status = cli.run("run", "status", "tiny", "--workspace", ws.toString(), "--json");
        JsonNode s = JSON.readTree(status.out());
        assertThat(s.path("status").asText()).as(status.out()).isEqualTo("succeeded");
        assertThat(s.path("checkpoints").toString()).contains("epoch0");
        assertThat(s.path("finalMetrics").size()).as(status.out()).isPositive();
        Path output = ws.resolve("runs").resolve("tiny").resolve("output");
        assertThat(output.resolve("epoch0")).isDirectory();
        assertThat(Files.readString(output.resolve("common.log"))).contains("Epoch: [0]  [0/");

        Path file = suite.get(0);
        CliRunner.Result predicted = cli.run("predict", "tiny", "--workspace", ws.toString(), "--demo", file + "#demo_0",
                "--mode", "teacher-forced", "--steps", "3");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        String stem = file.getFileName().toString().replaceFirst("\\.hdf5$", "");
        Path folder = ws.resolve("predictions").resolve("tiny").resolve("epoch0").resolve("teacher-forced").resolve(stem + "#demo_0");
        assertThat(predicted.out()).contains(folder.toString());
        JsonNode meta = JSON.readTree(folder.resolve("meta.json").toFile());
        assertThat(meta.path("run").asText()).isEqualTo("tiny");
        assertThat(meta.path("checkpoint").asText()).isEqualTo("epoch0");
        assertThat(meta.path("mode").asText()).isEqualTo("teacher-forced");
        try (var frames = Files.list(folder)) {
            List<String> names = frames.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("frame_")).sorted().toList();
            assertThat(names).hasSize(3);
            BufferedImage img = ImageIO.read(folder.resolve(names.get(0)).toFile());
            assertThat(img.getWidth()).isEqualTo(32);
        }
        assertThat(folder.resolve("actions.json")).exists();

        // the same again is refused: predictions are never written over
        CliRunner.Result again = cli.run("predict", "tiny", "--workspace", ws.toString(), "--demo", file + "#demo_0",
                "--mode", "teacher-forced", "--steps", "3");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("is not empty");
    }

    @Test
    void stopsCleanlyAndResumesFromTheLatestEpoch() throws Exception {
        Path w = dir.resolve("ws-stop");
        CliRunner.Result created = cli.run("run", "create", "long", "--workspace", w.toString(), "--export", export.toString(),
                "--target", "studio-model", "--epochs", "200", "--layers", "1", "--width", "32", "--heads", "2",
                "--batch-size", "16", "--eval-samples", "2", "--threads", "1");
        assertThat(created.exitCode()).as(created.err()).isZero();
        // detached: a supervisor JVM follows the run, the model trains in a third JVM
        CliRunner.Result started = cli.run("run", "start", "long", "--workspace", w.toString());
        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
        Path output = w.resolve("runs").resolve("long").resolve("output");
        long end = System.nanoTime() + 90_000_000_000L;
        while (!Files.isDirectory(output.resolve("epoch0"))) {
            assertThat(System.nanoTime()).as("a first checkpoint within 90 s").isLessThan(end);
            Thread.sleep(200);
        }
        CliRunner.Result live = cli.run("run", "status", "long", "--workspace", w.toString(), "--json");
        JsonNode running = JSON.readTree(live.out());
        assertThat(running.path("status").asText()).as(live.out()).isEqualTo("running");
        assertThat(running.path("stage").asText()).isEqualTo("train");

        CliRunner.Result stopped = cli.run("run", "stop", "long", "--workspace", w.toString(), "--json");
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        JsonNode st = JSON.readTree(cli.run("run", "status", "long", "--workspace", w.toString(), "--json").out());
        end = System.nanoTime() + 60_000_000_000L;
        while (!st.path("status").asText().equals("stopped")) {
            assertThat(System.nanoTime()).as("stopped within 60 s: " + st).isLessThan(end);
            Thread.sleep(200);
            st = JSON.readTree(cli.run("run", "status", "long", "--workspace", w.toString(), "--json").out());
        }
        int latest;
        try (var ls = Files.list(output)) {
            latest = ls.map(p -> p.getFileName().toString()).filter(n -> n.matches("epoch\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(5))).max().orElseThrow();
        }
        assertThat(latest).as("stopped long before 200 epochs").isLessThan(199);

        // resume: two more epochs from the latest checkpoint, in the same run folder
        CliRunner.Result shorter = cli.run("run", "create", "long", "--workspace", w.toString(), "--replace", "--epochs",
                Integer.toString(latest + 2));
        assertThat(shorter.exitCode()).as(shorter.err()).isZero();
        CliRunner.Result resumed = cli.run("run", "resume", "long", "--workspace", w.toString(), "--wait");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        String log = Files.readString(w.resolve("runs").resolve("long").resolve("logs").resolve("train.log"));
        assertThat(log).contains("resumed from " + output.resolve("epoch" + latest));
        assertThat(output.resolve("epoch" + (latest + 1))).isDirectory();
        JsonNode done = JSON.readTree(cli.run("run", "status", "long", "--workspace", w.toString(), "--json").out());
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aStudioModelRunNeedsNoWorldVlaButTellsWhatIsMissing() {
        CliRunner bare = new CliRunner(dir.resolve("bare-home"));
        Path w = dir.resolve("ws-bare");
        CliRunner.Result created = bare.run("run", "create", "bare", "--workspace", w.toString(), "--export", export.toString(),
                "--target", "studio-model");
        assertThat(created.exitCode()).as(created.err()).isZero();
        CliRunner.Result started = bare.run("run", "start", "bare", "--workspace", w.toString(), "--wait");
        assertThat(started.exitCode()).isEqualTo(3);
        assertThat(started.err()).contains("no built-in image tokenizer yet").contains("vla-studio tokens images")
                .doesNotContain("WorldVLA checkout").doesNotContain("GPU");
        CliRunner.Result unknown = bare.run("predict", "nosuch", "--workspace", w.toString(), "--demo", "x.hdf5#demo_0",
                "--mode", "teacher-forced");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("'nosuch' is neither a folder nor a run of workspace");
    }
}
