package io.vlastudio.dataset.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoOpDetectorTest {

    private final NoOpDetector detector = new NoOpDetector();

    private static double[] a(double x, double grip) {
        return new double[] {x, 0, 0, 0, 0, 0, grip};
    }

    @Test
    void theFirstActionNeedsOnlyASmallNorm() {
        assertThat(detector.detect(new double[][] {a(0, 1)})).containsExactly(true);
        assertThat(detector.detect(new double[][] {a(0.5, -1)})).containsExactly(false);
    }

    @Test
    void aSmallActionThatChangesTheGripperIsKept() {
        assertThat(detector.detect(new double[][] {a(0.5, -1), a(0, 1), a(0, 1)})).containsExactly(false, false, true);
    }

    @Test
    void comparesWithThePreviousKeptActionNotThePreviousAction() {
        // step 1 is a no-op (gripper still -1); step 2 has gripper +1: compared with step 0 (the last kept), it changed
        assertThat(detector.detect(new double[][] {a(0.5, -1), a(0, -1), a(0, 1), a(0, 1)}))
                .containsExactly(false, true, false, true);
        // the first action is a no-op: it never becomes the reference, so step 1 is judged against nothing kept
        assertThat(detector.detect(new double[][] {a(0, -1), a(0, 1), a(0.3, 1), a(0, -1)}))
                .containsExactly(true, true, false, false);
    }

    @Test
    void theThresholdIsOneTenThousandthOnTheFirstSixDimensions() {
        double[] justBelow = {0.00007, 0.00007, 0, 0, 0, 0, -1};
        double[] justAbove = {0.00008, 0.00008, 0, 0, 0, 0, -1};
        assertThat(detector.detect(new double[][] {justBelow})).containsExactly(true);
        assertThat(detector.detect(new double[][] {justAbove})).containsExactly(false);
        assertThat(detector.positions(new double[][] {a(0.5, -1), justBelow, justAbove, justBelow})).containsExactly(1, 3);
    }
}
