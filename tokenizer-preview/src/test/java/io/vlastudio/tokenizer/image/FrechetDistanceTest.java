package io.vlastudio.tokenizer.image;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Fréchet distance against values worked out by hand. */
class FrechetDistanceTest {

    @Test
    void oneDimensionIsTheSquaredMeanGapPlusTheSquaredStandardDeviationGap() {
        // a: mean 1, variance 2; b: mean 3, variance 8 -> (1 - 3)^2 + (sqrt 2 - sqrt 8)^2 = 4 + 2
        double d = FrechetDistance.of(new double[][] {{0}, {2}}, new double[][] {{1}, {5}});
        assertThat(d).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void independentDimensionsAdd() {
        // dimension 0 as above (6); dimension 1: variances 2 and 2, means 1 and 1 -> 0; covariances are diagonal
        double[][] a = {{0, 0}, {2, 2}, {0, 2}, {2, 0}};
        double[][] b = {{1, 0}, {5, 2}, {1, 2}, {5, 0}};
        // a: var dim0 = 4/3, b: var dim0 = 16/3, mean gap 2 -> 4 + (sqrt(4/3) - sqrt(16/3))^2 = 4 + 4/3
        assertThat(FrechetDistance.of(a, b)).isCloseTo(4 + 4.0 / 3, within(1e-12));
    }

    @Test
    void aSampleAgainstItselfIsZeroAndShiftingItAddsTheSquaredShift() {
        Random r = new Random(3);
        double[][] a = new double[20][6];
        double[][] shifted = new double[20][6];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 6; j++) {
                a[i][j] = r.nextGaussian() * (j + 1) + (i % 3) * a[i][0];
                shifted[i][j] = a[i][j] + (j == 2 ? 0.5 : 0);
            }
        }
        assertThat(FrechetDistance.of(a, a)).isCloseTo(0, within(1e-9));
        assertThat(FrechetDistance.of(a, shifted)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void singularCovariancesGiveAFiniteNonNegativeDistance() {
        // 3 samples of 50 features: rank-2 covariances, the usual case for one demo's clips
        Random r = new Random(5);
        double[][] a = new double[3][50];
        double[][] b = new double[3][50];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 50; j++) {
                a[i][j] = r.nextGaussian();
                b[i][j] = r.nextGaussian() + 1;
            }
        }
        double d = FrechetDistance.of(a, b);
        assertThat(d).isFinite().isGreaterThan(0);
        assertThat(FrechetDistance.of(a, a)).isCloseTo(0, within(1e-8));
    }

    @Test
    void needsTwoSamplesAndEqualWidths() {
        assertThatThrownBy(() -> FrechetDistance.of(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 feature vectors");
        assertThatThrownBy(() -> FrechetDistance.of(new double[][] {{1, 2}, {2, 3}}, new double[][] {{1}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("widths differ");
    }
}
