package io.vlastudio.training.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

class PredictionMetricsTest {

    private static Frame flat(int side, int value) {
        byte[] b = new byte[side * side * 3];
        Arrays.fill(b, (byte) value);
        return new Frame(side, side, Orientation.RAW, b);
    }

    @Test
    void psnrOfAUniformErrorIsTheHandComputedValue() {
        // every value off by 10: mse = (10/255)^2 = 0.00153787; PSNR = 10 log10(1 / (0.00153787 + 1e-8)) = 28.1308 dB
        assertThat(PredictionMetrics.psnrOf(flat(16, 100), flat(16, 110))).isCloseTo(28.1308, within(1e-4));
        // half the values off by 255, half exact: mse = 0.5, PSNR = 10 log10(2) = 3.0103 dB
        byte[] half = new byte[16 * 16 * 3];
        for (int i = 0; i < half.length / 2; i++) {
            half[i] = (byte) 255;
        }
        assertThat(PredictionMetrics.psnrOf(flat(16, 0), new Frame(16, 16, Orientation.RAW, half))).isCloseTo(3.0103, within(1e-4));
    }

    @Test
    void ssimIsOneForIdenticalFramesAndInTheUnitIntervalOtherwise() {
        Random r = new Random(7);
        byte[] a = new byte[32 * 32 * 3];
        byte[] b = new byte[a.length];
        r.nextBytes(a);
        r.nextBytes(b);
        Frame fa = new Frame(32, 32, Orientation.RAW, a);
        Frame fb = new Frame(32, 32, Orientation.RAW, b);
        assertThat(PredictionMetrics.ssim(fa, fa)).isEqualTo(1.0);
        assertThat(PredictionMetrics.ssim(fa, fb)).isBetween(0.0, 1.0).isLessThan(0.1);
        // anti-correlated frames have a negative SSIM, reported as 0 (metrics are in [0, 1])
        byte[] inverted = a.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = (byte) (255 - (a[i] & 0xFF));
        }
        assertThat(PredictionMetrics.ssim(fa, new Frame(32, 32, Orientation.RAW, inverted))).isEqualTo(0.0);
        // too small for the 11x11 window: not a number, not a failure
        assertThat(PredictionMetrics.ssim(flat(8, 1), flat(8, 1))).isNaN();
    }

    @Test
    void absoluteDifferenceIsPerChannel() {
        Frame real = new Frame(2, 1, Orientation.RAW, new byte[] {10, (byte) 200, 0, (byte) 255, 5, 7});
        Frame predicted = new Frame(2, 1, Orientation.RAW, new byte[] {20, (byte) 100, 0, 0, 9, 7});
        assertThat(PredictionMetrics.absDifference(real, predicted).rgb())
                .containsExactly(10, 100, 0, (byte) 255, 4, 0);
    }
}
