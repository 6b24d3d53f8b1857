package io.vlastudio.app.viewer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shared time-axis zoom: kept inside the demo, zooms around a step, pages after the playhead, slider levels. */
class TimeWindowTest {

    @Test
    void zoomsAroundAStepInsideTheDemoAndNeverNarrowerThanTheMinimum() {
        TimeWindow w = new TimeWindow();
        w.setLength(121);
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 120));
        assertThat(w.isZoomed()).isFalse();
        w.zoomIn(60);
        assertThat(w.range().span()).isCloseTo(80, within(1e-9));
        assertThat(w.range().from()).isCloseTo(20, within(1e-9)); // 60 stays in the middle
        w.zoomBy(0.5, 20); // 20 is the left edge: it stays there
        assertThat(w.range().from()).isCloseTo(20, within(1e-9));
        assertThat(w.range().span()).isCloseTo(40, within(1e-9));
        for (int i = 0; i < 20; i++) {
            w.zoomIn(30);
        }
        assertThat(w.range().span()).isCloseTo(TimeWindow.MIN_SPAN, within(1e-9));
        assertThat(w.level()).isCloseTo(1, within(1e-9));
        w.set(-50, 10); // kept inside the demo, same span
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 60));
        w.set(100, 200);
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(20, 120));
        w.fit();
        assertThat(w.level()).isEqualTo(0);
        w.setLevel(1, 70);
        assertThat(w.range().span()).isCloseTo(TimeWindow.MIN_SPAN, within(1e-9));
        w.setLevel(0, 70);
        assertThat(w.range()).isEqualTo(w.full());
    }

    @Test
    void pagesAfterThePlayheadAtTheSameZoom() {
        TimeWindow w = new TimeWindow();
        w.setLength(200);
        w.set(0, 40);
        w.follow(25); // inside: nothing moves
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 40));
        w.follow(41); // past the right edge: the page starts just before it
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(37, 77));
        w.follow(10); // before the left edge: the page ends just after it
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 40));
        w.follow(199); // past the end: the last page
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(159, 199));
        w.setLength(50); // another demo: all of it
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 49));
    }

    @Test
    void aShortDemoCannotZoomPastItsLength() {
        TimeWindow w = new TimeWindow();
        w.setLength(3);
        w.zoomIn(1);
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 2));
        assertThat(w.level()).isEqualTo(0);
        w.setLength(0);
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 1));
        w.follow(5);
        assertThat(w.range()).isEqualTo(new TimeWindow.Range(0, 1));
    }
}
