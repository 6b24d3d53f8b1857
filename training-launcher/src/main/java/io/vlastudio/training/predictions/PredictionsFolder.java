package io.vlastudio.training.predictions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.training.export.PngEncoder;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one owner of the predictions folder format (contract C), for every writer ({@code vla-studio predict}, the
 * WorldVLA generation driver's import) and reader ({@link PredictionSet}):
 * <pre>
 * &lt;dir&gt;/meta.json      {"format": "vla-studio-predictions", "version": 1, "run", "checkpoint", "source", "mode", "start",
 *                     "demo": {"file", "demo", "length"}, "camera", "orientation", "width", "height"}
 * &lt;dir&gt;/frame_&lt;t&gt;.png  the predicted frame FOR step t (%06d), the file's raw orientation and native size
 * &lt;dir&gt;/actions.json   {"chunks": [{"start": t, "actions": [[7 floats] x K]}, ...]}
 * </pre>
 * In a workspace the folders live under {@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/}.
 */
public final class PredictionsFolder {

    public static final String FORMAT = "vla-studio-predictions";
    public static final int VERSION = 1;
    public static final String META = "meta.json";
    public static final String ACTIONS = "actions.json";
    /** The workspace folder that holds every predictions folder. */
    public static final String WORKSPACE_DIR = "predictions";
    /** {@code frame_000012.png}: six digits at least (steps past 999999 print more). */
    public static final Pattern FRAME_NAME = Pattern.compile("frame_(\\d{6,9})\\.png");

    private static final Pattern NON_FINITE = Pattern.compile("NaN|-?Infinity");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PredictionsFolder() {
    }

    /** {@code frame_%06d.png}. */
    public static String frameName(int step) {
        return String.format(Locale.ROOT, "frame_%06d.png", step);
    }

    /** The step of a frame file name, or empty when the name is not {@code frame_<digits>.png}. */
    public static OptionalInt frameStep(String fileName) {
        Matcher m = FRAME_NAME.matcher(fileName);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** {@code <file stem>#<demo>}. */
    public static String demoKey(Path file, String demo) {
        String stem = file.getFileName().toString();
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        return stem + "#" + demo;
    }

    /** {@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/}. */
    public static Path workspaceFolder(Path workspaceDir, String run, String checkpoint, String mode, Path file, String demo) {
        return workspaceDir.resolve(WORKSPACE_DIR).resolve(run).resolve(checkpoint).resolve(mode).resolve(demoKey(file, demo));
    }

    // ---------------------------------------------------------------- meta.json

    /** Writes {@code meta.json} (pretty-printed), through a temporary file so a reader never sees half of it. */
    public static void writeMeta(Path dir, PredictionMeta meta) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("run", meta.run());
        root.put("checkpoint", meta.checkpoint());
        root.put("source", meta.source());
        root.put("mode", meta.mode());
        root.put("start", meta.start());
        ObjectNode demo = root.putObject("demo");
        demo.put("file", meta.demoFile().toAbsolutePath().normalize().toString());
        demo.put("demo", meta.demo());
        demo.put("length", meta.length());
        root.put("camera", meta.camera());
        root.put("orientation", meta.orientation());
        root.put("width", meta.width());
        root.put("height", meta.height());
        writeAtomically(dir.resolve(META), JSON.writeValueAsBytes(root));
    }

    /**
     * Reads {@code dir/meta.json}.
     *
     * @throws IOException naming the file when it is missing, not JSON, not a predictions folder's meta, of a newer
     *                     version, or lacks a field
     */
    public static PredictionMeta readMeta(Path dir) throws IOException {
        Path file = dir.resolve(META);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (a predictions folder has meta.json, frame_NNNNNN.png and actions.json)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IOException(file + ": \"format\" is " + (format.isEmpty() ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "'");
        }
        int version = requiredInt(root, "version", file);
        if (version > VERSION) {
            throw new IOException(file + ": version " + version + " was written by a newer VLA Studio (this one reads "
                    + VERSION + ")");
        }
        JsonNode demo = root.path("demo");
        if (!demo.isObject()) {
            throw new IOException(file + ": missing \"demo\": {\"file\", \"demo\", \"length\"}");
        }
        Path demoFile = Path.of(requiredText(demo, "file", "demo.file", file));
        if (!demoFile.isAbsolute()) {
            demoFile = dir.resolve(demoFile).normalize();
        }
        String mode = requiredText(root, "mode", "mode", file);
        if (!mode.equals(PredictionMeta.MODE_TEACHER_FORCED) && !mode.equals(PredictionMeta.MODE_OPEN_LOOP)) {
            throw new IOException(file + ": \"mode\" is '" + mode + "', expected teacher-forced or open-loop");
        }
        String orientation = root.path("orientation").asText("raw");
        try {
            Orientation.fromId(orientation);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        int width = requiredInt(root, "width", file);
        int height = requiredInt(root, "height", file);
        int length = requiredInt(demo, "length", file);
        int start = root.path("start").asInt(0);
        if (width < 0 || height < 0 || length < 0 || start < 0) {
            throw new IOException(file + ": width, height, demo.length and start must not be negative");
        }
        return new PredictionMeta(requiredText(root, "run", "run", file), requiredText(root, "checkpoint", "checkpoint", file),
                root.path("source").asText(PredictionMeta.SOURCE_STUDIO_MODEL), mode, start, demoFile,
                requiredText(demo, "demo", "demo.demo", file), length, root.path("camera").asText("agentview"),
                orientation, width, height);
    }

    private static String requiredText(JsonNode node, String field, String name, Path file) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(file + ": missing \"" + name + "\" (a non-empty string)");
        }
        return v.asText();
    }

    private static int requiredInt(JsonNode node, String field, Path file) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IOException(file + ": missing \"" + field + "\" (an integer)");
        }
        return v.asInt();
    }

    // ---------------------------------------------------------------- frames

    /** Writes {@code frame_<step>.png} (lossless; the encoder is the caller's, one per thread). */
    public static Path writeFrame(Path dir, int step, Frame frame, PngEncoder encoder) throws IOException {
        Path target = dir.resolve(frameName(step));
        Files.write(target, encoder.encode(frame.rgb(), frame.width(), frame.height()));
        return target;
    }

    /**
     * Decodes a frame PNG into RGB bytes.
     *
     * @throws IOException naming the file when it is not a PNG ImageIO can decode
     */
    public static Frame readFrame(Path file, Orientation orientation) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!isPng(bytes)) {
            throw new IOException(file.getFileName() + ": not a PNG (" + describe(bytes) + ")");
        }
        BufferedImage img;
        try {
            // an in-memory stream: ImageIO.read(InputStream) would first copy the bytes into a temporary file (its
            // default cache), which made each 256x256 decode about 2.5x slower
            img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file.getFileName() + ": a damaged PNG (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException(file.getFileName() + ": a PNG no decoder could read");
        }
        return new Frame(img.getWidth(), img.getHeight(), orientation, rgb(img));
    }

    /** The RGB bytes of an image. */
    static byte[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getNumBanks() == 1 && db.getData().length == out.length) {
            byte[] bgr = db.getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[i + 2];
                out[i + 1] = bgr[i + 1];
                out[i + 2] = bgr[i];
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0, i = 0; p < argb.length; p++, i += 3) {
            out[i] = (byte) (argb[p] >> 16);
            out[i + 1] = (byte) (argb[p] >> 8);
            out[i + 2] = (byte) argb[p];
        }
        return out;
    }

    /** PNG file signature. */
    static boolean isPng(byte[] head) {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (head.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (head[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    /** What the first bytes of a non-PNG file look like, for messages. */
    static String describe(byte[] head) {
        if (head.length == 0) {
            return "the file is empty";
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "it is a JPEG";
        }
        if (head.length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
            return "it is a GIF";
        }
        StringBuilder b = new StringBuilder("starts with");
        for (int i = 0; i < Math.min(4, head.length); i++) {
            b.append(String.format(Locale.ROOT, " %02x", head[i] & 0xFF));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- actions.json

    /** Writes {@code actions.json}. */
    public static void writeActions(Path dir, List<ActionChunk> chunks) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cs = root.putArray("chunks");
        for (ActionChunk c : chunks) {
            ObjectNode n = cs.addObject();
            n.put("start", c.start());
            ArrayNode rows = n.putArray("actions");
            for (double[] a : c.actions()) {
                ArrayNode row = rows.addArray();
                for (double v : a) {
                    row.add(v);
                }
            }
        }
        writeAtomically(dir.resolve(ACTIONS), JSON.writeValueAsBytes(root));
    }

    /**
     * Reads {@code dir/actions.json}; no file is no chunks.
     *
     * @throws IOException naming the file when it is not the expected JSON
     */
    public static List<ActionChunk> readActions(Path dir) throws IOException {
        Path file = dir.resolve(ACTIONS);
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(ACTIONS + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode chunks = root == null ? null : root.get("chunks");
        if (chunks == null || !chunks.isArray()) {
            throw new IOException(ACTIONS + ": expected {\"chunks\": [{\"start\": t, \"actions\": [[...], ...]}, ...]}");
        }
        List<ActionChunk> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            JsonNode start = c.get("start");
            JsonNode actions = c.get("actions");
            if (start == null || !start.isIntegralNumber() || start.asInt() < 0 || actions == null || !actions.isArray()) {
                throw new IOException(ACTIONS + ": chunk " + i + " needs \"start\" (a step) and \"actions\" (a list of rows)");
            }
            double[][] rows = new double[actions.size()][];
            for (int k = 0; k < rows.length; k++) {
                JsonNode row = actions.get(k);
                if (!row.isArray()) {
                    throw new IOException(ACTIONS + ": chunk " + i + " (step " + start.asInt() + ") row " + k + " is not a list of numbers");
                }
                rows[k] = new double[row.size()];
                for (int d = 0; d < rows[k].length; d++) {
                    JsonNode v = row.get(d);
                    if (v.isNumber()) {
                        rows[k][d] = v.asDouble();
                    } else if (v.isTextual() && NON_FINITE.matcher(v.asText()).matches()) {
                        rows[k][d] = Double.parseDouble(v.asText()); // how Jackson writes NaN and infinities
                    } else {
                        throw new IOException(ACTIONS + ": chunk " + i + " (step " + start.asInt() + ") row " + k
                                + " value " + d + " is not a number: " + v);
                    }
                }
            }
            out.add(new ActionChunk(start.asInt(), rows));
        }
        return out;
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
