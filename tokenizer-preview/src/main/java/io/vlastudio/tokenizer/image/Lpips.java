package io.vlastudio.tokenizer.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.nio.file.Path;

/**
 * LPIPS (Zhang et al. 2018, VGG variant, version 0.1), the perceptual distance world-model papers report beside
 * PSNR and SSIM, run from a TorchScript file the user exports once with {@value #EXPORT_SCRIPT} (the studio ships the
 * script, never the weights).
 *
 * <p>The file's interface: {@code forward(x0, x1)} takes two float32 RGB batches {@code (N, 3, H, W)} with values in
 * [-1, 1] ({@code pixel / 255 * 2 - 1}, computed in double and rounded to float, as for the VQ-GAN) and returns the
 * float32 distances {@code (N)}; {@code (N, 1, 1, 1)}, what the {@code lpips} package's module returns, is accepted
 * too. Frames are compared at their own size (at least {@value #MIN_SIDE} px a side, VGG's four poolings); both
 * frames of a pair must have the same size. Lower is more similar; identical frames give 0. Papers print it x100.
 * {@link #open} runs the module once on a pair of grey 64x64 frames and refuses a file whose output does not fit.
 */
public final class Lpips implements AutoCloseable {

    /** The export script, shipped beside this class (kept in the repository's {@code tools/metrics/}). */
    public static final String EXPORT_SCRIPT = "export_lpips_vgg.py";
    public static final int MIN_SIDE = 16;
    private static final int PROBE_SIDE = 64;
    private static final String WHAT = "the LPIPS model written by " + EXPORT_SCRIPT;

    private final TorchScriptModule module;

    private Lpips(TorchScriptModule module) {
        this.module = module;
    }

    /**
     * Loads the TorchScript file and checks its interface.
     *
     * @throws MetricModelException naming the file, the expected and the actual shape (or load error)
     */
    public static Lpips open(Path file, TorchRuntime runtime) throws MetricModelException {
        TorchScriptModule module = TorchScriptModule.load(file, WHAT, runtime);
        try {
            Lpips lpips = new Lpips(module);
            lpips.probe();
            return lpips;
        } catch (MetricModelException | RuntimeException e) {
            module.close();
            throw e;
        }
    }

    public Path file() {
        return module.file();
    }

    private void probe() throws MetricModelException {
        try (NDManager m = module.manager().newSubManager()) {
            Shape in = new Shape(2, 3, PROBE_SIDE, PROBE_SIDE);
            distances(m, m.zeros(in), m.zeros(in), 2);
        }
    }

    /** The LPIPS distance between two frames of the same size (any orientation: compare like with like). */
    public synchronized double distance(Frame a, Frame b) throws MetricModelException {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("LPIPS compares frames of the same size, got " + a.width() + "x" + a.height()
                    + " and " + b.width() + "x" + b.height());
        }
        if (a.width() < MIN_SIDE || a.height() < MIN_SIDE) {
            throw new IllegalArgumentException("LPIPS (VGG) needs frames of at least " + MIN_SIDE + "x" + MIN_SIDE + ", got "
                    + a.width() + "x" + a.height());
        }
        try (NDManager m = module.manager().newSubManager()) {
            Shape shape = new Shape(1, 3, a.height(), a.width());
            NDArray x0 = m.create(TorchScriptVqGan.toInput(a), shape);
            NDArray x1 = m.create(TorchScriptVqGan.toInput(b), shape);
            return distances(m, x0, x1, 1)[0];
        }
    }

    private double[] distances(NDManager m, NDArray x0, NDArray x1, int n) throws MetricModelException {
        NDArray out = module.forward(x0, x1);
        long[] s = out.getShape().getShape();
        boolean flat = s.length == 1 && s[0] == n;
        boolean lpipsShape = s.length == 4 && s[0] == n && s[1] == 1 && s[2] == 1 && s[3] == 1;
        if (out.getDataType() != DataType.FLOAT32 || !(flat || lpipsShape)) {
            throw new MetricModelException(module.file(), "float32 distances of shape (" + n + ") (or (" + n
                    + ", 1, 1, 1)) for two inputs " + TorchScriptModule.describe(x0), TorchScriptModule.describe(out));
        }
        float[] v = out.toFloatArray();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Override
    public synchronized void close() {
        module.close();
    }
}
