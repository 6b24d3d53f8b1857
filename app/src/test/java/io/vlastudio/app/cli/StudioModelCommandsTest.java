package io.vlastudio.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The argument checks of {@code predict} and {@code model train}; training and prediction themselves are tested in training-launcher. */
class StudioModelCommandsTest {

    @TempDir
    static Path dir;
    private static CliRunner cli;

    @BeforeAll
    static void setUp() {
        cli = new CliRunner(dir.resolve("home"));
    }

    @Test
    void predictWantsFileHashDemo() {
        CliRunner.Result r = cli.run("predict", dir.toString(), "--demo", "x.hdf5", "--mode", "teacher-forced", "--out",
                dir.resolve("p").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--demo must be FILE#DEMO");
    }

    @Test
    void predictRefusesAnUnknownModeAndANonEmptyOutputFolder() throws Exception {
        CliRunner.Result mode = cli.run("predict", dir.toString(), "--demo", "x.hdf5#demo_0", "--mode", "closed-loop", "--out",
                dir.resolve("p").toString());
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("teacher-forced or open-loop");
        Path out = dir.resolve("busy");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRunner.Result busy = cli.run("predict", dir.toString(), "--demo", "x.hdf5#demo_0", "--mode", "open-loop", "--out",
                out.toString());
        assertThat(busy.exitCode()).isEqualTo(2);
        assertThat(busy.err()).contains("is not empty");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void predictSaysWhenARunHasNoCheckpoint() throws Exception {
        Path run = dir.resolve("empty-run");
        Files.createDirectories(run);
        CliRunner.Result r = cli.run("predict", run.toString(), "--demo", "x.hdf5#demo_0", "--mode", "open-loop", "--out",
                dir.resolve("p2").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(run.toString()).contains("holds no studio-model checkpoint");
    }

    @Test
    void modelTrainNeedsATokenizer() {
        CliRunner.Result r = cli.run("model", "train", "--export", dir.resolve("export").toString(), "--out",
                dir.resolve("run").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no built-in image tokenizer yet").contains("--tokenizer");
        assertThat(dir.resolve("run")).doesNotExist();
    }
}
