package io.vlastudio.tokenizer.action;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-dimension bounds an action is normalised with before binning: {@code n = clip(2(a-min)/(max-min+1e-8)-1, -1, 1)}.
 * The same two arrays must be set in WorldVLA's item processor and in its evaluation un-normalisation.
 *
 * @param preset how the bounds were chosen
 * @param min    lower bounds, one per action dimension
 * @param max    upper bounds, one per action dimension
 */
public record ActionBounds(BoundsPreset preset, double[] min, double[] max) {

    /** The bounds WorldVLA hard-codes for all four LIBERO suites. */
    private static final double[] WORLDVLA_MIN = {-0.9375, -0.9375, -0.9375, -0.32571429, -0.375, -0.375, -1.0};
    private static final double[] WORLDVLA_MAX = {0.9375, 0.9375, 0.9375, 0.375, 0.375, 0.375, 1.0};

    public ActionBounds {
        Objects.requireNonNull(preset, "preset");
        min = min.clone();
        max = max.clone();
        if (min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException("bounds need as many minima as maxima, got " + min.length + " and " + max.length);
        }
        for (int d = 0; d < min.length; d++) {
            if (!Double.isFinite(min[d]) || !Double.isFinite(max[d]) || min[d] > max[d]) {
                throw new IllegalArgumentException("bounds of dimension " + d + " must be finite with min <= max, got ["
                        + min[d] + ", " + max[d] + "]");
            }
        }
    }

    /** WorldVLA's fixed bounds (the default). */
    public static ActionBounds worldVla() {
        return new ActionBounds(BoundsPreset.WORLDVLA, WORLDVLA_MIN, WORLDVLA_MAX);
    }

    public int dimensions() {
        return min.length;
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    double minAt(int d) {
        return min[d];
    }

    double maxAt(int d) {
        return max[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionBounds b && b.preset == preset && Arrays.equals(b.min, min) && Arrays.equals(b.max, max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preset, Arrays.hashCode(min), Arrays.hashCode(max));
    }

    @Override
    public String toString() {
        return preset.id() + " min=" + Arrays.toString(min) + " max=" + Arrays.toString(max);
    }
}
