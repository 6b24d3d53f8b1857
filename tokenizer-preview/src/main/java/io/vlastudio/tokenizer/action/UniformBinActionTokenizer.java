package io.vlastudio.tokenizer.action;

/**
 * WorldVLA's action discretisation, bit for bit, in float64:
 * <ol>
 *   <li>{@code n = clip(2*(a - min)/(max - min + 1e-8) - 1, -1, 1)} per dimension;</li>
 *   <li>256 edges {@code linspace(-1, 1, 256)}; the bin is NumPy's {@code digitize(n, edges)} (the number of edges
 *       {@code <= n}), so the bin is 1..256;</li>
 *   <li>token = bin + 10005 (10006 ... 10261).</li>
 * </ol>
 * Decoding takes the bin centre {@code centres[clip(token - 10006, 0, 254)]} of the 255 midpoints between edges and
 * un-normalises it with {@code (c + 1)/2 * (max - min + 1e-8) + min}. The arithmetic is written in the order NumPy
 * evaluates it, so the doubles are identical (the tests compare them with NumPy bit for bit).
 */
public final class UniformBinActionTokenizer implements ActionTokenizer {

    /** Number of bin edges. */
    public static final int EDGES = 256;
    /** Token of bin 0: {@code 10004 + 1}. */
    public static final int TOKEN_OFFSET = 10005;

    private static final double[] EDGE_VALUES = linspace(-1.0, 1.0, EDGES);
    private static final double[] CENTRES = centres(EDGE_VALUES);

    private final ActionBounds bounds;
    private final double[] min;
    private final double[] range;

    public UniformBinActionTokenizer(ActionBounds bounds) {
        this.bounds = bounds;
        this.min = bounds.min();
        double[] max = bounds.max();
        this.range = new double[min.length];
        for (int d = 0; d < min.length; d++) {
            range[d] = max[d] - min[d] + 1e-8;
        }
    }

    @Override
    public ActionBounds bounds() {
        return bounds;
    }

    /** The 256 bin edges, as NumPy's {@code linspace(-1, 1, 256)} computes them. */
    public static double[] edges() {
        return EDGE_VALUES.clone();
    }

    /** The 255 bin centres. */
    public static double[] centres() {
        return CENTRES.clone();
    }

    /** The normalised value of {@code value} in dimension {@code d}, before clipping. */
    public double normalise(int d, double value) {
        return 2.0 * (value - min[d]) / range[d] - 1.0;
    }

    /** The token of one value; NaN and infinities are the caller's to reject. */
    public int token(int d, double value) {
        double n = normalise(d, value);
        if (n < -1.0) {
            n = -1.0;
        } else if (n > 1.0) {
            n = 1.0;
        }
        return digitize(n) + TOKEN_OFFSET;
    }

    @Override
    public int[] encode(double[] action, String demo, int step) {
        if (action.length != min.length) {
            throw new IllegalArgumentException(demo + " step " + step + ": expected an action of " + min.length
                    + " values, found " + action.length);
        }
        int[] out = new int[action.length];
        for (int d = 0; d < action.length; d++) {
            double a = action[d];
            if (!Double.isFinite(a)) {
                throw new NonFiniteActionException(demo, step, d, a);
            }
            out[d] = token(d, a);
        }
        return out;
    }

    /**
     * Tokens of many values of one dimension at once, into {@code out}: the fast path for statistics and
     * benchmarks. Returns the index of the first non-finite value, or -1.
     */
    public int encodeColumn(int d, double[] values, int from, int to, int[] out) {
        double lo = min[d];
        double r = range[d];
        for (int i = from; i < to; i++) {
            double a = values[i];
            if (!(a - a == 0.0)) { // NaN or infinite
                return i;
            }
            double n = 2.0 * (a - lo) / r - 1.0;
            n = n < -1.0 ? -1.0 : (n > 1.0 ? 1.0 : n);
            out[i] = digitize(n) + TOKEN_OFFSET;
        }
        return -1;
    }

    @Override
    public double[] decode(int[] tokens) {
        if (tokens.length != min.length) {
            throw new IllegalArgumentException("expected " + min.length + " action tokens, found " + tokens.length);
        }
        double[] out = new double[tokens.length];
        for (int d = 0; d < tokens.length; d++) {
            out[d] = value(d, tokens[d]);
        }
        return out;
    }

    /** The un-normalised bin centre a token stands for in dimension {@code d}. */
    public double value(int d, int token) {
        return (centre(token) + 1.0) / 2.0 * range[d] + min[d];
    }

    /** The normalised bin centre of a token: {@code centres[clip(token - 10005 - 1, 0, 254)]}. */
    public static double centre(int token) {
        int idx = token - TOKEN_OFFSET - 1;
        idx = Math.max(0, Math.min(CENTRES.length - 1, idx));
        return CENTRES[idx];
    }

    /** NumPy's {@code digitize(n, edges)} with {@code right=False}: the number of edges {@code <= n}. */
    static int digitize(double n) {
        // the edges are uniform: start from the arithmetic guess, then settle with exact comparisons
        int i = (int) ((n + 1.0) * 127.5) + 1;
        if (i < 0) {
            i = 0;
        } else if (i > EDGES) {
            i = EDGES;
        }
        while (i < EDGES && EDGE_VALUES[i] <= n) {
            i++;
        }
        while (i > 0 && EDGE_VALUES[i - 1] > n) {
            i--;
        }
        return i;
    }

    /** NumPy's {@code linspace(start, stop, num)}: {@code i * step + start}, the last value set to {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    private static double[] centres(double[] edges) {
        double[] c = new double[edges.length - 1];
        for (int i = 0; i < c.length; i++) {
            c[i] = (edges[i] + edges[i + 1]) / 2.0;
        }
        return c;
    }
}
