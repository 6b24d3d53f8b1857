package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImageQualityTest {

    @Test
    void psnrOfAUniformErrorIsTenLogOfOneOverTheSquaredError() {
        Frame a = constant(16, 100);
        Frame b = constant(16, 110);
        // mse = (10/255)^2 -> 10 log10(1 / (mse + 1e-8))
        double mse = (10 / 255.0) * (10 / 255.0);
        assertThat(ImageQuality.psnr(a, b)).isCloseTo(10 * Math.log10(1 / (mse + 1e-8)), within(1e-12));
        assertThat(ImageQuality.psnr(a, b)).isCloseTo(28.1308, within(1e-4));
    }

    @Test
    void identicalFramesScoreEightyDecibelsAndSsimOne() {
        Frame a = gradient(24);
        assertThat(ImageQuality.psnr(a, a)).isCloseTo(ImageQuality.MAX_PSNR, within(1e-9));
        assertThat(ImageQuality.ssim(a, a)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void psnrOfAHalfWrongFrameAveragesTheSquaredErrorOverEveryValue() {
        Frame a = constant(16, 0);
        byte[] rgb = new byte[16 * 16 * 3];
        for (int i = 0; i < rgb.length / 2; i++) {
            rgb[i] = (byte) 255;
        }
        Frame b = new Frame(16, 16, Orientation.RAW, rgb);
        assertThat(ImageQuality.psnr(a, b)).isCloseTo(10 * Math.log10(1 / (0.5 + 1e-8)), within(1e-12));
    }

    @Test
    void ssimOfTwoFlatFramesIsTheLuminanceTermAlone() {
        // no variance: ssim = (2 mu_x mu_y + c1) / (mu_x^2 + mu_y^2 + c1) at every position, c1 = 0.0001
        Frame a = constant(20, 51);
        Frame b = constant(20, 102);
        double mx = 0.2;
        double my = 0.4;
        double expected = (2 * mx * my + 1e-4) / (mx * mx + my * my + 1e-4);
        assertThat(ImageQuality.ssim(a, b)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.1601 / 0.2001, within(1e-15));
    }

    @Test
    void ssimOfAnInvertedCheckerboardIsNegative() {
        // x = 0/1 checker, y = 1 - x: equal means, equal variances, covariance = -variance
        Frame a = checker(16, false);
        Frame b = checker(16, true);
        double ssim = ImageQuality.ssim(a, b);
        assertThat(ssim).isLessThan(-0.99).isGreaterThanOrEqualTo(-1.0);
    }

    private static Frame constant(int side, int value) {
        byte[] rgb = new byte[side * side * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new Frame(side, side, Orientation.RAW, rgb);
    }

    private static Frame gradient(int side) {
        byte[] rgb = new byte[side * side * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        return new Frame(side, side, Orientation.RAW, rgb);
    }

    private static Frame checker(int side, boolean inverted) {
        byte[] rgb = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean on = ((x + y) % 2 == 0) ^ inverted;
                for (int c = 0; c < 3; c++) {
                    rgb[(y * side + x) * 3 + c] = (byte) (on ? 255 : 0);
                }
            }
        }
        return new Frame(side, side, Orientation.RAW, rgb);
    }
}
