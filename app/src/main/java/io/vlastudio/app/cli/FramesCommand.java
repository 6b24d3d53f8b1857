package io.vlastudio.app.cli;

import io.vlastudio.dataset.StepRange;
import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vla-studio frames FILE --demo D --camera C --out DIR}: one PNG a step. */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = {"Writes a demo's camera frames as PNG files named frame_NNNNNN.png (NNNNNN = step number).",
                "Frames are turned as asked; the file on disk is never changed."})
final class FramesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DemoSelection target;

    @Option(names = "--camera", required = true, description = "camera name, e.g. agentview or eye_in_hand")
    private String camera;

    @Option(names = "--from", defaultValue = "0", description = "first step (default: ${DEFAULT-VALUE})")
    private int from;

    @Option(names = "--to", description = "step after the last one written (exclusive; default: the demo's length)")
    private Integer to;

    @Option(names = "--orientation", defaultValue = "upright",
            description = "raw, upright (vertical flip) or rot180 (what WorldVLA trains on); default: ${DEFAULT-VALUE}")
    private String orientation;

    @Option(names = "--out", required = true, description = "output folder (created if missing)")
    private Path out;

    private final AppContext context;

    FramesCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path file = target.file();
        String demo = target.demo();
        Orientation o;
        try {
            o = Orientation.fromId(orientation);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        try (DemoFile f = context.reader().open(file)) {
            Demo d = target.open(f);
            int end = to == null ? d.length() : Math.min(to, d.length());
            if (from < 0 || from >= end) {
                spec.commandLine().getErr().println("error: " + file + " " + demo + " has steps " + StepRange.format(0, d.length())
                        + "; --from " + from + " --to " + end + " selects none");
                return 2;
            }
            Files.createDirectories(out);
            for (int step = from; step < end; step++) {
                Frame frame = d.frame(camera, step, o);
                BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
                image.setRGB(0, 0, frame.width(), frame.height(), frame.toArgb(), 0, frame.width());
                Path target = out.resolve(String.format("frame_%06d.png", step));
                if (!ImageIO.write(image, "png", target.toFile())) {
                    throw new IOException("no PNG writer available for " + target);
                }
            }
            spec.commandLine().getOut().println("wrote " + (end - from) + " frames (" + o.id() + ") to " + out);
            return 0;
        } catch (DatasetException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}
