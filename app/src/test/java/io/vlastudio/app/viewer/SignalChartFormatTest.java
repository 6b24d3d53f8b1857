package io.vlastudio.app.viewer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readouts: a step with no value (NaN, e.g. no prediction there) reads as a dash, never "NaN". */
class SignalChartFormatTest {

    @Test
    void noValueReadsAsADash() {
        assertThat(SignalChart.format(Double.NaN)).isEqualTo("—");
        assertThat(SignalChart.format(0.5)).isEqualTo("+0.500");
        assertThat(SignalChart.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }
}
