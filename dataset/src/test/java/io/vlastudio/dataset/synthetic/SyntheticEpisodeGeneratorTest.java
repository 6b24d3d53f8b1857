package io.vlastudio.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticEpisodeGeneratorTest {

    private static final double QUANTUM = 0.9375 / 35;

    private final SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());
    private final SyntheticTask task = SyntheticTask.catalogue().get(0);

    @Test
    void sameInputsGiveByteIdenticalEpisodesAndAnotherSeedDiffers() {
        SyntheticEpisode a = generator.generate(task, 3, 42L, 48, false, true);
        SyntheticEpisode b = new SyntheticEpisodeGenerator(GeneratorSettings.defaults())
                .generate(task, 3, 42L, 48, false, true);
        SyntheticEpisode otherSeed = generator.generate(task, 3, 43L, 48, false, true);
        SyntheticEpisode otherDemo = generator.generate(task, 4, 42L, 48, false, true);

        assertThat(a.length()).isEqualTo(b.length());
        assertThat(a.actions()).isDeepEqualTo(b.actions());
        assertThat(a.states()).isDeepEqualTo(b.states());
        assertThat(a.robotStates()).isDeepEqualTo(b.robotStates());
        assertThat(a.eeStates()).isDeepEqualTo(b.eeStates());
        assertThat(a.jointStates()).isDeepEqualTo(b.jointStates());
        assertThat(a.gripperStates()).isDeepEqualTo(b.gripperStates());
        assertThat(a.agentviewFrames()).isDeepEqualTo(b.agentviewFrames());
        assertThat(a.eyeInHandFrames()).isDeepEqualTo(b.eyeInHandFrames());
        assertThat(a.rewards()).isEqualTo(b.rewards());
        assertThat(a.dones()).isEqualTo(b.dones());
        assertThat(a.modelFileXml()).isEqualTo(b.modelFileXml());

        assertThat(Arrays.deepEquals(a.actions(), otherSeed.actions())).isFalse();
        assertThat(Arrays.deepEquals(a.agentviewFrames(), otherSeed.agentviewFrames())).isFalse();
        assertThat(Arrays.deepEquals(a.actions(), otherDemo.actions())).isFalse();
    }

    @Test
    void allArraysHaveLiberoShapes() {
        SyntheticEpisode e = generator.generate(task, 0, 7L, 32, false, true);
        int t = e.length();
        int s = task.stateDim();

        assertThat(t).isBetween(70, 220);
        assertThat(e.imageSize()).isEqualTo(32);
        assertThat(e.stateLayout().size()).isEqualTo(s);
        assertShape(e.actions(), t, 7);
        assertShape(e.states(), t, s);
        assertShape(e.robotStates(), t, 9);
        assertShape(e.eePos(), t, 3);
        assertShape(e.eeOri(), t, 3);
        assertShape(e.eeStates(), t, 6);
        assertShape(e.gripperStates(), t, 2);
        assertShape(e.jointStates(), t, 7);
        assertShape(e.objectPositions(), t, 3);
        assertThat(e.rewards()).hasSize(t);
        assertThat(e.dones()).hasSize(t);
        assertThat(e.objectGrasped()).hasSize(t);
        assertThat(e.initState()).hasSize(s);
        assertThat(e.agentviewFrames()).hasNumberOfRows(t);
        assertThat(e.eyeInHandFrames()).hasNumberOfRows(t);
        for (int i = 0; i < t; i++) {
            assertThat(e.agentviewFrame(i)).hasSize(32 * 32 * 3);
            assertThat(e.eyeInHandFrame(i)).hasSize(32 * 32 * 3);
        }
        assertThat(e.agentviewFrameBuffer(0).isReadOnly()).isTrue();
        assertThat(e.agentviewFrameBuffer(0).remaining()).isEqualTo(32 * 32 * 3);
    }

    @Test
    void actionsRespectSpaceMouseRangesAndGripperValues() {
        for (int demo = 0; demo < 5; demo++) {
            for (double[] a : generator.generate(task, demo, 11L, 16, demo == 4, true).actions()) {
                for (int i = 0; i < 3; i++) {
                    assertThat(Math.abs(a[i])).isLessThanOrEqualTo(0.9375);
                    assertThat(a[i] / QUANTUM).isCloseTo(Math.rint(a[i] / QUANTUM), within(1e-9));
                }
                for (int i = 3; i < 6; i++) {
                    assertThat(Math.abs(a[i])).isLessThanOrEqualTo(0.375);
                }
                assertThat(a[6]).isIn(-1.0, 1.0);
            }
        }
    }

    @Test
    void observationArraysAreMutuallyConsistent() {
        SyntheticEpisode e = generator.generate(task, 1, 5L, 16, false, true);
        double[][] robot = e.robotStates();
        double[][] pos = e.eePos();
        double[][] ori = e.eeOri();
        double[][] ee = e.eeStates();
        double[][] grip = e.gripperStates();
        for (int t = 0; t < e.length(); t++) {
            assertThat(Arrays.copyOfRange(robot[t], 0, 2)).containsExactly(grip[t]);
            assertThat(Arrays.copyOfRange(robot[t], 2, 5)).containsExactly(pos[t]);
            double qn = Math.sqrt(robot[t][5] * robot[t][5] + robot[t][6] * robot[t][6] + robot[t][7] * robot[t][7]
                    + robot[t][8] * robot[t][8]);
            assertThat(qn).isCloseTo(1.0, within(1e-9));
            assertThat(Arrays.copyOfRange(ee[t], 0, 3)).containsExactly(pos[t]);
            assertThat(Arrays.copyOfRange(ee[t], 3, 6)).containsExactly(ori[t]);
            assertThat(grip[t][0]).isEqualTo(-grip[t][1]).isBetween(0.0039, 0.0401);
            double angle = Math.sqrt(ori[t][0] * ori[t][0] + ori[t][1] * ori[t][1] + ori[t][2] * ori[t][2]);
            assertThat(angle).as("hand points down: rotation of about pi").isBetween(2.6, 3.7);
        }
        assertThat(e.initState()).containsExactly(e.states()[0]);
    }

    @Test
    void graspedStepsHoldTheFingersAtTheObjectWidth() {
        SyntheticEpisode e = generator.generate(task, 2, 5L, 16, false, true);
        boolean[] grasped = e.objectGrasped();
        double[][] grip = e.gripperStates();
        int held = 0;
        for (int t = 0; t < e.length(); t++) {
            if (grasped[t]) {
                held++;
                assertThat(grip[t][0]).isCloseTo(task.shape().halfWidth() - 0.0005, within(1e-12));
            }
        }
        assertThat(held).isGreaterThan(15);
        assertThat(grip[0][0]).isEqualTo(0.04);
    }

    @Test
    void originalTimingStoresTheObservationAfterTheAction() {
        SyntheticEpisode e = generator.generate(task, 0, 9L, 16, false, true);
        double[][] states = e.states();
        double[][] pos = e.eePos();
        for (int t = 0; t + 1 < e.length(); t++) {
            assertThat(Arrays.copyOfRange(states[t + 1], StateLayout.EEF_POS, StateLayout.EEF_POS + 3))
                    .containsExactly(pos[t]);
            assertThat(states[t][StateLayout.TIME]).isCloseTo(t * 0.05, within(1e-12));
        }
    }

    @Test
    void noNoopsTimingStoresTheObservationInWhichTheActionIsTaken() {
        SyntheticEpisodeGenerator noNoops = new SyntheticEpisodeGenerator(
                GeneratorSettings.defaults().withObservationTiming(ObservationTiming.NO_NOOPS));
        SyntheticEpisode e = noNoops.generate(task, 0, 9L, 16, false, true);
        SyntheticEpisode original = generator.generate(task, 0, 9L, 16, false, true);
        double[][] states = e.states();
        double[][] pos = e.eePos();

        assertThat(e.observationTiming()).isEqualTo(ObservationTiming.NO_NOOPS);
        assertThat(e.actions()).isDeepEqualTo(original.actions());
        for (int t = 0; t < e.length(); t++) {
            assertThat(Arrays.copyOfRange(states[t], StateLayout.EEF_POS, StateLayout.EEF_POS + 3))
                    .containsExactly(pos[t]);
        }
        for (int t = 1; t < e.length(); t++) {
            assertThat(e.agentviewFrame(t)).isEqualTo(original.agentviewFrame(t - 1));
        }
    }

    @Test
    void successfulEpisodeFlagsOnlyTheLastStep() {
        SyntheticEpisode e = generator.generate(task, 0, 1L, 16, false, true);
        byte[] expected = new byte[e.length()];
        expected[e.length() - 1] = 1;

        assertThat(e.success()).isTrue();
        assertThat(e.rewards()).isEqualTo(expected);
        assertThat(e.dones()).isEqualTo(expected);
    }

    @Test
    void statesFollowTheDocumentedLayout() {
        SyntheticEpisode e = generator.generate(SyntheticTask.catalogue().get(2), 0, 1L, 16, false, false);
        StateLayout layout = e.stateLayout();
        double[][] states = e.states();

        assertThat(layout.fixtureVel() + layout.fixtureVelCount()).isEqualTo(layout.size());
        assertThat(states[0][StateLayout.FINGER_POS]).isEqualTo(0.04);
        assertThat(states[0][StateLayout.FINGER_POS + 1]).isEqualTo(-0.04);
        assertThat(states[0][StateLayout.OBJECT_POS + 2]).isCloseTo(0.9 + ObjectShape.CUBE.halfHeight(),
                within(1e-12));
        for (double[] row : states) {
            for (int i = StateLayout.FIXTURE_POS; i < layout.jointVel(); i++) {
                assertThat(Math.abs(row[i])).isLessThan(0.05);
            }
            assertThat(row[StateLayout.OBJECT_QUAT] * row[StateLayout.OBJECT_QUAT]
                    + row[StateLayout.OBJECT_QUAT + 3] * row[StateLayout.OBJECT_QUAT + 3]).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void modelFileIsASmallDeterministicMujocoXml() {
        String xml = generator.generate(task, 0, 1L, 16, false, true).modelFileXml();

        assertThat(xml).startsWith("<mujoco").endsWith("</mujoco>\n").contains("red_cube_1")
                .contains("robot0_eye_in_hand").contains("agentview").contains("basket_1");
        assertThat(xml.length()).isBetween(2_000, 20_000);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> generator.generate(task, 0, 1L, 8, false, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.generate(task, -1, 1L, 64, false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertShape(double[][] a, int rows, int cols) {
        assertThat(a).hasNumberOfRows(rows);
        for (double[] row : a) {
            assertThat(row).hasSize(cols);
        }
    }
}
