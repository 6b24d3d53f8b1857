package io.vlastudio.training.predictions;

import io.vlastudio.dataset.Demo;
import io.vlastudio.tokenizer.action.ActionTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Predicted action chunks against the recorded actions of the same steps: per chunk position k (step
 * {@code start + k}), whether the predicted and recorded values fall in the same action bin (tokenizer-preview's
 * {@link ActionTokenizer}, WorldVLA's bounds by default), their L1 error, and where the gripper disagrees.
 */
public final class ActionComparison {

    private ActionComparison() {
    }

    /**
     * Every chunk of the set that starts inside the demo, with the recorded actions of the steps it covers (positions
     * past the demo's end are dropped).
     *
     * @throws UncheckedIOException when the demo's actions cannot be read
     */
    public static List<ChunkComparison> compare(PredictionSet set, Demo demo, ActionTokenizer bins) {
        double[][] recorded;
        try {
            recorded = demo.actions();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return compare(set.chunks(), recorded, bins);
    }

    /** Like {@link #compare(PredictionSet, Demo, ActionTokenizer)}, against recorded actions {@code [step][d]}. */
    public static List<ChunkComparison> compare(List<ActionChunk> chunks, double[][] recorded, ActionTokenizer bins) {
        List<ChunkComparison> out = new ArrayList<>();
        int dims = bins.dimensions();
        for (ActionChunk c : chunks) {
            if (c.start() < 0 || c.start() >= recorded.length) {
                continue;
            }
            int n = Math.min(c.actions().length, recorded.length - c.start());
            double[][] p = new double[n][];
            double[][] r = new double[n][];
            boolean[][] match = new boolean[n][];
            boolean fits = true;
            for (int k = 0; k < n && fits; k++) {
                p[k] = c.actions()[k].clone();
                r[k] = recorded[c.start() + k].clone();
                fits = p[k].length == dims && r[k].length == dims;
                if (fits) {
                    match[k] = sameBins(p[k], r[k], bins, c.start() + k);
                }
            }
            if (fits) {
                out.add(new ChunkComparison(c.start(), p, r, match));
            }
        }
        return out;
    }

    /** Per dimension: both values finite and in the same bin. */
    private static boolean[] sameBins(double[] predicted, double[] recorded, ActionTokenizer bins, int step) {
        int[] pb = bins.encode(finite(predicted), "predicted", step);
        int[] rb = bins.encode(finite(recorded), "recorded", step);
        boolean[] m = new boolean[predicted.length];
        for (int d = 0; d < m.length; d++) {
            m[d] = Double.isFinite(predicted[d]) && Double.isFinite(recorded[d]) && pb[d] == rb[d];
        }
        return m;
    }

    private static double[] finite(double[] a) {
        double[] out = a.clone();
        for (int d = 0; d < out.length; d++) {
            if (!Double.isFinite(out[d])) {
                out[d] = 0;
            }
        }
        return out;
    }

    /** Number of positions: the longest compared chunk. */
    private static int positions(List<ChunkComparison> c) {
        return c.stream().mapToInt(ChunkComparison::positions).max().orElse(0);
    }

    /**
     * Per chunk position k: the fraction of (chunk, dimension) pairs at k whose predicted and recorded values share a
     * bin; NaN for a position no chunk reaches.
     */
    public static double[] binAccuracyPerPosition(List<ChunkComparison> c) {
        double[] hits = new double[positions(c)];
        int[] count = new int[hits.length];
        for (ChunkComparison cc : c) {
            for (int k = 0; k < cc.positions(); k++) {
                for (boolean m : cc.binMatch()[k]) {
                    hits[k] += m ? 1 : 0;
                    count[k]++;
                }
            }
        }
        return divide(hits, count);
    }

    /**
     * Per chunk position k: the mean absolute error over chunks and dimensions ({@code mean |predicted - recorded|},
     * PyTorch's {@code L1Loss}), in the file's action units; NaN for a position no chunk reaches. Non-finite
     * predictions make the position's error infinite.
     */
    public static double[] l1PerPosition(List<ChunkComparison> c) {
        double[] sum = new double[positions(c)];
        int[] count = new int[sum.length];
        for (ChunkComparison cc : c) {
            for (int k = 0; k < cc.positions(); k++) {
                for (int d = 0; d < cc.predicted()[k].length; d++) {
                    double e = Math.abs(cc.predicted()[k][d] - cc.recorded()[k][d]);
                    sum[k] += Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                    count[k]++;
                }
            }
        }
        return divide(sum, count);
    }

    /**
     * Steps (ascending, each once) where some chunk's predicted gripper (the last dimension) disagrees with the
     * recorded one: closed ({@code > 0}) against open ({@code <= 0}), LIBERO's -1 open / +1 closed.
     */
    public static List<Integer> gripperDisagreements(List<ChunkComparison> c) {
        TreeSet<Integer> steps = new TreeSet<>();
        for (ChunkComparison cc : c) {
            for (int k = 0; k < cc.positions(); k++) {
                double[] p = cc.predicted()[k];
                double[] r = cc.recorded()[k];
                if (p.length == 0) {
                    continue;
                }
                boolean pc = p[p.length - 1] > 0;
                boolean rc = r[r.length - 1] > 0;
                if (pc != rc || Double.isNaN(p[p.length - 1])) {
                    steps.add(cc.start() + k);
                }
            }
        }
        return new ArrayList<>(steps);
    }

    private static double[] divide(double[] sum, int[] count) {
        double[] out = Arrays.copyOf(sum, sum.length);
        for (int k = 0; k < out.length; k++) {
            out[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        return out;
    }
}
