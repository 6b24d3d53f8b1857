package io.vlastudio.tokenizer.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FVD (Unterthiner et al. 2018): the {@linkplain FrechetDistance Fréchet distance} between Gaussians fitted to I3D
 * features of real and of predicted video clips, with the I3D network run from a TorchScript file the user exports
 * once with {@value #EXPORT_SCRIPT} (the studio ships the script, never the weights).
 *
 * <p>The file's interface: {@code forward(video)} takes float32 {@code (N, 3, T, 224, 224)} RGB in [-1, 1] and returns
 * float32 {@code (N, F)} features (F = 400 Kinetics logits or 1024 pooled features). Each frame is scaled to
 * [-1, 1] ({@code pixel / 255 * 2 - 1}) and resized to 224x224 bilinearly like PyTorch's
 * {@code F.interpolate(mode="bilinear", align_corners=False)} without antialiasing, the resize of the common FVD
 * implementations. {@link #open} runs the module once on a grey clip of {@value #PROBE_FRAMES} frames and refuses a
 * file whose output does not fit.
 *
 * <p>A demo's rollout becomes a set of clips with {@link #clips}: consecutive, non-overlapping runs of
 * {@code length} frames (the remainder is dropped). FVD needs at least 2 clips per side; with fewer clips than
 * feature dimensions the covariances are singular and the figure is noisy: compare FVDs computed the same way only.
 */
public final class Fvd implements AutoCloseable {

    public static final String EXPORT_SCRIPT = "export_i3d.py";
    public static final int SIDE = 224;
    /** Frames per clip by default (the usual FVD clip length). */
    public static final int DEFAULT_CLIP = 16;
    /** The fewest frames the real I3D takes (its time axis shrinks 8x before a 2-frame average pool). */
    public static final int MIN_CLIP = 9;
    static final int PROBE_FRAMES = 10;
    private static final String WHAT = "the I3D model written by " + EXPORT_SCRIPT;

    private final TorchScriptModule module;
    private int featureWidth;

    private Fvd(TorchScriptModule module) {
        this.module = module;
    }

    /**
     * Loads the TorchScript file and checks its interface.
     *
     * @throws MetricModelException naming the file, the expected and the actual shape (or load error)
     */
    public static Fvd open(Path file, TorchRuntime runtime) throws MetricModelException {
        TorchScriptModule module = TorchScriptModule.load(file, WHAT, runtime);
        try {
            Fvd fvd = new Fvd(module);
            try (NDManager m = module.manager().newSubManager()) {
                fvd.featureWidth = fvd.run(m.zeros(new Shape(1, 3, PROBE_FRAMES, SIDE, SIDE)), 1)[0].length;
            }
            return fvd;
        } catch (MetricModelException | RuntimeException e) {
            module.close();
            throw e;
        }
    }

    public Path file() {
        return module.file();
    }

    /** F, the width of the model's feature vectors (400 or 1024 for the real networks). */
    public int featureWidth() {
        return featureWidth;
    }

    /** Consecutive non-overlapping clips of {@code length} frames; a shorter remainder is dropped. */
    public static <T> List<List<T>> clips(List<T> frames, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("clip length must be positive, got " + length);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i + length <= frames.size(); i += length) {
            out.add(List.copyOf(frames.subList(i, i + length)));
        }
        return out;
    }

    /** I3D features of one clip (frames of any size, all the same; at least {@value #MIN_CLIP} for the real I3D). */
    public synchronized double[] features(List<Frame> clip) throws MetricModelException {
        if (clip.isEmpty()) {
            throw new IllegalArgumentException("an empty clip");
        }
        try (NDManager m = module.manager().newSubManager()) {
            return run(m.create(toInput(clip), new Shape(1, 3, clip.size(), SIDE, SIDE)), 1)[0];
        }
    }

    /** Features of every clip, one row each. */
    public double[][] clipFeatures(List<? extends List<Frame>> clips) throws MetricModelException {
        double[][] out = new double[clips.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = features(clips.get(i));
        }
        return out;
    }

    /** FVD between two sets of clips (at least 2 each). */
    public double fvd(List<? extends List<Frame>> real, List<? extends List<Frame>> predicted) throws MetricModelException {
        if (real.size() < 2 || predicted.size() < 2) {
            throw new IllegalArgumentException("FVD needs at least 2 clips on each side, got " + real.size() + " real and "
                    + predicted.size() + " predicted");
        }
        return FrechetDistance.of(clipFeatures(real), clipFeatures(predicted));
    }

    private double[][] run(NDArray video, int n) throws MetricModelException {
        NDArray out = module.forward(video);
        long[] s = out.getShape().getShape();
        if (out.getDataType() != DataType.FLOAT32 || s.length != 2 || s[0] != n || s[1] < 1) {
            throw new MetricModelException(module.file(), "float32 features of shape (" + n + ", F), F = 400 or 1024, for"
                    + " an input " + TorchScriptModule.describe(video), TorchScriptModule.describe(out));
        }
        if (featureWidth != 0 && s[1] != featureWidth) {
            throw new MetricModelException(module.file(), "features of width " + featureWidth, "width " + s[1]);
        }
        float[] v = out.toFloatArray();
        int f = (int) s[1];
        double[][] rows = new double[n][f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                rows[i][j] = v[i * f + j];
            }
        }
        return rows;
    }

    /** The network's input for one clip: {@code (3, T, 224, 224)}, planar, values in [-1, 1]. */
    static float[] toInput(List<Frame> clip) {
        int t = clip.size();
        int plane = SIDE * SIDE;
        float[] out = new float[3 * t * plane];
        Frame first = clip.get(0);
        for (int k = 0; k < t; k++) {
            Frame f = clip.get(k);
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("frames of a clip differ in size: " + first.width() + "x" + first.height()
                        + " and " + f.width() + "x" + f.height() + " (frame " + k + ")");
            }
            float[] chw = resizeBilinear(f, SIDE, SIDE);
            for (int c = 0; c < 3; c++) {
                System.arraycopy(chw, c * plane, out, (c * t + k) * plane, plane);
            }
        }
        return out;
    }

    /**
     * {@code pixel / 255 * 2 - 1}, resized to {@code w x h} like PyTorch's bilinear {@code interpolate} with
     * {@code align_corners=False}: source coordinate {@code (dst + 0.5) * in / out - 0.5}, clamped at 0; planar CHW.
     */
    static float[] resizeBilinear(Frame f, int w, int h) {
        int sw = f.width();
        int sh = f.height();
        byte[] rgb = f.rgb();
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        double[] lx = new double[w];
        axis(sw, w, x0, x1, lx);
        int[] y0 = new int[h];
        int[] y1 = new int[h];
        double[] ly = new double[h];
        axis(sh, h, y0, y1, ly);
        double[] lut = new double[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (float) (v / 255.0 * 2 - 1);
        }
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                int r0 = y0[y] * sw;
                int r1 = y1[y] * sw;
                double wy = ly[y];
                for (int x = 0; x < w; x++) {
                    double wx = lx[x];
                    double a = lut[rgb[(r0 + x0[x]) * 3 + c] & 0xFF];
                    double b = lut[rgb[(r0 + x1[x]) * 3 + c] & 0xFF];
                    double cc = lut[rgb[(r1 + x0[x]) * 3 + c] & 0xFF];
                    double d = lut[rgb[(r1 + x1[x]) * 3 + c] & 0xFF];
                    double top = a * (1 - wx) + b * wx;
                    double bottom = cc * (1 - wx) + d * wx;
                    out[base + y * w + x] = (float) (top * (1 - wy) + bottom * wy);
                }
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] i0, int[] i1, double[] frac) {
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double src = Math.max(0, (o + 0.5) * scale - 0.5);
            int lo = Math.min((int) src, in - 1);
            i0[o] = lo;
            i1[o] = lo < in - 1 ? lo + 1 : lo;
            frac[o] = src - lo;
        }
    }

    @Override
    public synchronized void close() {
        module.close();
    }
}
