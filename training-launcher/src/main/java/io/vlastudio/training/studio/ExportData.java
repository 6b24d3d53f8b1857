package io.vlastudio.training.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WorldVLA export folder (contract A) as the studio model reads it: {@code manifest.json}, the conversation files it
 * lists ({@code convs/...}) and the images and actions their records point to ({@code files/...}). Nothing is
 * tokenized here; records keep their paths.
 */
public final class ExportData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("(?:image|action)_(\\d+)\\.(?:png|npy)");
    private static final String ACTION_PREFIX = "What action should the robot take to ";

    /** One conversation record. */
    public record Record(EncodedSample.Kind kind, String split, String file, int index, String prompt, List<Path> images,
                         List<Path> actions) {

        /** The step of the last prompt image ({@code j} of the sample). */
        public int step() {
            Path p = kind == EncodedSample.Kind.ACTION ? images.get(images.size() - 1) : images.get(0);
            return stepOf(p);
        }

        /** The trajectory folder ({@code files/<suite>/<task>/trj_<i>}). */
        public Path trajectory() {
            return images.get(0).getParent().getParent();
        }

        /** The task text of an action prompt (placeholders removed, WorldVLA's question stripped). */
        public String taskText() {
            String t = prompt.replace("<|image|>", "").replace("<|action|>", "").trim();
            if (t.startsWith(ACTION_PREFIX) && t.endsWith("?")) {
                return t.substring(ACTION_PREFIX.length(), t.length() - 1);
            }
            return t;
        }
    }

    private final Path dir;
    private final JsonNode manifest;
    private final List<Record> records;

    private ExportData(Path dir, JsonNode manifest, List<Record> records) {
        this.dir = dir;
        this.manifest = manifest;
        this.records = records;
    }

    /**
     * Reads the manifest and every conversation file it lists.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static ExportData read(Path dir) throws IOException {
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            throw new IOException(dir + " is not a WorldVLA export: no manifest.json (make one with `vla-studio export worldvla`)");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(m.toFile());
        } catch (IOException e) {
            throw new IOException(m + ": unreadable manifest: " + e.getMessage(), e);
        }
        if (!"vla-studio-worldvla-export".equals(manifest.path("format").asText())) {
            throw new IOException(m + ": format is '" + manifest.path("format").asText() + "', expected vla-studio-worldvla-export");
        }
        List<Record> records = new ArrayList<>();
        for (JsonNode c : manifest.path("conversations")) {
            String file = c.path("file").asText();
            String kind = c.path("kind").asText();
            String split = c.path("split").asText();
            Path f = dir.resolve(file);
            if (!Files.isRegularFile(f)) {
                throw new IOException(m + " lists " + file + ", which is missing from " + dir);
            }
            JsonNode arr;
            try {
                arr = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new IOException(f + ": unreadable conversation file: " + e.getMessage(), e);
            }
            if (!arr.isArray()) {
                throw new IOException(f + ": expected a JSON array of conversation records");
            }
            EncodedSample.Kind k = switch (kind) {
                case "action" -> EncodedSample.Kind.ACTION;
                case "world" -> EncodedSample.Kind.WORLD;
                default -> throw new IOException(m + ": conversation " + file + " has kind '" + kind + "', expected action or world");
            };
            for (int i = 0; i < arr.size(); i++) {
                JsonNode r = arr.get(i);
                String prompt = r.path("conversations").path(0).path("value").asText();
                List<Path> images = paths(dir, r.path("image"));
                List<Path> actions = paths(dir, r.path("action"));
                int needImages = k == EncodedSample.Kind.WORLD ? 2 : 1;
                if (images.size() < needImages || actions.isEmpty()) {
                    throw new IOException(f + ": record " + i + " has " + images.size() + " images and " + actions.size()
                            + " actions, a " + kind + " record needs at least " + needImages + " and 1");
                }
                records.add(new Record(k, split, file, i, prompt, images, actions));
            }
        }
        return new ExportData(dir, manifest, records);
    }

    private static List<Path> paths(Path dir, JsonNode arr) {
        List<Path> out = new ArrayList<>();
        for (JsonNode p : arr) {
            Path path = Path.of(p.asText());
            out.add(path.isAbsolute() ? path : dir.resolve(path).normalize());
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

    public JsonNode manifest() {
        return manifest;
    }

    public List<Record> records() {
        return records;
    }

    public List<Record> records(String split, EncodedSample.Kind kind) {
        return records.stream().filter(r -> r.split().equals(split) && r.kind() == kind).toList();
    }

    public int setting(String name, int fallback) {
        JsonNode n = manifest.path("settings").path(name);
        return n.isNumber() ? n.asInt() : fallback;
    }

    /** The bounds recorded in the manifest ({@code settings.bounds.min/max}), or null. */
    public double[][] bounds() {
        JsonNode b = manifest.path("settings").path("bounds");
        if (!b.path("min").isArray() || !b.path("max").isArray()) {
            return null;
        }
        double[] min = new double[b.path("min").size()];
        double[] max = new double[b.path("max").size()];
        for (int i = 0; i < min.length; i++) {
            min[i] = b.path("min").get(i).asDouble();
        }
        for (int i = 0; i < max.length; i++) {
            max[i] = b.path("max").get(i).asDouble();
        }
        return new double[][] {min, max};
    }

    /** The image tokenizer fingerprint the export was made with, when its manifest records one. */
    public String tokenizerFingerprint() {
        for (JsonNode n : List.of(manifest.path("tokenizer"), manifest.path("settings").path("tokenizer"))) {
            if (n.path("fingerprint").isTextual()) {
                return n.path("fingerprint").asText();
            }
        }
        return null;
    }

    static int stepOf(Path p) {
        Matcher m = STEP.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p + " is not named image_<j>.png or action_<j>.npy");
        }
        return Integer.parseInt(m.group(1));
    }

    /** An exported frame (a PNG rotated 180° from the HDF5 frame, as WorldVLA's dump writes it). */
    public static Frame readImage(Path png) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new IOException(png + ": unreadable PNG: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException(png + ": not an image ImageIO can read (missing?)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (byte) (argb[i] >> 16);
            rgb[i * 3 + 1] = (byte) (argb[i] >> 8);
            rgb[i * 3 + 2] = (byte) argb[i];
        }
        return new Frame(w, h, Orientation.ROT180, rgb);
    }

    /** A NumPy {@code .npy} file of float64 values in C order (WorldVLA's {@code action_<j>.npy}). */
    public static double[] readNpy(Path npy) throws IOException {
        byte[] all;
        try (InputStream in = Files.newInputStream(npy)) {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(npy + ": unreadable: " + e.getMessage(), e);
        }
        if (all.length < 10 || all[0] != (byte) 0x93 || all[1] != 'N' || all[2] != 'U' || all[3] != 'M' || all[4] != 'P'
                || all[5] != 'Y') {
            throw new IOException(npy + ": not a NumPy .npy file");
        }
        int major = all[6];
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(bb.getShort(8)) : bb.getInt(8);
        int start = (major == 1 ? 10 : 12);
        String header = new String(all, start, headerLen, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f8'") || header.contains("'fortran_order': True")) {
            throw new IOException(npy + ": expected little-endian float64 in C order, header is " + header.trim());
        }
        int dataStart = start + headerLen;
        int n = (all.length - dataStart) / 8;
        double[] out = new double[n];
        bb.position(dataStart);
        for (int i = 0; i < n; i++) {
            out[i] = bb.getDouble();
        }
        return out;
    }

    /** Writes a float64 {@code .npy} as {@code np.save} does (format 1.0, header padded to 64 bytes). */
    public static void writeNpy(Path npy, double[] values) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        bb.putShort((short) header.length());
        bb.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (double v : values) {
            bb.putDouble(v);
        }
        Files.write(npy, bb.array());
    }

}
