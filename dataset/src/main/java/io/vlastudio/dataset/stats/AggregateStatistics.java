package io.vlastudio.dataset.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistics over several demos (a file, or a suite): the facts robomimic's {@code get_dataset_info} prints,
 * plus no-op and problem counts.
 */
public record AggregateStatistics(int demos, long transitions, double lengthMean, double lengthStd, int lengthMin,
                                  int lengthMax, List<DimensionStatistics> dimensions, long noOps, long outOfRange,
                                  long nonFinite) {

    public AggregateStatistics {
        dimensions = List.copyOf(dimensions);
    }

    static AggregateStatistics of(List<DemoStatistics> demos, List<double[][]> actions) {
        int n = demos.size();
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long noOps = 0;
        long outOfRange = 0;
        long nonFinite = 0;
        for (DemoStatistics d : demos) {
            total += d.length();
            min = Math.min(min, d.length());
            max = Math.max(max, d.length());
            noOps += d.noOpCount();
            outOfRange += d.outOfRangeCount();
            nonFinite += d.nonFinite().size();
        }
        double mean = n == 0 ? 0 : (double) total / n;
        double sq = 0;
        for (DemoStatistics d : demos) {
            sq += (d.length() - mean) * (d.length() - mean);
        }
        List<DimensionStatistics> dims = new ArrayList<>();
        int width = actions.isEmpty() || actions.get(0).length == 0 ? 7 : actions.get(0)[0].length;
        double[] column = new double[(int) Math.min(Integer.MAX_VALUE - 8, total)];
        for (int d = 0; d < width; d++) {
            int k = 0;
            for (double[][] a : actions) {
                for (double[] row : a) {
                    if (Double.isFinite(row[d]) && k < column.length) {
                        column[k++] = row[d];
                    }
                }
            }
            dims.add(DimensionStatistics.ofScratch(column, k)); // column is refilled for the next dimension
        }
        return new AggregateStatistics(n, total, mean, n == 0 ? 0 : Math.sqrt(sq / n), n == 0 ? 0 : min, max, dims,
                noOps, outOfRange, nonFinite);
    }
}
