package io.vlastudio.app.cli;

import io.vlastudio.dataset.StepRange;
import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.CodebookUsage;
import io.vlastudio.tokenizer.image.FrameReconstruction;
import io.vlastudio.tokenizer.image.ImageTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.image.TokenizerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vla-studio tokens images FILE --demo D [--tokenizer DIR|builtin] --out DIR}. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"Runs a demo's frames through an image tokenizer and writes each reconstruction as",
                "reconstruction_NNNNNN.png (NNNNNN = step) plus metrics.csv (step, psnr, ssim, distinct_codes).",
                "Frames are fitted to the tokenizer's resolution first (the report says how)."})
final class TokenImagesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DemoSelection target;

    @Option(names = "--tokenizer", defaultValue = "builtin",
            description = {"a folder with encoder.pt, decoder.pt and vqgan-torchscript.json (see `tokens export-script`),",
                    "or builtin: the studio's own tokenizer, trained on FILE on first use; default: ${DEFAULT-VALUE}"})
    private String tokenizer;

    @Option(names = "--camera", defaultValue = "agentview", description = "camera; default: ${DEFAULT-VALUE}")
    private String camera;

    @Option(names = "--orientation", defaultValue = "rot180",
            description = "raw, upright or rot180 (what WorldVLA trains on); default: ${DEFAULT-VALUE}")
    private String orientation;

    @Option(names = "--from", defaultValue = "0", description = "first step (default: ${DEFAULT-VALUE})")
    private int from;

    @Option(names = "--to", description = "step after the last one (exclusive; default: the demo's length)")
    private Integer to;

    @Option(names = "--out", required = true, description = "output folder (created if missing)")
    private Path out;

    private final AppContext context;

    TokenImagesCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path file = target.file();
        String demo = target.demo();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Orientation o;
        try {
            o = Orientation.fromId(orientation);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try (DemoFile f = context.reader().open(file)) {
            Demo d = target.open(f);
            int end = to == null ? d.length() : Math.min(to, d.length());
            if (from < 0 || from >= end) {
                err.println("error: " + file + " " + demo + " has steps " + StepRange.format(0, d.length()) + "; --from " + from + " --to "
                        + end + " selects none");
                return 2;
            }
            try (ImageTokenizer t = openTokenizer(f, stdout)) {
                stdout.println("tokenizer: " + t.description());
                Files.createDirectories(out);
                List<CodeGrid> grids = new ArrayList<>();
                double psnrSum = 0;
                double ssimSum = 0;
                String note = "";
                try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("metrics.csv"))) {
                    csv.write("step,psnr,ssim,distinct_codes\n");
                    for (int step = from; step < end; step++) {
                        FrameReconstruction r = context.reconstructor().reconstruct(t, d.frame(camera, step, o), step);
                        writePng(r.reconstruction(), out.resolve(String.format("reconstruction_%06d.png", step)));
                        grids.add(r.codes());
                        psnrSum += r.psnr();
                        ssimSum += r.ssim();
                        note = r.fitNote();
                        csv.write(String.format(Locale.ROOT, "%d,%.4f,%.6f,%d%n", step, r.psnr(), r.ssim(),
                                java.util.Arrays.stream(r.codes().codes()).distinct().count()));
                    }
                }
                int n = end - from;
                CodebookUsage usage = CodebookUsage.of(t.codebookSize(), grids);
                if (!note.isEmpty()) {
                    stdout.println("frames: " + note);
                }
                stdout.println(String.format(Locale.ROOT, "wrote %d reconstructions (%s, %s) and metrics.csv to %s", n, camera,
                        o.id(), out));
                stdout.println(String.format(Locale.ROOT, "mean PSNR %.2f dB, mean SSIM %.4f; %d of %d codes used (%d dead)",
                        psnrSum / n, ssimSum / n, usage.usedCodes(), usage.codebookSize(), usage.deadCodes()));
            }
            return 0;
        } catch (DatasetException | TokenizerException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private ImageTokenizer openTokenizer(DemoFile f, PrintWriter stdout) throws IOException {
        if (!tokenizer.equals("builtin")) {
            return context.imageTokenizers().open(Path.of(tokenizer));
        }
        if (context.builtinTokenizer().exists()) {
            return context.builtinTokenizer().open();
        }
        stdout.println("training the built-in tokenizer on " + f.path().getFileName() + " (first use; saved in "
                + context.builtinTokenizer().folder() + ")");
        PatchCodebookTokenizer trained = context.builtinTokenizer().train(List.of(f), PatchCodebookTrainer.Settings.defaults(),
                (done, total, message) -> { }, () -> false);
        stdout.println(String.format(Locale.ROOT, "trained in %.1f s on %d frames", trained.info().seconds(),
                trained.info().trainFrames()));
        return trained;
    }

    private static void writePng(Frame frame, Path target) throws IOException {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, frame.width(), frame.height(), frame.toArgb(), 0, frame.width());
        if (!ImageIO.write(image, "png", target.toFile())) {
            throw new IOException("no PNG writer available for " + target);
        }
    }
}
