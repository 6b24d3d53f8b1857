package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Frame;

/**
 * PSNR and SSIM of a reconstruction against its original, as WorldVLA's world-model evaluation computes them (piqa,
 * pixel values scaled to [0, 1]):
 * <ul>
 *   <li>PSNR = {@code 10 log10(1 / (mse + 1e-8))} over all pixels and channels (so identical frames give 80 dB);</li>
 *   <li>SSIM: 11x11 Gaussian window (sigma 1.5) over each channel separately, "valid" positions only,
 *       {@code c1 = 0.01^2}, {@code c2 = 0.03^2}, the mean over positions and channels.</li>
 * </ul>
 */
public final class ImageQuality {

    /** PSNR of identical frames. */
    public static final double MAX_PSNR = 80.0;
    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] GAUSS = gaussian();

    private ImageQuality() {
    }

    public static double psnr(Frame a, Frame b) {
        requireSameSize(a, b);
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = ((x[i] & 0xFF) - (y[i] & 0xFF)) / 255.0;
            sum += d * d;
        }
        return 10 * Math.log10(1.0 / (sum / x.length + 1e-8));
    }

    public static double ssim(Frame a, Frame b) {
        requireSameSize(a, b);
        int w = a.width();
        int h = a.height();
        if (w < WINDOW || h < WINDOW) {
            throw new IllegalArgumentException("SSIM needs frames of at least " + WINDOW + "x" + WINDOW + ", got " + w + "x" + h);
        }
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double total = 0;
        double[] x = new double[w * h];
        double[] y = new double[w * h];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < w * h; i++) {
                x[i] = (a.rgb()[i * 3 + c] & 0xFF) / 255.0;
                y[i] = (b.rgb()[i * 3 + c] & 0xFF) / 255.0;
            }
            double[] mx = filter(x, w, h, 0);
            double[] my = filter(y, w, h, 0);
            double[] xx = filter(x, w, h, 1);
            double[] yy = filter(y, w, h, 2);
            double[] xy = filterProduct(x, y, w, h);
            for (int i = 0; i < ow * oh; i++) {
                double sxx = xx[i] - mx[i] * mx[i];
                double syy = yy[i] - my[i] * my[i];
                double sxy = xy[i] - mx[i] * my[i];
                double cs = (2 * sxy + C2) / (sxx + syy + C2);
                double l = (2 * mx[i] * my[i] + C1) / (mx[i] * mx[i] + my[i] * my[i] + C1);
                total += l * cs;
            }
        }
        return total / (3.0 * ow * oh);
    }

    /** Gaussian-filtered {@code v} (mode 0), {@code v^2} (1 or 2) over valid positions. */
    private static double[] filter(double[] v, int w, int h, int mode) {
        if (mode == 0) {
            return separable(v, w, h);
        }
        double[] sq = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            sq[i] = v[i] * v[i];
        }
        return separable(sq, w, h);
    }

    private static double[] filterProduct(double[] x, double[] y, int w, int h) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = x[i] * y[i];
        }
        return separable(p, w, h);
    }

    private static double[] separable(double[] v, int w, int h) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double acc = 0;
                for (int k = 0; k < WINDOW; k++) {
                    acc += GAUSS[k] * v[y * w + x + k];
                }
                rows[y * ow + x] = acc;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double acc = 0;
                for (int k = 0; k < WINDOW; k++) {
                    acc += GAUSS[k] * rows[(y + k) * ow + x];
                }
                out[y * ow + x] = acc;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double x = i - (WINDOW - 1) / 2.0;
            g[i] = Math.exp(-x * x / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    private static void requireSameSize(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("frames differ in size: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
    }
}
