package io.vlastudio.dataset.stats;

/**
 * Statistics of one action dimension over finite values. Quantiles use NumPy's default (linear
 * interpolation between order statistics). All fields are NaN when there is no finite value.
 */
public record DimensionStatistics(int count, double min, double max, double mean, double std, double q01, double q99) {

    static DimensionStatistics of(double[] values, int count) {
        return ofScratch(java.util.Arrays.copyOf(values, count), count);
    }

    /**
     * Like {@link #of}, but reorders the first {@code count} entries of {@code values} (a scratch column the
     * caller refills next): the quantiles are selected in place, without a copy per dimension.
     */
    static DimensionStatistics ofScratch(double[] values, int count) {
        if (count == 0) {
            return new DimensionStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double x = values[i];
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = sum / count;
        double sq = 0;
        for (int i = 0; i < count; i++) {
            double x = values[i];
            sq += (x - mean) * (x - mean);
        }
        // the two quantiles need four order statistics, not a sorted copy: select them (linear time; a full
        // sort of every dimension of every demo was the largest cost of a metadata scan)
        return new DimensionStatistics(count, min, max, mean, Math.sqrt(sq / count), quantile(values, count, 0.01),
                quantile(values, count, 0.99));
    }

    /**
     * NumPy's {@code quantile(..., method="linear")}: the order statistics at {@code floor(q*(n-1))} and the
     * one after it, interpolated. Reorders {@code v} (partially).
     */
    static double quantile(double[] v, double q) {
        return quantile(v, v.length, q);
    }

    /** {@link #quantile(double[], double)} of the first {@code n} entries of {@code v}. */
    static double quantile(double[] v, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        double low = select(v, n, lo);
        double high = low;
        if (lo + 1 < n) {
            high = v[lo + 1];
            for (int i = lo + 2; i < n; i++) { // after select, everything right of lo is >= v[lo]
                high = Math.min(high, v[i]);
            }
        }
        double frac = pos - lo;
        return low + (high - low) * frac;
    }

    /**
     * The {@code k}-th smallest of {@code v}, leaving smaller values left of {@code k} and larger right of it
     * (quickselect; a range that keeps partitioning badly is sorted instead, so the worst case is n log n).
     */
    static double select(double[] v, int k) {
        return select(v, v.length, k);
    }

    /** {@link #select(double[], int)} among the first {@code n} entries of {@code v}. */
    static double select(double[] v, int n, int k) {
        int left = 0;
        int right = n - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 8;
        while (right > left) {
            if (--budget < 0 || right - left < 16) {
                java.util.Arrays.sort(v, left, right + 1);
                return v[k];
            }
            int mid = (left + right) >>> 1;
            // median of three as the pivot
            if (v[mid] < v[left]) {
                swap(v, mid, left);
            }
            if (v[right] < v[left]) {
                swap(v, right, left);
            }
            if (v[right] < v[mid]) {
                swap(v, right, mid);
            }
            double pivot = v[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(v, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }
}
