package io.vlastudio.tokenizer.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chameleon's VQ-GAN (WorldVLA's image tokenizer) run from the TorchScript files {@code export_chameleon_vqgan.py}
 * writes: {@code encoder.pt}, {@code decoder.pt} and {@code vqgan-torchscript.json}, loaded through DJL's PyTorch
 * engine. Preprocessing and postprocessing are Chameleon's: RGB {@code x / 255 * 2 - 1} in float64 rounded to
 * float32, CHW; decoded values (clamped to [-1, 1] by the decoder) become bytes as
 * {@code uint8(((v + 1) / 2) * 255)} in float32, truncated like NumPy's {@code astype(np.uint8)}.
 */
public final class TorchScriptVqGan implements ImageTokenizer {

    public static final String ENCODER = "encoder.pt";
    public static final String DECODER = "decoder.pt";
    public static final String METADATA = "vqgan-torchscript.json";
    public static final String FORMAT = "vla-studio/vqgan-torchscript";
    /** The export script, a resource beside this class (also shown by {@code vla-studio tokens export-script}). */
    public static final String EXPORT_SCRIPT = "export_chameleon_vqgan.py";

    private final Path dir;
    private final Metadata meta;
    private final NDManager manager;
    private final ZooModel<NDList, NDList> encoder;
    private final ZooModel<NDList, NDList> decoder;

    private TorchScriptVqGan(Path dir, Metadata meta, NDManager manager, ZooModel<NDList, NDList> encoder,
                             ZooModel<NDList, NDList> decoder) {
        this.dir = dir;
        this.meta = meta;
        this.manager = manager;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /**
     * Loads the tokenizer in {@code dir} and checks that both modules take and return what they should.
     *
     * @throws TokenizerException naming the missing or wrong file and what was expected of it
     */
    public static TorchScriptVqGan open(Path dir, TorchRuntime runtime) throws TokenizerException {
        if (!Files.isDirectory(dir)) {
            throw new TokenizerException(dir, "a folder holding " + ENCODER + ", " + DECODER + " and " + METADATA
                    + " (written by " + EXPORT_SCRIPT + ")", Files.exists(dir) ? "a file" : "nothing (no such folder)");
        }
        Metadata meta = Metadata.read(dir.resolve(METADATA));
        Path encoderFile = requireFile(dir.resolve(meta.encoder == null ? ENCODER : meta.encoder),
                "the TorchScript encoder written by " + EXPORT_SCRIPT);
        Path decoderFile = requireFile(dir.resolve(meta.decoder == null ? DECODER : meta.decoder),
                "the TorchScript decoder written by " + EXPORT_SCRIPT);
        runtime.engine();
        NDManager manager = runtime.newManager();
        ZooModel<NDList, NDList> enc = null;
        ZooModel<NDList, NDList> dec = null;
        try {
            enc = load(encoderFile, "the TorchScript encoder written by " + EXPORT_SCRIPT);
            dec = load(decoderFile, "the TorchScript decoder written by " + EXPORT_SCRIPT);
            TorchScriptVqGan vq = new TorchScriptVqGan(dir, meta, manager, enc, dec);
            vq.probe(encoderFile, decoderFile);
            return vq;
        } catch (TokenizerException | RuntimeException e) {
            if (enc != null) {
                enc.close();
            }
            if (dec != null) {
                dec.close();
            }
            manager.close();
            throw e;
        }
    }

    private static Path requireFile(Path file, String what) throws TokenizerException {
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(file, what, "no such file");
        }
        return file;
    }

    private static ZooModel<NDList, NDList> load(Path file, String what) throws TokenizerException {
        try {
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optModelPath(file).optEngine("PyTorch").build();
            return criteria.loadModel();
        } catch (MalformedModelException | ModelNotFoundException | IOException | RuntimeException e) {
            throw new TokenizerException(file, what + " (a TorchScript zip)", "a file PyTorch cannot load: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** Runs both modules once on zeros and checks shapes and types against the metadata. */
    private void probe(Path encoderFile, Path decoderFile) throws TokenizerException {
        int r = meta.resolution;
        int g = r / meta.downsampling;
        try (NDManager m = manager.newSubManager()) {
            NDArray out = forward(encoder, m.zeros(new Shape(1, 3, r, r)), encoderFile, "codes");
            if (out.getDataType() != DataType.INT64 || !out.getShape().equals(new Shape(1, g, g))) {
                throw new TokenizerException(encoderFile, "int64 codes of shape (1, " + g + ", " + g + ") for a " + r + "x" + r
                        + " frame", describe(out));
            }
            NDArray img = forward(decoder, m.zeros(new Shape(1, g, g), DataType.INT64), decoderFile, "pixels");
            if (img.getDataType() != DataType.FLOAT32 || !img.getShape().equals(new Shape(1, 3, r, r))) {
                throw new TokenizerException(decoderFile, "float32 pixels of shape (1, 3, " + r + ", " + r + ") for a "
                        + g + "x" + g + " code grid", describe(img));
            }
        }
    }

    private static String describe(NDArray a) {
        return a.getDataType().toString().toLowerCase() + " " + a.getShape();
    }

    private NDArray forward(ZooModel<NDList, NDList> model, NDArray input, Path file, String what) throws TokenizerException {
        try {
            NDList out = model.getBlock().forward(new ParameterStore(input.getManager(), false), new NDList(input), false);
            if (out.size() != 1) {
                throw new TokenizerException(file, "one output tensor of " + what, out.size() + " outputs");
            }
            return out.singletonOrThrow();
        } catch (RuntimeException e) {
            throw new TokenizerException(file, "a module taking " + input.getDataType().toString().toLowerCase() + " "
                    + input.getShape(), "an error: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public String id() {
        return "chameleon-vqgan";
    }

    @Override
    public String description() {
        return "Chameleon VQ-GAN (TorchScript, " + dir + ")";
    }

    @Override
    public int codebookSize() {
        return meta.codebook_size;
    }

    @Override
    public int downsampling() {
        return meta.downsampling;
    }

    @Override
    public int resolution() {
        return meta.resolution;
    }

    /** The folder the tokenizer was loaded from. */
    public Path folder() {
        return dir;
    }

    @Override
    public synchronized CodeGrid encode(Frame frame) throws TokenizerException {
        ImageTokenizer.requireSize(this, frame);
        return encodeAnySize(frame);
    }

    /** The encoder on a frame of any size that is a multiple of the downsampling (the modules are size-agnostic). */
    synchronized CodeGrid encodeAnySize(Frame frame) throws TokenizerException {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(toInput(frame), new Shape(1, 3, frame.height(), frame.width()));
            long[] codes = forward(encoder, x, dir.resolve(ENCODER), "codes").toLongArray();
            int[] out = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                out[i] = (int) codes[i];
            }
            return new CodeGrid(frame.height() / meta.downsampling, frame.width() / meta.downsampling, out, frame.orientation());
        }
    }

    @Override
    public synchronized Frame decode(CodeGrid codes) throws TokenizerException {
        return toFrame(decodeRaw(codes), codes.cols() * meta.downsampling, codes.rows() * meta.downsampling, codes);
    }

    /** The decoder's float output {@code (3, H, W)}, clamped to [-1, 1], before it becomes bytes. */
    public synchronized float[] decodeRaw(CodeGrid codes) throws TokenizerException {
        try (NDManager m = manager.newSubManager()) {
            long[] c = new long[codes.rows() * codes.cols()];
            int[] src = codes.codesView();
            for (int i = 0; i < c.length; i++) {
                if (src[i] < 0 || src[i] >= meta.codebook_size) {
                    throw new IllegalArgumentException("code " + src[i] + " at " + i + " is outside the codebook of "
                            + meta.codebook_size);
                }
                c[i] = src[i];
            }
            NDArray x = m.create(c, new Shape(1, codes.rows(), codes.cols()));
            return forward(decoder, x, dir.resolve(DECODER), "pixels").toFloatArray();
        }
    }

    /** Chameleon's input: {@code x / 255.0 * 2 - 1} in double, then float, planar CHW. */
    static float[] toInput(Frame frame) {
        int n = frame.width() * frame.height();
        float[] out = new float[3 * n];
        byte[] rgb = frame.rgb();
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (float) (v / 255.0 * 2 - 1);
        }
        for (int p = 0; p < n; p++) {
            out[p] = lut[rgb[p * 3] & 0xFF];
            out[n + p] = lut[rgb[p * 3 + 1] & 0xFF];
            out[2 * n + p] = lut[rgb[p * 3 + 2] & 0xFF];
        }
        return out;
    }

    /** Chameleon's output: {@code uint8(((clamp(v) + 1) / 2) * 255)} in float32, truncated. */
    static Frame toFrame(float[] chw, int width, int height, CodeGrid codes) {
        int n = width * height;
        byte[] rgb = new byte[3 * n];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                float v = Math.max(-1f, Math.min(1f, chw[c * n + p]));
                float unit = (v + 1.0f) / 2.0f;
                rgb[p * 3 + c] = (byte) (int) (unit * 255f);
            }
        }
        return new Frame(width, height, codes.orientation(), rgb);
    }

    @Override
    public synchronized void close() {
        encoder.close();
        decoder.close();
        manager.close();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@code vqgan-torchscript.json} holds (names as in the file). */
    @SuppressWarnings("checkstyle:MemberName")
    static final class Metadata {
        String format;
        int version;
        int codebook_size;
        int downsampling;
        int resolution;
        String encoder;
        String decoder;

        static Metadata read(Path file) throws TokenizerException {
            if (!Files.isRegularFile(file)) {
                throw new TokenizerException(file, "the tokenizer description written by " + EXPORT_SCRIPT
                        + " (format " + FORMAT + ")", "no such file");
            }
            Metadata m;
            try {
                JsonNode node = JSON.readTree(Files.readString(file));
                if (node == null || !node.isObject()) {
                    m = null;
                } else {
                    m = new Metadata();
                    m.format = node.path("format").isTextual() ? node.path("format").textValue() : null;
                    m.version = node.path("version").asInt(0);
                    m.codebook_size = node.path("codebook_size").asInt(0);
                    m.downsampling = node.path("downsampling").asInt(0);
                    m.resolution = node.path("resolution").asInt(0);
                    m.encoder = node.path("encoder").isTextual() ? node.path("encoder").textValue() : null;
                    m.decoder = node.path("decoder").isTextual() ? node.path("decoder").textValue() : null;
                }
            } catch (IOException | RuntimeException e) {
                throw new TokenizerException(file, "JSON written by " + EXPORT_SCRIPT, "unreadable JSON: "
                        + firstLine(e.getMessage()), e);
            }
            if (m == null || !FORMAT.equals(m.format)) {
                throw new TokenizerException(file, "\"format\": \"" + FORMAT + "\"",
                        m == null ? "an empty file" : "format " + m.format);
            }
            if (m.codebook_size < 1 || m.downsampling < 1 || m.resolution < m.downsampling
                    || m.resolution % m.downsampling != 0) {
                throw new TokenizerException(file, "positive codebook_size, downsampling and a resolution that is a multiple "
                        + "of the downsampling", "codebook_size " + m.codebook_size + ", downsampling " + m.downsampling
                        + ", resolution " + m.resolution);
            }
            return m;
        }
    }
}
