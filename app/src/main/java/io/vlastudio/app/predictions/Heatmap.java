package io.vlastudio.app.predictions;

import io.vlastudio.dataset.Frame;

/**
 * Heat-map colouring of an absolute difference: per pixel the largest channel difference, black at 0, through red,
 * to yellow at {@value #FULL_SCALE} grey levels and above (the tokenizer preview's scale, so the two read alike).
 */
final class Heatmap {

    /** The difference drawn in full yellow. */
    static final int FULL_SCALE = 64;

    private Heatmap() {
    }

    /** The coloured map of {@code difference} (an {@code |a-b|} frame), same size and orientation. */
    static Frame colour(Frame difference) {
        byte[] in = difference.rgb();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int v = Math.max(in[i] & 0xFF, Math.max(in[i + 1] & 0xFF, in[i + 2] & 0xFF));
            out[i] = red(v);
            out[i + 1] = green(v);
        }
        return new Frame(difference.width(), difference.height(), difference.orientation(), out);
    }

    static byte red(int v) {
        return (byte) Math.min(255, (int) Math.round(255.0 * Math.min(1, 2.0 * v / FULL_SCALE)));
    }

    static byte green(int v) {
        return (byte) Math.min(255, (int) Math.round(255.0 * Math.max(0, Math.min(1, 2.0 * v / FULL_SCALE - 1))));
    }

    /** Mean of the per-channel absolute differences, in grey levels. */
    static double meanAbs(Frame difference) {
        byte[] in = difference.rgb();
        long sum = 0;
        for (byte b : in) {
            sum += b & 0xFF;
        }
        return in.length == 0 ? 0 : (double) sum / in.length;
    }
}
