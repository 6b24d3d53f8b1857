package io.vlastudio.dataset.stats;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatisticsCalculatorTest {

    private final StatisticsCalculator calculator = new StatisticsCalculator(new NoOpDetector());

    @Test
    void computesPerDimensionStatisticsLikeNumPy() {
        double[][] actions = new double[5][7];
        double[] xs = {-0.5, 0.0, 0.25, 0.75, 1.5};
        for (int t = 0; t < 5; t++) {
            actions[t][0] = xs[t];
            actions[t][6] = -1;
        }
        DemoStatistics s = calculator.demo(Path.of("f.hdf5"), "demo_0", "/data/demo_0/actions", actions);
        DimensionStatistics d = s.dimensions().get(0);
        assertThat(d.min()).isEqualTo(-0.5);
        assertThat(d.max()).isEqualTo(1.5);
        assertThat(d.mean()).isEqualTo(0.4);
        // numpy: np.std([-0.5,0,0.25,0.75,1.5]) = 0.6819090848492928
        assertThat(d.std()).isCloseTo(0.6819090848492928, within(1e-15));
        // numpy: np.quantile(x, 0.01) = -0.48, np.quantile(x, 0.99) = 1.47
        assertThat(d.q01()).isCloseTo(-0.48, within(1e-12));
        assertThat(d.q99()).isCloseTo(1.47, within(1e-12));
        assertThat(s.outOfRangeCount()).isEqualTo(1);
    }

    @Test
    void findsGripperEventsAndReportsEveryNonFiniteValueWithItsStep() {
        double[][] actions = new double[6][7];
        double[] grip = {-1, -1, 1, 1, -1, -1};
        for (int t = 0; t < 6; t++) {
            actions[t][0] = 0.1 * t;
            actions[t][6] = grip[t];
        }
        actions[3][2] = Double.NaN;
        actions[5][4] = Double.POSITIVE_INFINITY;
        DemoStatistics s = calculator.demo(Path.of("f.hdf5"), "demo_3", "/data/demo_3/actions", actions);
        assertThat(s.gripperEvents()).containsExactly(new GripperEvent(2, GripperEvent.Kind.CLOSE),
                new GripperEvent(4, GripperEvent.Kind.OPEN));
        assertThat(s.nonFinite()).extracting(p -> p.step() + ":" + p.demo()).containsExactly("3:demo_3", "5:demo_3");
        assertThat(s.nonFinite().get(0).message()).contains("f.hdf5", "/data/demo_3/actions", "step 3 column 2 is NaN");
        assertThat(s.dimensions().get(2).count()).isEqualTo(5);
        assertThat(s.noOpSteps()).containsExactly(0);
    }

    @Test
    void aggregatesLengthsLikeGetDatasetInfo() {
        double[][] a = new double[10][7];
        double[][] b = new double[20][7];
        var sa = calculator.demo(Path.of("f"), "demo_0", "p", a);
        var sb = calculator.demo(Path.of("f"), "demo_1", "p", b);
        AggregateStatistics agg = calculator.aggregate(List.of(sa, sb), List.of(a, b));
        assertThat(agg.transitions()).isEqualTo(30);
        assertThat(agg.lengthMean()).isEqualTo(15);
        assertThat(agg.lengthStd()).isEqualTo(5);
        assertThat(agg.lengthMin()).isEqualTo(10);
        assertThat(agg.lengthMax()).isEqualTo(20);
        assertThat(agg.noOps()).isEqualTo(30);
    }

    @Test
    void quantilesBySelectionEqualQuantilesOfTheSortedValues() {
        java.util.Random rnd = new java.util.Random(14);
        for (int n : new int[] {1, 2, 3, 5, 16, 17, 18, 19, 100, 101, 160, 1000, 1599, 1600, 1699, 1700, 1701, 1800, 8001}) {
            for (int kind = 0; kind < 5; kind++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (kind) {
                        case 0 -> rnd.nextGaussian();
                        case 1 -> rnd.nextInt(3) - 1; // gripper-like: few distinct values, many ties
                        case 2 -> i; // sorted
                        case 3 -> n - i; // reversed
                        default -> (i % 7 == 0 ? -1 : 1) * (rnd.nextInt(4) / 4.0); // ties at both ends
                    };
                }
                double[] sorted = v.clone();
                java.util.Arrays.sort(sorted);
                DimensionStatistics d = DimensionStatistics.of(v, n);
                double mean = 0;
                for (double x : v) {
                    mean += x; // in the given order, as before
                }
                assertThat(d.mean()).isEqualTo(mean / n);
                assertThat(d.min()).isEqualTo(sorted[0]);
                assertThat(d.max()).isEqualTo(sorted[n - 1]);
                assertThat(d.q01()).as("q01 n=%d kind=%d", n, kind).isEqualTo(sortedQuantile(sorted, 0.01));
                assertThat(d.q99()).as("q99 n=%d kind=%d", n, kind).isEqualTo(sortedQuantile(sorted, 0.99));
            }
        }
    }

    private static double sortedQuantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
