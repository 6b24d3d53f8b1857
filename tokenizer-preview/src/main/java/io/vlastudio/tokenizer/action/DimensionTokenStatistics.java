package io.vlastudio.tokenizer.action;

/**
 * How one action dimension fares through the tokenizer.
 *
 * @param dimension       0-based dimension
 * @param values          number of values seen
 * @param histogram       count per bin; index 0 is token 10006, index 255 is token 10261
 * @param belowMin        values below the lower bound (clipped to token 10006)
 * @param aboveMax        values above the upper bound (clipped to token 10261)
 * @param meanAbsError    mean of {@code |decode(encode(a)) - a|}
 * @param maxAbsError     largest {@code |decode(encode(a)) - a|}
 * @param signFlips       steps whose sign ({@code np.sign}) differs after the round trip (reported for the gripper)
 */
public record DimensionTokenStatistics(int dimension, long values, long[] histogram, long belowMin, long aboveMax,
                                       double meanAbsError, double maxAbsError, long signFlips) {

    /** Share of values outside the bounds, 0..1. */
    public double clippedShare() {
        return values == 0 ? 0 : (double) (belowMin + aboveMax) / values;
    }

    /** Share of values whose sign flips after the round trip, 0..1. */
    public double signFlipShare() {
        return values == 0 ? 0 : (double) signFlips / values;
    }

    /** Number of the 256 bins no value falls in. */
    public int emptyBins() {
        int n = 0;
        for (long c : histogram) {
            if (c == 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long[] histogram() {
        return histogram.clone();
    }
}
