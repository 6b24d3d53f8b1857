package io.vlastudio.tokenizer.action;

import java.util.List;

/**
 * Per-dimension statistics of a selection of demos through an {@link UniformBinActionTokenizer}: bin histograms,
 * clip rates, round-trip error and, for the gripper, sign flips.
 *
 * @param bounds     the bounds the tokens were computed with
 * @param demos      number of demos
 * @param steps      number of steps
 * @param dimensions one entry per action dimension
 */
public record ActionTokenStatistics(ActionBounds bounds, int demos, long steps, List<DimensionTokenStatistics> dimensions) {

    /** LIBERO's gripper is the last action dimension. */
    public DimensionTokenStatistics gripper() {
        return dimensions.get(dimensions.size() - 1);
    }

    /**
     * Tokenizes every step and collects the statistics.
     *
     * @throws NonFiniteActionException naming demo and step of the first NaN or infinite value
     */
    public static ActionTokenStatistics compute(UniformBinActionTokenizer tokenizer, List<DemoActions> demos) {
        int dims = tokenizer.dimensions();
        ActionBounds bounds = tokenizer.bounds();
        double[] min = bounds.min();
        double[] max = bounds.max();
        long[][] histogram = new long[dims][UniformBinActionTokenizer.EDGES];
        long[] below = new long[dims];
        long[] above = new long[dims];
        double[] errSum = new double[dims];
        double[] errMax = new double[dims];
        long[] flips = new long[dims];
        long steps = 0;
        for (DemoActions demo : demos) {
            for (int t = 0; t < demo.steps(); t++) {
                double[] a = demo.actions()[t];
                int[] tokens = tokenizer.encode(a, demo.demo(), t);
                for (int d = 0; d < dims; d++) {
                    histogram[d][ActionTokenizer.binOf(tokens[d])]++;
                    if (a[d] < min[d]) {
                        below[d]++;
                    } else if (a[d] > max[d]) {
                        above[d]++;
                    }
                    double back = tokenizer.value(d, tokens[d]);
                    double err = Math.abs(back - a[d]);
                    errSum[d] += err;
                    errMax[d] = Math.max(errMax[d], err);
                    if (Math.signum(back) != Math.signum(a[d])) {
                        flips[d]++;
                    }
                }
            }
            steps += demo.steps();
        }
        List<DimensionTokenStatistics> out = new java.util.ArrayList<>();
        for (int d = 0; d < dims; d++) {
            out.add(new DimensionTokenStatistics(d, steps, histogram[d], below[d], above[d],
                    steps == 0 ? 0 : errSum[d] / steps, errMax[d], flips[d]));
        }
        return new ActionTokenStatistics(bounds, demos.size(), steps, List.copyOf(out));
    }
}
