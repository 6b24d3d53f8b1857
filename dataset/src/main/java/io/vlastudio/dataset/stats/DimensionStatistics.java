package io.vlastudio.dataset.stats;

/**
 * Statistics of one action dimension over finite values. Quantiles use NumPy's default (linear
 * interpolation between order statistics). All fields are NaN when there is no finite value.
 */
public record DimensionStatistics(int count, double min, double max, double mean, double std, double q01, double q99) {

    static DimensionStatistics of(double[] values, int count) {
        if (count == 0) {
            return new DimensionStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] v = java.util.Arrays.copyOf(values, count);
        java.util.Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / count;
        double sq = 0;
        for (double x : v) {
            sq += (x - mean) * (x - mean);
        }
        return new DimensionStatistics(count, v[0], v[count - 1], mean, Math.sqrt(sq / count), quantile(v, 0.01),
                quantile(v, 0.99));
    }

    /** NumPy's {@code quantile(..., method="linear")} over sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
