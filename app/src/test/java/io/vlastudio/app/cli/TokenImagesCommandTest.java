package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.ImageQuality;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.testing.TinyVqGan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokenImagesCommandTest {

    @TempDir
    static Path dir;
    private static CliRunner cli;
    private static Path file;
    private static Path vqgan;

    @BeforeAll
    static void writeFixtures() throws Exception {
        file = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_synthetic"),
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(1).withDemosPerTask(2).withImageSize(32),
                Progress.NONE, () -> false).get(0);
        vqgan = TinyVqGan.copyTo(dir.resolve("vqgan"), false);
        cli = new CliRunner(dir.resolve("home"));
    }

    @Test
    void writesAReconstructionPerStepAndTheirPsnrAndSsim() throws Exception {
        Path out = dir.resolve("out-vq");
        CliRunner.Result r = cli.run("tokens", "images", file.toString(), "--demo", "demo_1", "--tokenizer", vqgan.toString(),
                "--from", "3", "--to", "6", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Chameleon VQ-GAN (TorchScript", "frames: 32x32 frame resized to 256x256 (bicubic)",
                "wrote 3 reconstructions (agentview, rot180)", "of 256 codes used");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("metrics.csv",
                    "reconstruction_000003.png", "reconstruction_000004.png", "reconstruction_000005.png");
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).isEqualTo("step,psnr,ssim,distinct_codes");

        // the PSNR of a row is the PSNR of the written PNG against the fitted frame
        Frame original;
        try (DemoFile f = new AppContext(new StudioPaths(dir.resolve("home2"))).reader().open(file)) {
            original = new FrameFitter().fit(f.openDemo("demo_1").frame("agentview", 4, Orientation.ROT180), 256).frame();
        }
        BufferedImage png = ImageIO.read(out.resolve("reconstruction_000004.png").toFile());
        byte[] rgb = new byte[256 * 256 * 3];
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int p = png.getRGB(x, y);
                rgb[(y * 256 + x) * 3] = (byte) (p >> 16);
                rgb[(y * 256 + x) * 3 + 1] = (byte) (p >> 8);
                rgb[(y * 256 + x) * 3 + 2] = (byte) p;
            }
        }
        String[] row = csv.get(2).split(",");
        assertThat(row[0]).isEqualTo("4");
        Frame back = new Frame(256, 256, Orientation.ROT180, rgb);
        assertThat(Double.parseDouble(row[1])).isCloseTo(ImageQuality.psnr(original, back), within(1e-4));
        assertThat(Double.parseDouble(row[2])).isCloseTo(ImageQuality.ssim(original, back), within(1e-6));
    }

    @Test
    void usesTheWorkspacesBuiltinTokenizer() throws Exception {
        AppContext context = new AppContext(new StudioPaths(dir.resolve("home")));
        try (DemoFile f = context.reader().open(file);
             PatchCodebookTokenizer t = context.builtinTokenizer().train(List.of(f), PatchCodebookTrainer.Settings.defaults()
                     .withCodebookSize(32).withIterations(2).withMaxPatches(2000).withFrameStride(10), Progress.NONE, () -> false)) {
            assertThat(t.codebookSize()).isEqualTo(32);
        }
        Path out = dir.resolve("out-builtin");
        CliRunner.Result r = cli.run("tokens", "images", file.toString(), "--demo", "demo_0", "--to", "2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("built-in patch codebook (32 codes", "of 32 codes used");
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3);
    }

    @Test
    void namesTheFolderWhenItHoldsNoTokenizer() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result r = cli.run("tokens", "images", file.toString(), "--demo", "demo_0", "--tokenizer", empty.toString(),
                "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(empty + ": expected a folder with encoder.pt, decoder.pt and vqgan-torchscript.json",
                "export_chameleon_vqgan.py");
    }

    @Test
    void printsTheExportScript() {
        CliRunner.Result r = cli.run("tokens", "export-script");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("def main(argv=None):", "--ckpt");
    }
}
