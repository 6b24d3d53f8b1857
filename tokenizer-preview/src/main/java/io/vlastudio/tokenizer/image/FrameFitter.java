package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Frame;

/**
 * Brings a frame to the square size a tokenizer encodes, as WorldVLA's item processor does for frames it was not
 * rendered at: a centred square crop when the frame is not square, then a bicubic resize (Keys kernel, a = -0.5,
 * widened when shrinking, as Pillow's {@code BICUBIC}). Pixel values can differ from Pillow's fixed-point result by
 * one grey level. Frames already of the right size pass through untouched; anything else is reported by
 * {@link Fitted#note()} so the studio can say so.
 */
public final class FrameFitter {

    /** A fitted frame and what was done to it. */
    public record Fitted(Frame frame, boolean changed, String note) {
    }

    /** The frame at {@code side} x {@code side}. */
    public Fitted fit(Frame frame, int side) {
        if (frame.width() == side && frame.height() == side) {
            return new Fitted(frame, false, "");
        }
        Frame square = frame;
        String crop = "";
        if (frame.width() != frame.height()) {
            int s = Math.min(frame.width(), frame.height());
            int x0 = (frame.width() - s) / 2;
            int y0 = (frame.height() - s) / 2;
            byte[] out = new byte[s * s * 3];
            for (int y = 0; y < s; y++) {
                System.arraycopy(frame.rgb(), ((y0 + y) * frame.width() + x0) * 3, out, y * s * 3, s * 3);
            }
            square = new Frame(s, s, frame.orientation(), out);
            crop = "cropped to the centre " + s + "x" + s + ", ";
        }
        Frame resized = square.width() == side ? square : resize(square, side, side);
        String note = frame.width() + "x" + frame.height() + " frame " + crop
                + (square.width() == side ? "" : "resized to " + side + "x" + side + " (bicubic)");
        return new Fitted(resized, true, note.endsWith(", ") ? note.substring(0, note.length() - 2) : note);
    }

    /** Bicubic resampling of an RGB frame to {@code width} x {@code height}. */
    public static Frame resize(Frame src, int width, int height) {
        float[] horizontal = new float[src.height() * width * 3];
        Kernel kx = Kernel.of(src.width(), width);
        byte[] in = src.rgb();
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < width; x++) {
                int first = kx.first[x];
                float[] w = kx.weights[x];
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int k = 0; k < w.length; k++) {
                        acc += w[k] * (in[(y * src.width() + first + k) * 3 + c] & 0xFF);
                    }
                    horizontal[(y * width + x) * 3 + c] = acc;
                }
            }
        }
        Kernel ky = Kernel.of(src.height(), height);
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int first = ky.first[y];
            float[] w = ky.weights[y];
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int k = 0; k < w.length; k++) {
                        acc += w[k] * horizontal[((first + k) * width + x) * 3 + c];
                    }
                    int v = Math.round(acc);
                    out[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new Frame(width, height, src.orientation(), out);
    }

    /** Per output pixel: the first input pixel it reads and the normalised weights of the pixels from there. */
    private record Kernel(int[] first, float[][] weights) {

        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(1.0, scale);
            double support = 2.0 * filterScale;
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support + 0.5));
                int hi = Math.min(in, (int) Math.floor(centre + support + 0.5));
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int j = lo; j < hi; j++) {
                    w[j - lo] = cubic((j - centre + 0.5) / filterScale);
                    sum += w[j - lo];
                }
                float[] wf = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    wf[k] = (float) (sum == 0 ? 0 : w[k] / sum);
                }
                first[i] = lo;
                weights[i] = wf;
            }
            return new Kernel(first, weights);
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
}
