package io.vlastudio.app.cli;

import io.vlastudio.dataset.testing.Formulas;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FramesCommandTest {

    @TempDir
    static Path dir;
    private static CliRunner cli;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
        cli = new CliRunner(dir.resolve("home"));
    }

    @Test
    void writesOnePngPerStepNamedByStepNumberRotatedAsAsked() throws Exception {
        Path out = dir.resolve("frames");
        CliRunner.Result r = cli.run("frames", dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5").toString(),
                "--demo", "demo_3", "--camera", "agentview", "--from", "4", "--to", "7", "--orientation", "rot180",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame_000004.png", "frame_000005.png", "frame_000006.png");
        }
        BufferedImage image = ImageIO.read(out.resolve("frame_000005.png").toFile());
        int side = Formulas.SIDE;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = image.getRGB(x, y);
                int sx = side - 1 - x;
                int sy = side - 1 - y;
                assertThat((rgb >> 16) & 0xFF).isEqualTo(Formulas.pixel(3, 0, 5, sy, sx, 0));
                assertThat(rgb & 0xFF).isEqualTo(Formulas.pixel(3, 0, 5, sy, sx, 2));
            }
        }
    }

    @Test
    void namesTheCamerasWhenAskedForOneThatDoesNotExist() {
        CliRunner.Result r = cli.run("frames", dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5").toString(),
                "--demo", "demo_3", "--camera", "frontview", "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("[agentview, eye_in_hand]", "'frontview'");
    }

    @Test
    void everyPerDemoCommandRefusesAMissingDemoAlikeNamingTheDemosThere() {
        String file = dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5").toString();
        CliRunner.Result frames = cli.run("frames", file, "--demo", "demo_99", "--camera", "agentview", "--out",
                dir.resolve("none-1").toString());
        CliRunner.Result actions = cli.run("tokens", "actions", file, "--demo", "demo_99");
        CliRunner.Result images = cli.run("tokens", "images", file, "--demo", "demo_99", "--out", dir.resolve("none-2").toString());
        assertThat(frames.exitCode()).isEqualTo(1);
        assertThat(frames.err()).startsWith("error: " + file).contains("demo_99", "demo_0, demo_1");
        for (CliRunner.Result r : java.util.List.of(actions, images)) {
            assertThat(r.exitCode()).isEqualTo(frames.exitCode());
            assertThat(r.err()).isEqualTo(frames.err());
        }
        assertThat(dir.resolve("none-1")).doesNotExist();
        assertThat(dir.resolve("none-2")).doesNotExist();
    }
}
