package io.vlastudio.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * Builds flattened MuJoCo-like state rows ({@link StateLayout}) from snapshots. Velocities are finite differences
 * over one control step; the padding holds per-episode constants (fixture poses, residual velocities) of small
 * magnitude. Immutable after construction.
 */
final class StateVectorBuilder {

    private final StateLayout layout;
    private final double[] fixturePos;
    private final double[] fixtureVel;

    StateVectorBuilder(StateLayout layout, SplittableRandom rng) {
        this.layout = layout;
        this.fixturePos = new double[layout.fixturePosCount()];
        this.fixtureVel = new double[layout.fixtureVelCount()];
        for (int i = 0; i < fixturePos.length; i++) {
            fixturePos[i] = Seeds.uniform(rng, -0.05, 0.05);
        }
        for (int i = 0; i < fixtureVel.length; i++) {
            fixtureVel[i] = Seeds.uniform(rng, -1e-4, 1e-4);
        }
    }

    /** The state row for {@code now} at step {@code t}; {@code before} is the previous snapshot or {@code null}. */
    double[] build(int t, Snapshot now, Snapshot before) {
        double[] row = new double[layout.size()];
        row[StateLayout.TIME] = t * World.DT;
        double[] joints = joints(now);
        System.arraycopy(joints, 0, row, StateLayout.JOINT_POS, 7);
        row[StateLayout.FINGER_POS] = now.finger();
        row[StateLayout.FINGER_POS + 1] = -now.finger();
        row[StateLayout.EEF_POS] = now.ex();
        row[StateLayout.EEF_POS + 1] = now.ey();
        row[StateLayout.EEF_POS + 2] = now.ez();
        row[StateLayout.OBJECT_POS] = now.ox();
        row[StateLayout.OBJECT_POS + 1] = now.oy();
        row[StateLayout.OBJECT_POS + 2] = now.oz();
        row[StateLayout.OBJECT_QUAT] = StrictMath.cos(now.oyaw() / 2);
        row[StateLayout.OBJECT_QUAT + 3] = StrictMath.sin(now.oyaw() / 2);
        System.arraycopy(fixturePos, 0, row, StateLayout.FIXTURE_POS, fixturePos.length);
        if (before != null) {
            double[] prevJoints = joints(before);
            for (int i = 0; i < 7; i++) {
                row[layout.jointVel() + i] = (joints[i] - prevJoints[i]) / World.DT;
            }
            double fingerVel = (now.finger() - before.finger()) / World.DT;
            row[layout.fingerVel()] = fingerVel;
            row[layout.fingerVel() + 1] = -fingerVel;
            int o = layout.objectVel();
            row[o] = (now.ox() - before.ox()) / World.DT;
            row[o + 1] = (now.oy() - before.oy()) / World.DT;
            row[o + 2] = (now.oz() - before.oz()) / World.DT;
            row[o + 5] = (now.oyaw() - before.oyaw()) / World.DT;
        }
        System.arraycopy(fixtureVel, 0, row, layout.fixtureVel(), fixtureVel.length);
        return row;
    }

    static double[] joints(Snapshot s) {
        return Kinematics.jointAngles(s.ex(), s.ey(), s.ez(), s.roll(), s.pitch(), s.yaw());
    }
}
