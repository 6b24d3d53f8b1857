package io.vlastudio.tokenizer.action;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ActionTokenStatisticsTest {

    @Test
    void countsBinsClippingRoundTripErrorAndGripperSignFlips() {
        // bounds [-1, 1] in every dimension: a value v lands in bin digitize(~v)
        double[] lo = {-1, -1, -1, -1, -1, -1, -1};
        double[] hi = {1, 1, 1, 1, 1, 1, 1};
        UniformBinActionTokenizer tokenizer = new UniformBinActionTokenizer(new ActionBounds(BoundsPreset.MINMAX, lo, hi));
        double[][] a = {
                {-1, 0, 2, 0, 0, 0, -1},
                {-1, 0, -3, 0, 0, 0, 1},
                {1, 0, 0.5, 0, 0, 0, 0.001},
                {1, 0, 0.5, 0, 0, 0, -0.001},
        };
        ActionTokenStatistics stats = ActionTokenStatistics.compute(tokenizer, List.of(new DemoActions("d", a)));

        assertThat(stats.steps()).isEqualTo(4);
        DimensionTokenStatistics x = stats.dimensions().get(0);
        assertThat(x.histogram()[0]).isEqualTo(2); // -1 -> token 10006
        assertThat(x.histogram()[254]).isEqualTo(2); // +1 normalises just below 1 -> token 10260
        assertThat(x.clippedShare()).isZero();
        assertThat(x.emptyBins()).isEqualTo(254);

        DimensionTokenStatistics z = stats.dimensions().get(2);
        assertThat(z.aboveMax()).isEqualTo(1);
        assertThat(z.belowMin()).isEqualTo(1);
        assertThat(z.clippedShare()).isEqualTo(0.5);
        // 2 decodes to the top centre 0.99608 (error 1.0039), -3 to -0.99608 (error 2.0039)
        assertThat(z.maxAbsError()).isCloseTo(3 - 0.996078431372549, within(1e-7));

        // 0 lies in the bin centred on 0; the 1e-8 of the normalisation brings it back as +5e-9 (sign 0 -> +1)
        DimensionTokenStatistics y = stats.dimensions().get(1);
        assertThat(y.meanAbsError()).isCloseTo(5e-9, within(1e-12));
        assertThat(y.signFlipShare()).isEqualTo(1.0);

        DimensionTokenStatistics gripper = stats.gripper();
        assertThat(gripper.dimension()).isEqualTo(6);
        // -1 and +1 keep their sign; +0.001 and -0.001 both come back as +5e-9: only -0.001 flips
        assertThat(gripper.signFlips()).isEqualTo(1);
        assertThat(gripper.signFlipShare()).isEqualTo(0.25);
    }
}
