package io.vlastudio.tokenizer.action;

import io.vlastudio.tokenizer.testing.PythonScripts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static io.vlastudio.tokenizer.action.UniformBinActionTokenizerTest.pythonHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundsCalculatorTest {

    private final BoundsCalculator calculator = new BoundsCalculator();

    @Test
    void minMaxAndPercentileBoundsEqualNumPysToTheBit() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        List<DemoActions> demos = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 7, 50, 101, 333}) {
            double[][] a = new double[n][7];
            for (double[] row : a) {
                for (int d = 0; d < 7; d++) {
                    row[d] = d == 6 ? (random.nextBoolean() ? 1 : -1) : random.nextGaussian() * 0.3;
                }
            }
            demos.add(new DemoActions("demo_" + n, a));
        }
        ActionBounds minmax = calculator.compute(BoundsPreset.MINMAX, demos);
        ActionBounds q = calculator.compute(BoundsPreset.Q01_Q99, demos);

        StringBuilder in = new StringBuilder();
        double[][] columns = BoundsCalculator.columns(demos);
        for (double[] column : columns) {
            in.append("Q ").append(Arrays.stream(column).mapToObj(UniformBinActionTokenizerTest::pythonHex)
                    .collect(Collectors.joining(" "))).append('\n');
        }
        String[] lines = PythonScripts.run("numpy_action_tokens.py", in.toString()).split("\n");
        for (int d = 0; d < 7; d++) {
            String[] expected = lines[2 + d].substring(3).split(" ");
            assertThat(pythonHex(minmax.min()[d])).isEqualTo(expected[0]);
            assertThat(pythonHex(minmax.max()[d])).isEqualTo(expected[1]);
            assertThat(pythonHex(q.min()[d])).as("q01 of dimension %d", d).isEqualTo(expected[2]);
            assertThat(pythonHex(q.max()[d])).as("q99 of dimension %d", d).isEqualTo(expected[3]);
        }
        assertThat(minmax.preset()).isEqualTo(BoundsPreset.MINMAX);
        assertThat(q.preset()).isEqualTo(BoundsPreset.Q01_Q99);
    }

    @Test
    void percentilesOfSmallColumnsInterpolateFromBothSidesLikeNumPy() {
        double[] v = {0.0, 1.0, 2.0, 10.0};
        assertThat(BoundsCalculator.quantile(v, 0.0)).isEqualTo(0.0);
        assertThat(BoundsCalculator.quantile(v, 1.0)).isEqualTo(10.0);
        assertThat(BoundsCalculator.quantile(v, 0.5)).isEqualTo(1.5);
        assertThat(BoundsCalculator.quantile(v, 0.99)).isEqualTo(10.0 - 8.0 * (1 - (3 * 0.99 - 2)));
        assertThat(BoundsCalculator.quantile(new double[] {4.0}, 0.01)).isEqualTo(4.0);
    }

    @Test
    void theWorldVlaPresetIgnoresTheData() {
        assertThat(calculator.compute(BoundsPreset.WORLDVLA, List.of())).isEqualTo(ActionBounds.worldVla());
    }

    @Test
    void dataDerivedBoundsRefuseNanNamingDemoAndStep() {
        double[][] a = {{0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, Double.NaN, 0, 0, 1}};
        assertThatThrownBy(() -> calculator.compute(BoundsPreset.MINMAX, List.of(new DemoActions("x.hdf5 demo_9", a))))
                .isInstanceOf(NonFiniteActionException.class).hasMessageContaining("x.hdf5 demo_9 step 2");
    }

    @Test
    void dataDerivedBoundsNeedAtLeastOneStep() {
        assertThatThrownBy(() -> calculator.compute(BoundsPreset.Q01_Q99, List.of()))
                .hasMessageContaining("at least one step");
    }
}
