package io.vlastudio.app.viewer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts' one number format: readouts (a step with no value, NaN, e.g. no prediction there, reads as a dash, never
 * "NaN"), whole-step ticks, and a zoomed range in the step-range notation.
 */
class ChartFormatTest {

    @Test
    void noValueReadsAsADash() {
        assertThat(ChartFormat.value(Double.NaN)).isEqualTo("—").isEqualTo(ChartFormat.NO_VALUE);
        assertThat(ChartFormat.value(0.5)).isEqualTo("+0.500");
        assertThat(ChartFormat.value(-0.0004)).isEqualTo("-0.000");
        assertThat(ChartFormat.value(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }

    @Test
    void stepAxesTickInWholeStepsAndZoomedRangesUseTheStepRangeNotation() {
        assertThat(ChartFormat.stepTicks().toString(40.0)).isEqualTo("40");
        assertThat(ChartFormat.stepTicks().toString(12.6)).isEqualTo("13");
        assertThat(ChartFormat.stepTicks().fromString("7")).isEqualTo(7.0);
        // a fractional zoom shows the whole steps inside it; TO is exclusive
        assertThat(ChartFormat.visibleSteps(22.67, 73.2, 115)).isEqualTo("steps 23:74 of 115");
        assertThat(ChartFormat.visibleSteps(0, 114, 115)).isEqualTo("steps 0:115 of 115");
    }
}
