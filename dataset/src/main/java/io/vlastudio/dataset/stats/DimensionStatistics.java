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
        double posLow = 0.01 * (count - 1);
        double posHigh = 0.99 * (count - 1);
        int keepLow = Math.min((int) Math.floor(posLow) + 2, count); // order statistics 0 .. floor(posLow) + 1
        int keepHigh = count - (int) Math.floor(posHigh); // order statistics floor(posHigh) .. count - 1
        if (keepLow <= FEW && keepHigh <= FEW) {
            return onePass(values, count, keepLow, keepHigh, posLow, posHigh);
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
        double std = std(values, count, mean);
        // the two quantiles need four order statistics, not a sorted copy: select them (linear time; a full
        // sort of every dimension of every demo was the largest cost of a metadata scan)
        return new DimensionStatistics(count, min, max, mean, std, quantile(values, count, 0.01),
                quantile(values, count, 0.99));
    }

    /**
     * The 1% and 99% quantiles need only the few smallest and largest values (3 of a 200-step demo's, 81 of a
     * 50-demo file's): they are kept in two bounded heaps during the pass that sums (most values are turned
     * away by one comparison with a heap's root), so the column is neither reordered nor selected in.
     */
    private static final int FEW = 1 << 16;

    private static DimensionStatistics onePass(double[] values, int count, int keepLow, int keepHigh, double posLow,
                                               double posHigh) {
        double[] low = new double[keepLow]; // max-heap of the keepLow smallest
        double[] high = new double[keepHigh]; // min-heap (of negated values) of the keepHigh largest
        int nLow = 0;
        int nHigh = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double x = values[i];
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
            if (nLow < keepLow) {
                siftUp(low, nLow++, x);
            } else if (x < low[0]) {
                siftDown(low, keepLow, x);
            }
            if (nHigh < keepHigh) {
                siftUp(high, nHigh++, -x);
            } else if (-x < high[0]) {
                siftDown(high, keepHigh, -x);
            }
        }
        double mean = sum / count;
        java.util.Arrays.sort(low); // ascending: order statistic r is low[r]
        java.util.Arrays.sort(high); // ascending negated: order statistic r is -high[count - 1 - r]
        int lo = (int) Math.floor(posLow);
        double q01 = interpolate(low[lo], low[Math.min(lo + 1, count - 1)], posLow - lo);
        int hi = (int) Math.floor(posHigh);
        double q99 = interpolate(-high[count - 1 - hi], -high[count - 1 - Math.min(hi + 1, count - 1)], posHigh - hi);
        return new DimensionStatistics(count, min, max, mean, std(values, count, mean), q01, q99);
    }

    /** Adds {@code x} at slot {@code n} of a max-heap of {@code n} values. */
    private static void siftUp(double[] heap, int n, double x) {
        int i = n;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] >= x) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    /** Replaces the root (the largest) of a full max-heap of {@code n} values by the smaller {@code x}. */
    private static void siftDown(double[] heap, int n, double x) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && heap[child + 1] > heap[child]) {
                child++;
            }
            if (heap[child] <= x) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
    }

    private static double interpolate(double low, double high, double frac) {
        return low + (high - low) * frac;
    }

    private static double std(double[] values, int count, double mean) {
        double sq = 0;
        for (int i = 0; i < count; i++) {
            double x = values[i];
            sq += (x - mean) * (x - mean);
        }
        return Math.sqrt(sq / count);
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
