package io.vlastudio.training.export;

/**
 * Resizes 8-bit RGB images with a separable bicubic convolution (Keys' kernel, a = -0.5, the filter PIL calls
 * {@code BICUBIC}), widened by the scale factor when shrinking so it also antialiases. Pixel centres are aligned
 * ({@code (x + 0.5) / scale - 0.5}); weights are normalised per output pixel; results are rounded and clamped.
 */
public final class Resampler {

    /** The filter's name, as exports record it. */
    public static final String FILTER = "bicubic (Keys a=-0.5, as PIL BICUBIC)";

    private Resampler() {
    }

    public static byte[] resize(byte[] rgb, int width, int height, int newWidth, int newHeight) {
        float[] tmp = new float[height * newWidth * 3];
        Weights wx = weights(width, newWidth);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    float s = 0;
                    for (int k = 0; k < wx.count[x]; k++) {
                        s += wx.w[x][k] * (rgb[(y * width + wx.first[x] + k) * 3 + ch] & 0xFF);
                    }
                    tmp[(y * newWidth + x) * 3 + ch] = s;
                }
            }
        }
        byte[] out = new byte[newHeight * newWidth * 3];
        Weights wy = weights(height, newHeight);
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    float s = 0;
                    for (int k = 0; k < wy.count[y]; k++) {
                        s += wy.w[y][k] * tmp[((wy.first[y] + k) * newWidth + x) * 3 + ch];
                    }
                    out[(y * newWidth + x) * 3 + ch] = (byte) Math.max(0, Math.min(255, Math.round(s)));
                }
            }
        }
        return out;
    }

    private record Weights(int[] first, int[] count, float[][] w) {
    }

    private static Weights weights(int in, int out) {
        double scale = (double) out / in;
        double support = scale < 1 ? 2 / scale : 2;
        double stretch = scale < 1 ? scale : 1;
        int[] first = new int[out];
        int[] count = new int[out];
        float[][] w = new float[out][];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) / scale - 0.5;
            int lo = Math.max(0, (int) Math.floor(centre - support + 1));
            int hi = Math.min(in - 1, (int) Math.ceil(centre + support - 1));
            if (hi < lo) {
                lo = hi = Math.max(0, Math.min(in - 1, (int) Math.round(centre)));
            }
            double[] ws = new double[hi - lo + 1];
            double sum = 0;
            for (int k = lo; k <= hi; k++) {
                ws[k - lo] = cubic((k - centre) * stretch);
                sum += ws[k - lo];
            }
            w[i] = new float[ws.length];
            for (int k = 0; k < ws.length; k++) {
                w[i][k] = (float) (sum == 0 ? 1.0 / ws.length : ws[k] / sum);
            }
            first[i] = lo;
            count[i] = ws.length;
        }
        return new Weights(first, count, w);
    }

    private static double cubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }
}
