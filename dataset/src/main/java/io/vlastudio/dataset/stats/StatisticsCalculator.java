package io.vlastudio.dataset.stats;

import io.vlastudio.dataset.DatasetProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Computes {@link DemoStatistics} from a demo's {@code (T,7)} actions. */
public final class StatisticsCalculator {

    /** Actions beyond this magnitude are outside the controller's normalised range. */
    public static final double RANGE = 1.0;

    private final NoOpDetector noOps;

    public StatisticsCalculator(NoOpDetector noOps) {
        this.noOps = noOps;
    }

    public DemoStatistics demo(Path file, String demo, String actionsPath, double[][] actions) {
        int t = actions.length;
        int dims = t == 0 ? 7 : actions[0].length;
        List<DatasetProblem> nonFinite = new ArrayList<>();
        List<DimensionStatistics> perDim = new ArrayList<>(dims);
        int outOfRange = 0;
        double[] column = new double[t];
        for (int d = 0; d < dims; d++) {
            int n = 0;
            for (int s = 0; s < t; s++) {
                double v = actions[s][d];
                if (Double.isFinite(v)) {
                    column[n++] = v;
                    if (Math.abs(v) > RANGE) {
                        outOfRange++;
                    }
                } else {
                    nonFinite.add(DatasetProblem.nonFinite(file, demo, actionsPath, s, d, v));
                }
            }
            perDim.add(DimensionStatistics.ofScratch(column, n)); // column is refilled for the next dimension
        }
        nonFinite.sort(java.util.Comparator.comparingInt(DatasetProblem::step));
        return new DemoStatistics(demo, t, perDim, noOps.positions(actions), gripperEvents(actions), outOfRange, nonFinite);
    }

    /** Sign changes of the gripper dimension: to positive is a close, to non-positive an open. */
    public static List<GripperEvent> gripperEvents(double[][] actions) {
        List<GripperEvent> events = new ArrayList<>();
        for (int s = 1; s < actions.length; s++) {
            double prev = actions[s - 1][6];
            double cur = actions[s][6];
            if (!Double.isFinite(prev) || !Double.isFinite(cur)) {
                continue;
            }
            if (prev <= 0 && cur > 0) {
                events.add(new GripperEvent(s, GripperEvent.Kind.CLOSE));
            } else if (prev > 0 && cur <= 0) {
                events.add(new GripperEvent(s, GripperEvent.Kind.OPEN));
            }
        }
        return events;
    }

    /** Aggregates demos (of a file, or of a suite) into one summary. */
    public AggregateStatistics aggregate(List<DemoStatistics> demos, List<double[][]> actions) {
        return AggregateStatistics.of(demos, actions);
    }
}
