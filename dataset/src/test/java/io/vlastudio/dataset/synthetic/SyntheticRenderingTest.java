package io.vlastudio.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticRenderingTest {

    private static final int SIZE = 128;

    private final SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());
    private final SyntheticTask redCube = SyntheticTask.catalogue().get(0);

    @Test
    void framesAreStoredBottomUp() {
        SyntheticEpisode e = generator.generate(redCube, 0, 2L, SIZE, false, true);
        byte[] stored = e.agentviewFrame(0);
        byte[] upright = e.uprightAgentviewFrame(0);
        int lastRow = SIZE - 1;

        // the picture has the wall at the top and the floor in front of the table at the bottom
        assertThat(pixel(upright, 0, 0)).isEqualTo(Palette.WALL);
        assertThat(pixel(upright, 0, SIZE - 1)).isEqualTo(Palette.WALL);
        assertThat(pixel(upright, lastRow, 0)).isEqualTo(Palette.FLOOR);
        // the stored frame is upside down
        assertThat(pixel(stored, 0, 0)).isEqualTo(Palette.FLOOR);
        assertThat(pixel(stored, lastRow, 0)).isEqualTo(Palette.WALL);
        assertThat(FrameOrientation.flipRows(upright, SIZE, SIZE)).isEqualTo(stored);
    }

    @Test
    void wristFramesAreStoredBottomUpWithTheFingersAtTheBottomOfThePicture() {
        SyntheticEpisode e = generator.generate(redCube, 0, 2L, SIZE, false, true);
        byte[] upright = e.uprightEyeInHandFrame(0);

        assertThat(countFingerPixels(upright, SIZE - 12, SIZE)).isGreaterThan(SIZE);
        assertThat(countFingerPixels(upright, 0, 12)).isZero();
        assertThat(countFingerPixels(e.eyeInHandFrame(0), 0, 12)).isGreaterThan(SIZE);
    }

    @Test
    void graspedObjectMovesWithTheEndEffectorInThePicture() {
        SyntheticEpisode e = generator.generate(redCube, 0, 4L, SIZE, false, true);
        PinholeCamera camera = AgentviewRenderer.camera(SIZE);
        boolean[] grasped = e.objectGrasped();
        double[][] eePos = e.eePos();
        double[] cu = new double[e.length()];
        double[] cv = new double[e.length()];
        double[] pu = new double[e.length()];
        double[] pv = new double[e.length()];
        double[] uv = new double[2];
        int n = 0;
        for (int t = 0; t < e.length(); t++) {
            if (!grasped[t]) {
                continue;
            }
            double[] c = EpisodeChecks.redCentroid(e.uprightAgentviewFrame(t), SIZE);
            assertThat(c).as("the held cube is visible at step %d", t).isNotNull();
            camera.project(eePos[t][0], eePos[t][1], eePos[t][2], uv, 0);
            cu[n] = c[0];
            cv[n] = c[1];
            pu[n] = uv[0];
            pv[n] = uv[1];
            n++;
        }
        assertThat(n).isGreaterThan(20);
        assertThat(EpisodeChecks.correlation(cu, pu, n)).isGreaterThan(0.999);
        assertThat(EpisodeChecks.correlation(cv, pv, n)).isGreaterThan(0.999);
        // the cube keeps a constant offset from the projected end-effector (up to sub-pixel rendering effects)
        double meanU = 0;
        double meanV = 0;
        for (int i = 0; i < n; i++) {
            meanU += cu[i] - pu[i];
            meanV += cv[i] - pv[i];
        }
        meanU /= n;
        meanV /= n;
        double offsetSpread = 0;
        for (int i = 0; i < n; i++) {
            offsetSpread += Math.hypot(cu[i] - pu[i] - meanU, cv[i] - pv[i] - meanV);
        }
        assertThat(offsetSpread / n).as("mean deviation from a constant offset, px").isLessThan(1.0);
        double centroidTravel = 0;
        double eefTravel = 0;
        double mismatch = 0;
        for (int i = 1; i < n; i++) {
            double du = cu[i] - cu[i - 1];
            double dv = cv[i] - cv[i - 1];
            double eu = pu[i] - pu[i - 1];
            double ev = pv[i] - pv[i - 1];
            centroidTravel += Math.hypot(du, dv);
            eefTravel += Math.hypot(eu, ev);
            mismatch += Math.hypot(du - eu, dv - ev);
        }
        assertThat(eefTravel).isGreaterThan(40);
        assertThat(centroidTravel / eefTravel).isBetween(0.9, 1.15);
        assertThat(mismatch / eefTravel).as("per-step displacement disagreement").isLessThan(0.3);
    }

    @Test
    void framesChangeWhenTheGripperMovesAndNotOnNoOps() {
        for (ObservationTiming timing : ObservationTiming.values()) {
            SyntheticEpisodeGenerator g = new SyntheticEpisodeGenerator(
                    GeneratorSettings.defaults().withObservationTiming(timing).withMidDemoPauseProbability(1.0));
            SyntheticEpisode e = g.generate(redCube, 1, 6L, 64, false, true);
            double[][] actions = e.actions();
            // ORIGINAL_RELEASE: frame t is after action t; NO_NOOPS: frame t + 1 is after action t
            int shift = timing == ObservationTiming.ORIGINAL_RELEASE ? 0 : 1;
            int noOps = 0;
            int moves = 0;
            for (int t = 1; t + shift < e.length(); t++) {
                byte[] before = e.agentviewFrame(t - 1 + shift);
                byte[] after = e.agentviewFrame(t + shift);
                byte[] wristBefore = e.eyeInHandFrame(t - 1 + shift);
                byte[] wristAfter = e.eyeInHandFrame(t + shift);
                if (EpisodeChecks.isNoOp(actions[t]) && actions[t][6] == actions[t - 1][6]) {
                    assertThat(after).as("%s no-op at %d", timing, t).isEqualTo(before);
                    assertThat(wristAfter).isEqualTo(wristBefore);
                    noOps++;
                } else if (Math.hypot(Math.hypot(actions[t][0], actions[t][1]), actions[t][2]) >= 0.1) {
                    assertThat(after).as("%s move at %d", timing, t).isNotEqualTo(before);
                    assertThat(wristAfter).isNotEqualTo(wristBefore);
                    moves++;
                }
            }
            assertThat(noOps).isGreaterThanOrEqualTo(2);
            assertThat(moves).isGreaterThan(40);
        }
    }

    private static Rgb pixel(byte[] frame, int row, int col) {
        int p = (row * SIZE + col) * 3;
        return new Rgb(frame[p] & 0xFF, frame[p + 1] & 0xFF, frame[p + 2] & 0xFF);
    }

    private static int countFingerPixels(byte[] frame, int rowFrom, int rowTo) {
        int n = 0;
        for (int row = rowFrom; row < rowTo; row++) {
            for (int col = 0; col < SIZE; col++) {
                Rgb c = pixel(frame, row, col);
                if (c.r() < 70 && c.g() < 70 && c.b() < 80 && Math.abs(c.r() - c.b()) < 20) {
                    n++;
                }
            }
        }
        return n;
    }
}
