package io.vlastudio.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticActionStatsTest {

    @Test
    void fiftyDemosHaveLiberoLikeActionStatistics() {
        SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());
        SyntheticTask task = SyntheticTask.catalogue().get(0);
        double[] sum = new double[7];
        double[] sumSq = new double[7];
        double maxTranslation = 0;
        long steps = 0;
        int minLength = Integer.MAX_VALUE;
        int maxLength = 0;
        Set<Integer> lengths = new HashSet<>();
        Set<Double> startX = new HashSet<>();
        for (int demo = 0; demo < 50; demo++) {
            SyntheticEpisode e = generator.generate(task, demo, 2024L, 16, false, true);
            for (double[] a : e.actions()) {
                for (int i = 0; i < 7; i++) {
                    sum[i] += a[i];
                    sumSq[i] += a[i] * a[i];
                }
                for (int i = 0; i < 3; i++) {
                    maxTranslation = Math.max(maxTranslation, Math.abs(a[i]));
                }
                steps++;
            }
            minLength = Math.min(minLength, e.length());
            maxLength = Math.max(maxLength, e.length());
            lengths.add(e.length());
            startX.add(e.objectPositions()[0][0]);
            assertThat(e.success()).isTrue();
        }
        for (int i = 0; i < 7; i++) {
            double mean = sum[i] / steps;
            double std = Math.sqrt(sumSq[i] / steps - mean * mean);
            if (i < 3) {
                assertThat(std).as("translation std, dim %d", i).isBetween(0.2, 0.6);
                assertThat(Math.abs(mean)).isLessThan(0.2);
            } else if (i < 6) {
                assertThat(std).as("rotation std, dim %d", i).isBetween(0.01, 0.12);
                assertThat(Math.abs(mean)).isLessThan(0.05);
            } else {
                assertThat(mean).as("gripper mean").isStrictlyBetween(-0.6, 0.6);
            }
        }
        assertThat(maxTranslation).isEqualTo(0.9375);
        assertThat(minLength).isGreaterThanOrEqualTo(70);
        assertThat(maxLength).isLessThanOrEqualTo(220);
        assertThat((double) steps / 50).isBetween(90.0, 180.0);
        assertThat(lengths).as("demos differ in speed").hasSizeGreaterThan(20);
        assertThat(startX).as("object start positions are jittered").hasSize(50);
    }
}
