package io.vlastudio.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SyntheticOutcomeTest {

    private final SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());

    @Test
    void normalEpisodesEndWithTheObjectRestingInTheTarget() {
        for (SyntheticTask task : SyntheticTask.catalogue()) {
            for (int demo = 0; demo < 6; demo++) {
                SyntheticEpisode e = generator.generate(task, demo, 77L, 16, false, demo % 2 == 0);
                double[] end = e.finalObjectPosition();
                double[] target = e.targetPosition();

                assertThat(e.success()).as("%s demo %d", task.name(), demo).isTrue();
                assertThat(task.target().contains(end[0] - target[0], end[1] - target[1], 0)).isTrue();
                assertThat(end[2]).isCloseTo(0.9 + task.shape().halfHeight(), within(1e-12));
                assertThat(e.dones()[e.length() - 1]).isEqualTo((byte) 1);
            }
        }
    }

    @Test
    void forcedFailuresLeaveTheObjectOnTheTableAwayFromTheTarget() {
        for (SyntheticTask task : SyntheticTask.catalogue()) {
            for (int demo = 0; demo < 6; demo++) {
                SyntheticEpisode e = generator.generate(task, demo, 77L, 16, true, true);
                double[] end = e.finalObjectPosition();
                double[] target = e.targetPosition();
                double clearance = -task.shape().halfWidth() - 0.02;

                assertThat(e.success()).as("%s demo %d", task.name(), demo).isFalse();
                assertThat(task.target().contains(end[0] - target[0], end[1] - target[1], clearance))
                        .as("object lies clearly outside the target").isFalse();
                assertThat(end[2]).isCloseTo(0.9 + task.shape().halfHeight(), within(1e-12));
                assertThat(e.objectGrasped()[e.length() - 1]).isFalse();
                assertThat(e.rewards()).containsOnly(0);
                assertThat(e.dones()).containsOnly(0);
            }
        }
    }

    @Test
    void aFailureIsVisibleInTheLastAgentviewFrame() {
        int size = 96;
        SyntheticTask redCube = SyntheticTask.catalogue().get(0);
        PinholeCamera camera = AgentviewRenderer.camera(size);
        for (int demo = 0; demo < 3; demo++) {
            for (boolean fail : new boolean[] {false, true}) {
                SyntheticEpisode e = generator.generate(redCube, demo, 5L, size, fail, true);
                double[] c = EpisodeChecks.redCentroid(e.uprightAgentviewFrame(e.length() - 1), size);
                double[] target = e.targetPosition();
                double[] uv = new double[2];
                camera.project(target[0], target[1], 0.9, uv, 0);
                double pixels = Math.hypot(c[0] - uv[0], c[1] - uv[1]);

                if (fail) {
                    assertThat(pixels).as("dropped cube is far from the basket").isGreaterThan(size * 0.12);
                } else {
                    assertThat(pixels).as("placed cube is on the basket").isLessThan(size * 0.06);
                }
            }
        }
    }
}
