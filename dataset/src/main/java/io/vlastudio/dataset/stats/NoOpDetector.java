package io.vlastudio.dataset.stats;

/**
 * The no-op rule of the OpenVLA/WorldVLA regeneration: an action is a no-op when the L2 norm of its first six
 * dimensions is below {@value #NORM_THRESHOLD} and its gripper value equals the gripper value of the previous
 * <em>kept</em> action. For the first action of a demo only the norm test applies. Dropped actions do not
 * become the reference for the next one.
 */
public final class NoOpDetector {

    public static final double NORM_THRESHOLD = 1e-4;

    /** Which steps of a {@code (T,7)} action array are no-ops. */
    public boolean[] detect(double[][] actions) {
        boolean[] noOp = new boolean[actions.length];
        double[] previousKept = null;
        for (int t = 0; t < actions.length; t++) {
            double[] a = actions[t];
            double sq = 0;
            for (int d = 0; d < 6; d++) {
                sq += a[d] * a[d];
            }
            boolean small = Math.sqrt(sq) < NORM_THRESHOLD;
            noOp[t] = previousKept == null ? small : small && a[6] == previousKept[6];
            if (!noOp[t]) {
                previousKept = a;
            }
        }
        return noOp;
    }

    /** The no-op step indices, ascending. */
    public int[] positions(double[][] actions) {
        boolean[] noOp = detect(actions);
        int n = 0;
        for (boolean b : noOp) {
            n += b ? 1 : 0;
        }
        int[] out = new int[n];
        for (int t = 0, k = 0; t < noOp.length; t++) {
            if (noOp[t]) {
                out[k++] = t;
            }
        }
        return out;
    }
}
