package io.vlastudio.tokenizer.action;

import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link ActionBounds} for a preset from the current data, the way WorldVLA users compute them by hand:
 * {@code np.min/np.max(actions, axis=0)} or {@code np.quantile(actions, [0.01, 0.99], axis=0)} (NumPy's default
 * linear method, reproduced to the bit, including its two-sided interpolation).
 */
public final class BoundsCalculator {

    /**
     * Bounds of {@code preset} over every step of {@code demos}. {@link BoundsPreset#WORLDVLA} ignores the data.
     *
     * @throws NonFiniteActionException naming the demo and step of the first NaN or infinite value
     * @throws IllegalArgumentException when data-derived bounds are asked for without any step
     */
    public ActionBounds compute(BoundsPreset preset, List<DemoActions> demos) {
        if (preset == BoundsPreset.WORLDVLA) {
            return ActionBounds.worldVla();
        }
        double[][] columns = columns(demos);
        int dims = columns.length;
        double[] min = new double[dims];
        double[] max = new double[dims];
        for (int d = 0; d < dims; d++) {
            double[] v = columns[d];
            Arrays.sort(v);
            if (preset == BoundsPreset.MINMAX) {
                min[d] = v[0];
                max[d] = v[v.length - 1];
            } else {
                min[d] = quantile(v, 0.01);
                max[d] = quantile(v, 0.99);
            }
        }
        return new ActionBounds(preset, min, max);
    }

    /** The values of each dimension over all demos, checked for NaN and infinities. */
    static double[][] columns(List<DemoActions> demos) {
        int steps = 0;
        int dims = -1;
        for (DemoActions demo : demos) {
            for (int t = 0; t < demo.steps(); t++) {
                double[] a = demo.actions()[t];
                if (dims < 0) {
                    dims = a.length;
                } else if (a.length != dims) {
                    throw new IllegalArgumentException(demo.demo() + " step " + t + ": expected an action of " + dims
                            + " values, found " + a.length);
                }
                for (int d = 0; d < a.length; d++) {
                    if (!Double.isFinite(a[d])) {
                        throw new NonFiniteActionException(demo.demo(), t, d, a[d]);
                    }
                }
            }
            steps += demo.steps();
        }
        if (steps == 0) {
            throw new IllegalArgumentException("bounds from the data need at least one step; the selection has none");
        }
        double[][] columns = new double[dims][steps];
        int i = 0;
        for (DemoActions demo : demos) {
            for (double[] a : demo.actions()) {
                for (int d = 0; d < dims; d++) {
                    columns[d][i] = a[d];
                }
                i++;
            }
        }
        return columns;
    }

    /**
     * NumPy's {@code quantile(v, q)} (method "linear") of sorted values: virtual index {@code (n-1)*q}, then
     * {@code _lerp}: {@code a + (b-a)*t}, or {@code b - (b-a)*(1-t)} when {@code t >= 0.5}.
     */
    public static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        double virtual = (n - 1) * q;
        if (virtual >= n - 1) {
            return sorted[n - 1];
        }
        if (virtual < 0) {
            return sorted[0];
        }
        double previous = Math.floor(virtual);
        int lo = (int) previous;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double t = virtual - previous;
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
