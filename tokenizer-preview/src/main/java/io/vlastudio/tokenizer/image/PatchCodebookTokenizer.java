package io.vlastudio.tokenizer.image;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import ai.djl.ndarray.NDManager;
import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in image tokenizer: a codebook of 16x16 RGB patches learned by k-means on workspace frames (see
 * {@link PatchCodebookTrainer}), so the studio previews tokenization on a fresh machine without any download. It has
 * WorldVLA's geometry (16x downsampling, raster-order codes, 256 px frames) but not Chameleon's quality: each code
 * stands for one fixed patch. Saved as {@code codebook.f32} (float32 little-endian, codebook size x 768) and
 * {@code builtin-tokenizer.json} (geometry and how it was trained).
 */
public final class PatchCodebookTokenizer implements ImageTokenizer {

    public static final String CODEBOOK = "codebook.f32";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Reads what earlier versions wrote: they saved through Gson, which wrote an unmeasured figure as a bare
     * {@code NaN}. Accepted on reading this one file only; nothing the studio writes holds one.
     */
    private static final ObjectMapper LEGACY_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public static final String METADATA = "builtin-tokenizer.json";
    public static final String FORMAT = "vla-studio/builtin-patch-codebook";

    private final int resolution;
    private final int patch;
    private final PatchCodebook codebook;
    private final BuiltinTokenizerInfo info;
    private final NDManager manager;
    private final Path folder;

    PatchCodebookTokenizer(int resolution, int patch, PatchCodebook codebook, BuiltinTokenizerInfo info,
                           TorchRuntime runtime, Path folder) {
        this.resolution = resolution;
        this.patch = patch;
        this.codebook = codebook;
        this.info = info;
        this.manager = runtime.newManager();
        this.folder = folder;
    }

    @Override
    public String id() {
        return "builtin";
    }

    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "built-in patch codebook (%d codes, trained on %d frames in %.0f s; "
                        + "held-out PSNR %.2f dB, SSIM %.3f)", codebook.size(), info.trainFrames(), info.seconds(),
                info.heldOutPsnr(), info.heldOutSsim());
    }

    public BuiltinTokenizerInfo info() {
        return info;
    }

    /** Where it is saved, or null before {@link #save}. */
    public Path folder() {
        return folder;
    }

    @Override
    public int codebookSize() {
        return codebook.size();
    }

    @Override
    public int downsampling() {
        return patch;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public synchronized CodeGrid encode(Frame frame) {
        ImageTokenizer.requireSize(this, frame);
        int g = gridSide();
        float[] patches = patches(frame, patch);
        return new CodeGrid(g, g, codebook.nearest(manager, patches, g * g, null), frame.orientation());
    }

    /** All frames' patches in one nearest-entry search (one native call instead of one per frame). */
    @Override
    public synchronized java.util.List<CodeGrid> encodeAll(java.util.List<Frame> frames) {
        int g = gridSide();
        int per = g * g;
        int dim = patch * patch * 3;
        float[] all = new float[frames.size() * per * dim];
        for (int i = 0; i < frames.size(); i++) {
            ImageTokenizer.requireSize(this, frames.get(i));
            System.arraycopy(patches(frames.get(i), patch), 0, all, i * per * dim, per * dim);
        }
        int[] codes = codebook.nearest(manager, all, frames.size() * per, null);
        java.util.List<CodeGrid> out = new java.util.ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(new CodeGrid(g, g, java.util.Arrays.copyOfRange(codes, i * per, (i + 1) * per), frames.get(i).orientation()));
        }
        return out;
    }

    @Override
    public Frame decode(CodeGrid codes) {
        int w = codes.cols() * patch;
        int h = codes.rows() * patch;
        byte[] rgb = new byte[w * h * 3];
        float[] e = codebook.entries();
        int dim = codebook.dim();
        for (int r = 0; r < codes.rows(); r++) {
            for (int c = 0; c < codes.cols(); c++) {
                int code = codes.codeAt(r, c);
                if (code < 0 || code >= codebook.size()) {
                    throw new IllegalArgumentException("code " + code + " is outside the codebook of " + codebook.size());
                }
                int base = code * dim;
                for (int y = 0; y < patch; y++) {
                    for (int x = 0; x < patch; x++) {
                        for (int ch = 0; ch < 3; ch++) {
                            float v = e[base + (y * patch + x) * 3 + ch];
                            int b = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                            rgb[(((r * patch + y) * w) + c * patch + x) * 3 + ch] = (byte) b;
                        }
                    }
                }
            }
        }
        return new Frame(w, h, codes.orientation(), rgb);
    }

    /** The patches of a frame in raster order, each {@code patch*patch*3} values in 0..1 (pixel-major, RGB). */
    static float[] patches(Frame frame, int patch) {
        int gx = frame.width() / patch;
        int gy = frame.height() / patch;
        int dim = patch * patch * 3;
        float[] out = new float[gx * gy * dim];
        byte[] rgb = frame.rgb();
        for (int py = 0; py < gy; py++) {
            for (int px = 0; px < gx; px++) {
                int o = (py * gx + px) * dim;
                for (int y = 0; y < patch; y++) {
                    int src = ((py * patch + y) * frame.width() + px * patch) * 3;
                    for (int i = 0; i < patch * 3; i++) {
                        out[o + y * patch * 3 + i] = (rgb[src + i] & 0xFF) / 255f;
                    }
                }
            }
        }
        return out;
    }

    /** Saves the codebook and its description into {@code dir} (replacing what is there), and returns it reopened there. */
    public PatchCodebookTokenizer save(Path dir, TorchRuntime runtime) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer buf = ByteBuffer.allocate(codebook.entries().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(codebook.entries());
        Path tmp = Files.createTempFile(dir, "codebook", ".tmp");
        Files.write(tmp, buf.array());
        Files.move(tmp, dir.resolve(CODEBOOK), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("version", 1);
        meta.put("codebook_size", codebook.size());
        meta.put("downsampling", patch);
        meta.put("resolution", resolution);
        meta.put("training", trainingJson(info));
        Path metaTmp = Files.createTempFile(dir, "meta", ".tmp");
        Files.writeString(metaTmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
        Files.move(metaTmp, dir.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PatchCodebookTokenizer(resolution, patch, codebook, info, runtime, dir);
    }

    /** Whether {@code dir} holds a saved built-in tokenizer. */
    public static boolean isSavedIn(Path dir) {
        return Files.isRegularFile(dir.resolve(METADATA));
    }

    /**
     * Loads a saved tokenizer.
     *
     * @throws TokenizerException naming the missing or malformed file
     */
    public static PatchCodebookTokenizer open(Path dir, TorchRuntime runtime) throws TokenizerException {
        Path metaFile = dir.resolve(METADATA);
        if (!Files.isRegularFile(metaFile)) {
            throw new TokenizerException(metaFile, "the description of a built-in tokenizer trained by the studio", "no such file");
        }
        Saved meta;
        try {
            meta = Saved.of(LEGACY_JSON.readTree(Files.readString(metaFile)));
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException(metaFile, "JSON with format " + FORMAT, "unreadable JSON: " + e.getMessage(), e);
        }
        if (meta == null || !FORMAT.equals(meta.format) || meta.codebook_size < 1 || meta.downsampling < 1
                || meta.resolution % Math.max(1, meta.downsampling) != 0) {
            throw new TokenizerException(metaFile, "format " + FORMAT + " with codebook_size, downsampling and resolution",
                    meta == null ? "an empty file" : "format " + meta.format);
        }
        Path book = dir.resolve(CODEBOOK);
        int dim = meta.downsampling * meta.downsampling * 3;
        long expected = (long) meta.codebook_size * dim * 4;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(book);
        } catch (IOException e) {
            throw new TokenizerException(book, expected + " bytes of float32 codebook", "no such file", e);
        }
        if (bytes.length != expected) {
            throw new TokenizerException(book, expected + " bytes (" + meta.codebook_size + " codes x " + dim
                    + " float32 values)", bytes.length + " bytes");
        }
        float[] entries = new float[meta.codebook_size * dim];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(entries);
        BuiltinTokenizerInfo info = meta.training == null ? new BuiltinTokenizerInfo(java.util.List.of(), "?", "?", 0, 0, 0,
                0, 0, 0, Double.NaN, Double.NaN, 0, "?") : meta.training;
        return new PatchCodebookTokenizer(meta.resolution, meta.downsampling,
                new PatchCodebook(meta.codebook_size, dim, entries), info, runtime, dir);
    }

    @Override
    public synchronized void close() {
        manager.close();
    }

    /**
     * The {@code training} object of {@code builtin-tokenizer.json}. A figure that was not measured (no held-out
     * frames: NaN in {@link BuiltinTokenizerInfo}) is written as {@code null}; JSON has no NaN. An infinite figure
     * can not be written and fails the save.
     */
    static Map<String, Object> trainingJson(BuiltinTokenizerInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sources", info.sources());
        m.put("camera", info.camera());
        m.put("orientation", info.orientation());
        m.put("trainFrames", info.trainFrames());
        m.put("trainPatches", info.trainPatches());
        m.put("iterations", info.iterations());
        m.put("seconds", notMeasuredAsNull(info.seconds()));
        m.put("seed", info.seed());
        m.put("heldOutFrames", info.heldOutFrames());
        m.put("heldOutPsnr", notMeasuredAsNull(info.heldOutPsnr()));
        m.put("heldOutSsim", notMeasuredAsNull(info.heldOutSsim()));
        m.put("deadCodes", info.deadCodes());
        m.put("created", info.created());
        return m;
    }

    private static Double notMeasuredAsNull(double v) {
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("cannot save the built-in tokenizer: a training figure is " + v
                    + ", and JSON has no infinite numbers");
        }
        return Double.isNaN(v) ? null : v;
    }

    /** {@code builtin-tokenizer.json} as read back (names as in the file). */
    @SuppressWarnings("checkstyle:MemberName")
    private static final class Saved {
        String format;
        int codebook_size;
        int downsampling;
        int resolution;
        BuiltinTokenizerInfo training;

        static Saved of(JsonNode node) {
            if (node == null || !node.isObject()) {
                return null;
            }
            Saved s = new Saved();
            s.format = node.path("format").isTextual() ? node.path("format").textValue() : null;
            s.codebook_size = node.path("codebook_size").asInt(0);
            s.downsampling = node.path("downsampling").asInt(0);
            s.resolution = node.path("resolution").asInt(0);
            JsonNode t = node.path("training");
            if (t.isObject()) {
                List<String> sources = new ArrayList<>();
                t.path("sources").forEach(n -> sources.add(n.asText()));
                s.training = new BuiltinTokenizerInfo(sources, t.path("camera").asText("?"),
                        t.path("orientation").asText("?"), t.path("trainFrames").asInt(0), t.path("trainPatches").asInt(0),
                        t.path("iterations").asInt(0), number(t.path("seconds")), t.path("seed").asLong(0),
                        t.path("heldOutFrames").asInt(0), number(t.path("heldOutPsnr")), number(t.path("heldOutSsim")),
                        t.path("deadCodes").asInt(0), t.path("created").asText("?"));
            }
            return s;
        }

        /** null (not measured) and, in files saved by earlier builds, Gson's bare NaN read back as NaN. */
        private static double number(JsonNode n) {
            return n.isNumber() ? n.doubleValue() : Double.NaN;
        }
    }
}
