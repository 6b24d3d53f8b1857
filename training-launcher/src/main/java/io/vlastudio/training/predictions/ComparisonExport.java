package io.vlastudio.training.predictions;

import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.StepRange;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A comparison of predicted frames with the real ones for papers and reports: real | predicted [| predicted 2 ...] |
 * absolute difference (one per prediction, as a heat map), per step, as
 * <ul>
 *   <li>a PNG strip: one labelled row per column kind, the selected steps side by side (at most
 *       {@link #STRIP_STEPS}, evenly spaced);</li>
 *   <li>an animated GIF that loops (ImageIO's GIF writer with the NETSCAPE2.0 loop extension);</li>
 *   <li>an MP4 (H.264, JCodec: pure Java, no ffmpeg needed on the user's machine).</li>
 * </ul>
 * Frames are shown upright by default. The file is written to a temporary file next to the target and moved into place
 * when complete; an existing file is replaced only with {@code force}.
 */
public final class ComparisonExport {

    /** Most steps a PNG strip shows side by side. */
    public static final int STRIP_STEPS = 12;
    /** Frames narrower than this are scaled up (nearest neighbour, integer factor) so the labels fit. */
    static final int MIN_CELL = 128;
    private static final int PAD = 4;
    private static final int BAND = 18;
    private static final Color BACKGROUND = new Color(0x20, 0x22, 0x26);
    private static final Color TEXT = new Color(0xE8, 0xEA, 0xED);
    private static final Color MISSING = new Color(0x3A, 0x3D, 0x42);

    /** The exported file kinds. */
    public enum Format {
        PNG("png"), GIF("gif"), MP4("mp4");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Format fromId(String id) {
            for (Format f : values()) {
                if (f.id.equalsIgnoreCase(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + id + "' (expected png, gif or mp4)");
        }

        /** The format a file name's extension names, if any. */
        public static Optional<Format> ofFile(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (n.endsWith("." + f.id)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What to export.
     *
     * @param format      PNG strip, GIF or MP4
     * @param steps       the steps to show (TO exclusive); null for every step that has a predicted frame
     * @param fps         frames per second of a GIF or MP4
     * @param orientation how frames are shown ({@link Orientation#UPRIGHT} by default)
     * @param force       replace an existing file
     */
    public record Options(Format format, StepRange steps, int fps, Orientation orientation, boolean force) {
        public Options {
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("--fps must be 1 to 120, got " + fps);
            }
        }

        public static Options of(Format format) {
            return new Options(format, null, 10, Orientation.UPRIGHT, false);
        }
    }

    /** What was written: the file, the steps shown, and the size of one image (or video frame). */
    public record Result(Path file, Format format, List<Integer> steps, int width, int height) {
        /** Frames of a GIF or MP4 (one per step); 1 for a PNG strip. */
        public int frames() {
            return format == Format.PNG ? 1 : steps.size();
        }
    }

    /** Progress of a long export: {@code done} of {@code total} steps. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void report(int done, int total);
    }

    /** One row (PNG) or column (GIF, MP4) of the comparison. */
    private record Source(String label, PredictionSet set, boolean difference) {
    }

    /**
     * Writes a comparison of {@code sets} (one or more predictions of {@code demo}) with the real frames.
     *
     * @throws FileAlreadyExistsException when {@code out} exists and {@code force} is off
     * @throws IllegalArgumentException   when there is nothing to show (no set, no predicted frame in the range)
     * @throws IOException                when the demo or the file cannot be read or written (nothing is left behind)
     */
    public Result export(Demo demo, List<PredictionSet> sets, Path out, Options options, Progress progress) throws IOException {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no predictions given");
        }
        if (Files.exists(out) && !options.force()) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists; nothing was written (--force replaces it)");
        }
        String camera = sets.get(0).meta().camera();
        List<Integer> steps = steps(demo, sets, options.steps());
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no predicted frames of " + demo.name() + " in "
                    + (options.steps() == null ? "any step" : "steps " + options.steps()) + " to export");
        }
        if (options.format() == Format.PNG && steps.size() > STRIP_STEPS) {
            steps = evenlySpaced(steps, STRIP_STEPS);
        }
        boolean strip = options.format() == Format.PNG;
        List<String> shortLabels = shortLabels(sets);
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(strip ? "real · " + demo.name() + " · " + camera : "real", null, false));
        for (int i = 0; i < sets.size(); i++) {
            sources.add(new Source(strip ? sets.get(i).label() : shortLabels.get(i), sets.get(i), false));
        }
        for (int i = 0; i < sets.size(); i++) {
            PredictionSet s = sets.get(i);
            sources.add(new Source(strip ? "|real − predicted| · " + s.label() : "|real − " + shortLabels.get(i) + "|", s, true));
        }
        String common = commonLabel(sets);
        Frame probe = demo.frame(camera, steps.get(0), Orientation.RAW);
        int scale = Math.max(1, (MIN_CELL + probe.width() - 1) / probe.width());
        int cw = probe.width() * scale;
        int ch = probe.height() * scale;

        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a new file with the user's usual permissions (createTempFile would make it owner-only)
        Path tmp = parent.resolve("." + out.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        Files.createFile(tmp);
        try {
            Result r = switch (options.format()) {
                case PNG -> strip(demo, camera, sources, steps, cw, ch, options.orientation(), tmp, progress);
                case GIF, MP4 -> animation(demo, camera, sources, common, steps, cw, ch, options, tmp, progress);
            };
            move(tmp, out, options.force());
            return new Result(out, options.format(), List.copyOf(steps), r.width(), r.height());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Column labels of the sets in a video, short enough for one frame's width: only what tells them apart (run,
     * checkpoint, mode), or "predicted" for a single set.
     */
    static List<String> shortLabels(List<PredictionSet> sets) {
        boolean runs = sets.stream().map(s -> s.meta().run()).distinct().count() > 1;
        boolean checkpoints = sets.stream().map(s -> s.meta().checkpoint()).distinct().count() > 1;
        boolean modes = sets.stream().map(s -> s.meta().mode()).distinct().count() > 1;
        List<String> out = new ArrayList<>();
        for (PredictionSet s : sets) {
            List<String> parts = new ArrayList<>();
            if (runs) {
                parts.add(s.meta().run());
            }
            if (checkpoints) {
                parts.add(s.meta().checkpoint());
            }
            if (modes) {
                parts.add(s.meta().mode());
            }
            out.add(parts.isEmpty() ? (sets.size() == 1 ? "predicted" : s.label()) : String.join(" · ", parts));
        }
        return out;
    }

    /** What all the sets share (run, checkpoint, mode), for a video's caption. */
    static String commonLabel(List<PredictionSet> sets) {
        List<String> parts = new ArrayList<>();
        for (Function<PredictionMeta, String> f : List.<Function<PredictionMeta, String>>of(
                PredictionMeta::run, PredictionMeta::checkpoint, PredictionMeta::mode)) {
            if (sets.stream().map(s -> f.apply(s.meta())).distinct().count() == 1) {
                parts.add(f.apply(sets.get(0).meta()));
            }
        }
        return String.join(" · ", parts);
    }

    /** Steps with a predicted frame in any of the sets, inside the demo and the range, ascending. */
    public static List<Integer> steps(Demo demo, List<PredictionSet> sets, StepRange range) {
        TreeSet<Integer> s = new TreeSet<>();
        for (PredictionSet set : sets) {
            for (int t : set.steps()) {
                if (t < demo.length() && (range == null || (t >= range.from() && t < range.to()))) {
                    s.add(t);
                }
            }
        }
        return new ArrayList<>(s);
    }

    static List<Integer> evenlySpaced(List<Integer> steps, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = (int) Math.round(i * (steps.size() - 1) / (double) (n - 1));
            if (out.isEmpty() || !out.get(out.size() - 1).equals(steps.get(idx))) {
                out.add(steps.get(idx));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- layouts

    private Result strip(Demo demo, String camera, List<Source> sources, List<Integer> steps, int cw, int ch,
                         Orientation orientation, Path tmp, Progress progress) throws IOException {
        int width = PAD + steps.size() * (cw + PAD);
        int height = BAND + sources.size() * (BAND + ch + PAD);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        for (int i = 0; i < steps.size(); i++) {
            label(g, "step " + steps.get(i), PAD + i * (cw + PAD), 0, cw);
        }
        for (int r = 0; r < sources.size(); r++) {
            label(g, sources.get(r).label(), PAD, BAND + r * (BAND + ch + PAD), width - 2 * PAD);
        }
        for (int i = 0; i < steps.size(); i++) {
            List<BufferedImage> cells = cells(demo, camera, sources, steps.get(i), cw, ch, orientation);
            for (int r = 0; r < cells.size(); r++) {
                g.drawImage(cells.get(r), PAD + i * (cw + PAD), BAND + r * (BAND + ch + PAD) + BAND, null);
            }
            progress.report(i + 1, steps.size());
        }
        g.dispose();
        if (!ImageIO.write(img, "png", tmp.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return new Result(tmp, Format.PNG, steps, width, height);
    }

    private Result animation(Demo demo, String camera, List<Source> sources, String common, List<Integer> steps, int cw, int ch,
                             Options options, Path tmp, Progress progress) throws IOException {
        int width = PAD + sources.size() * (cw + PAD);
        int height = BAND + ch + PAD + BAND;
        if (options.format() == Format.MP4) {
            // H.264 codes 16x16 macroblocks; a canvas of whole macroblocks needs no cropping information
            width = (width + 15) / 16 * 16;
            height = (height + 15) / 16 * 16;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        if (options.format() == Format.GIF) {
            try (ImageOutputStream os = ImageIO.createImageOutputStream(tmp.toFile())) {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
                try {
                    writer.setOutput(os);
                    writer.prepareWriteSequence(null);
                    for (int i = 0; i < steps.size(); i++) {
                        render(img, demo, camera, sources, common, steps.get(i), cw, ch, options.orientation());
                        writer.writeToSequence(new IIOImage(img, null, gifMetadata(writer, img, options.fps(), i == 0)), null);
                        progress.report(i + 1, steps.size());
                    }
                    writer.endWriteSequence();
                } finally {
                    writer.dispose();
                }
            }
        } else {
            try (SeekableByteChannel channel = NIOUtils.writableChannel(tmp.toFile())) {
                AWTSequenceEncoder encoder = new AWTSequenceEncoder(channel, Rational.R(options.fps(), 1));
                for (int i = 0; i < steps.size(); i++) {
                    render(img, demo, camera, sources, common, steps.get(i), cw, ch, options.orientation());
                    encoder.encodeImage(img);
                    progress.report(i + 1, steps.size());
                }
                encoder.finish();
            }
        }
        return new Result(tmp, options.format(), steps, width, height);
    }

    /** One GIF or video frame: the sources side by side, labelled, with the step under them. */
    private void render(BufferedImage img, Demo demo, String camera, List<Source> sources, String common, int step, int cw, int ch,
                        Orientation orientation) throws IOException {
        Graphics2D g = graphics(img);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        List<BufferedImage> cells = cells(demo, camera, sources, step, cw, ch, orientation);
        for (int c = 0; c < cells.size(); c++) {
            int x = PAD + c * (cw + PAD);
            label(g, sources.get(c).label(), x, 0, cw);
            g.drawImage(cells.get(c), x, BAND, null);
        }
        label(g, demo.name() + " · step " + step + " of " + (demo.length() - 1) + (common.isEmpty() ? "" : " · " + common),
                PAD, BAND + ch + PAD, img.getWidth() - 2 * PAD);
        g.dispose();
    }

    /** The cells of one step, in the sources' order; a prediction that is missing or unreadable is a grey cell. */
    private List<BufferedImage> cells(Demo demo, String camera, List<Source> sources, int step, int cw, int ch,
                                      Orientation orientation) throws IOException {
        Frame real = demo.frame(camera, step, Orientation.RAW);
        List<BufferedImage> out = new ArrayList<>();
        for (Source s : sources) {
            if (s.set() == null) {
                out.add(image(show(real, orientation), cw, ch, false));
                continue;
            }
            Frame predicted = null;
            try {
                Optional<Frame> f = s.set().frame(step);
                if (f.isPresent() && f.get().width() == real.width() && f.get().height() == real.height()) {
                    predicted = toRaw(f.get());
                }
            } catch (IOException e) {
                predicted = null; // named by the set's problems(); shown as a missing cell
            }
            if (predicted == null) {
                out.add(missing(cw, ch));
            } else if (s.difference()) {
                out.add(image(show(PredictionMetrics.absDifference(real, predicted), orientation), cw, ch, true));
            } else {
                out.add(image(show(predicted, orientation), cw, ch, false));
            }
        }
        return out;
    }

    /** A frame in the file's raw orientation (the transforms are flips, each its own inverse). */
    private static Frame toRaw(Frame f) {
        if (f.orientation() == Orientation.RAW) {
            return f;
        }
        return new Frame(f.width(), f.height(), Orientation.RAW,
                f.orientation().apply(ByteBuffer.wrap(f.rgb()), 0, f.height(), f.width(), 3));
    }

    /** A raw frame turned as asked. */
    private static Frame show(Frame raw, Orientation orientation) {
        if (orientation == Orientation.RAW) {
            return raw;
        }
        return new Frame(raw.width(), raw.height(), orientation, orientation.apply(ByteBuffer.wrap(raw.rgb()), 0, raw.height(), raw.width(), 3));
    }

    /** A frame scaled to the cell (integer factor, nearest neighbour); a difference as a heat map. */
    private static BufferedImage image(Frame f, int cw, int ch, boolean heat) {
        BufferedImage img = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        int sx = cw / f.width();
        int sy = ch / f.height();
        int[] row = new int[cw];
        byte[] p = f.rgb();
        for (int y = 0; y < ch; y++) {
            int fy = y / sy;
            for (int x = 0; x < cw; x++) {
                int i = (fy * f.width() + x / sx) * 3;
                row[x] = heat ? heat(((p[i] & 0xFF) + (p[i + 1] & 0xFF) + (p[i + 2] & 0xFF)) / 3)
                        : (p[i] & 0xFF) << 16 | (p[i + 1] & 0xFF) << 8 | (p[i + 2] & 0xFF);
            }
            img.setRGB(0, y, cw, 1, row, 0, cw);
        }
        return img;
    }

    /**
     * The heat-map colour of a mean absolute difference 0..255: black, purple, red, orange, pale yellow (an
     * inferno-like ramp, so 0 stays black and small errors are still visible).
     */
    static int heat(int v) {
        int[][] stops = {{0, 0, 0, 0}, {64, 87, 16, 110}, {128, 188, 55, 84}, {192, 249, 142, 9}, {255, 252, 255, 164}};
        for (int k = 1; k < stops.length; k++) {
            if (v <= stops[k][0]) {
                double t = (v - stops[k - 1][0]) / (double) (stops[k][0] - stops[k - 1][0]);
                int r = (int) Math.round(stops[k - 1][1] + t * (stops[k][1] - stops[k - 1][1]));
                int gr = (int) Math.round(stops[k - 1][2] + t * (stops[k][2] - stops[k - 1][2]));
                int b = (int) Math.round(stops[k - 1][3] + t * (stops[k][3] - stops[k - 1][3]));
                return r << 16 | gr << 8 | b;
            }
        }
        return 0xFCFFA4;
    }

    private static BufferedImage missing(int cw, int ch) {
        BufferedImage img = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(MISSING);
        g.fillRect(0, 0, cw, ch);
        g.setColor(TEXT);
        FontMetrics m = g.getFontMetrics();
        String t = "no prediction";
        g.drawString(t, Math.max(0, (cw - m.stringWidth(t)) / 2), ch / 2 + m.getAscent() / 2);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /** A label in a band of height {@link #BAND}, cut with an ellipsis to {@code width}. */
    private static void label(Graphics2D g, String text, int x, int y, int width) {
        FontMetrics m = g.getFontMetrics();
        String t = text;
        if (m.stringWidth(t) > width) {
            while (t.length() > 1 && m.stringWidth(t + "…") > width) {
                t = t.substring(0, t.length() - 1);
            }
            t = t + "…";
        }
        g.setColor(TEXT);
        g.drawString(t, x, y + (BAND + m.getAscent() - m.getDescent()) / 2);
    }

    /** GIF frame metadata: the delay for {@code fps}, and on the first frame the NETSCAPE2.0 loop-forever extension. */
    private static IIOMetadata gifMetadata(ImageWriter writer, BufferedImage img, int fps, boolean first) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(100f / fps))));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    private static void move(Path tmp, Path out, boolean force) throws IOException {
        if (!force && Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists; nothing was written (--force replaces it)");
        }
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
