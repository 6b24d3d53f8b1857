package io.vlastudio.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepRangeTest {

    @Test
    void formatsAndParsesFromColonToWithToExclusive() {
        StepRange r = StepRange.parse("12:40");
        assertThat(r).isEqualTo(new StepRange(12, 40));
        assertThat(r.length()).isEqualTo(28);
        assertThat(r).hasToString("12:40");
        assertThat(StepRange.parse(" 0 : 1 ")).isEqualTo(new StepRange(0, 1));
        assertThat(StepRange.parse(new StepRange(5, 180).toString())).isEqualTo(new StepRange(5, 180));
    }

    @Test
    void badTextIsNamedInTheMessage() {
        assertThatThrownBy(() -> StepRange.parse("5")).hasMessageContaining("FROM:TO").hasMessageContaining("'5'");
        assertThatThrownBy(() -> StepRange.parse("5:6:7")).hasMessageContaining("'5:6:7'");
        assertThatThrownBy(() -> StepRange.parse("12–40")).hasMessageContaining("'12–40'");
        assertThatThrownBy(() -> StepRange.parse("a:4")).hasMessageContaining("'a' in 'a:4' is not a step number");
        assertThatThrownBy(() -> StepRange.parse(null)).hasMessageContaining("FROM:TO");
    }

    @Test
    void emptyReversedAndNegativeRangesAreRefused() {
        assertThatThrownBy(() -> StepRange.parse("40:12")).hasMessageContaining("0 <= FROM < TO").hasMessageContaining("40:12");
        assertThatThrownBy(() -> StepRange.parse("7:7")).hasMessageContaining("7:7");
        assertThatThrownBy(() -> new StepRange(-1, 3)).hasMessageContaining("-1:3");
    }
}
