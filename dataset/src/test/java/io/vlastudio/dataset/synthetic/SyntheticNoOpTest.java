package io.vlastudio.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticNoOpTest {

    private final SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());

    @Test
    void leadingNoOpsAreTwoToEightOpenGripperStepsWithZeroMotion() {
        Set<Integer> counts = new HashSet<>();
        for (SyntheticTask task : SyntheticTask.catalogue()) {
            for (int demo = 0; demo < 4; demo++) {
                SyntheticEpisode e = generator.generate(task, demo, 3L, 16, false, true);
                double[][] actions = e.actions();
                int n = EpisodeChecks.leadingNoOps(actions);

                assertThat(n).isBetween(2, 8).isEqualTo(e.leadingNoOps());
                for (int t = 0; t < n; t++) {
                    assertThat(EpisodeChecks.motionNorm(actions[t])).isZero();
                    assertThat(actions[t][6]).isEqualTo(-1.0);
                }
                counts.add(n);
            }
        }
        assertThat(counts).as("the number of leading no-ops varies between demos").hasSizeGreaterThan(2);
    }

    @Test
    void withoutLeadingNoOpsTheFirstActionMoves() {
        for (int demo = 0; demo < 5; demo++) {
            SyntheticEpisode e = generator.generate(SyntheticTask.catalogue().get(1), demo, 3L, 16, false, false);

            assertThat(EpisodeChecks.leadingNoOps(e.actions())).isZero();
            assertThat(e.leadingNoOps()).isZero();
        }
    }

    @Test
    void midDemoPausesAreNoOpsUnderTheRegenerationRule() {
        SyntheticEpisodeGenerator alwaysPause = new SyntheticEpisodeGenerator(
                GeneratorSettings.defaults().withMidDemoPauseProbability(1.0));
        int demosWithPause = 0;
        for (int demo = 0; demo < 10; demo++) {
            double[][] actions = alwaysPause.generate(SyntheticTask.catalogue().get(0), demo, 8L, 16, false, true)
                    .actions();
            int lead = EpisodeChecks.leadingNoOps(actions);
            int mid = 0;
            for (int t = lead; t < actions.length; t++) {
                if (EpisodeChecks.isNoOp(actions[t])) {
                    mid++;
                    assertThat(actions[t][6]).as("a pause keeps the gripper command").isEqualTo(actions[t - 1][6]);
                }
            }
            assertThat(mid).isBetween(0, 5);
            if (mid >= 2) {
                demosWithPause++;
            }
        }
        assertThat(demosWithPause).isGreaterThanOrEqualTo(8);
    }
}
