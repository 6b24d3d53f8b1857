package io.vlastudio.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * The sampled initial scene of one demo: where the object, the target and the gripper start.
 *
 * @param task      the task
 * @param objectX   object start x
 * @param objectY   object start y
 * @param objectYaw object start yaw (rad)
 * @param targetX   target centre x
 * @param targetY   target centre y
 * @param eefX      gripper start x
 * @param eefY      gripper start y
 * @param eefZ      gripper start z
 */
record SceneLayout(SyntheticTask task, double objectX, double objectY, double objectYaw, double targetX,
                   double targetY, double eefX, double eefY, double eefZ) {

    /** Resting height of the object's centre on the table. */
    double objectRestZ() {
        return World.TABLE_Z + task.shape().halfHeight();
    }

    /** Samples a layout around the task's nominal positions (object +-3 cm, target +-1 cm, gripper +-2..3 cm). */
    static SceneLayout sample(SyntheticTask task, SplittableRandom rng) {
        double ox = task.objectX() + Seeds.uniform(rng, -0.03, 0.03);
        double oy = task.objectY() + Seeds.uniform(rng, -0.03, 0.03);
        double yaw = task.shape() == ObjectShape.CUBE ? Seeds.uniform(rng, -0.35, 0.35) : Seeds.uniform(rng, -3, 3);
        double tx = task.targetX() + Seeds.uniform(rng, -0.01, 0.01);
        double ty = task.targetY() + Seeds.uniform(rng, -0.01, 0.01);
        double ex = -0.17 + Seeds.uniform(rng, -0.02, 0.02);
        double ey = Seeds.uniform(rng, -0.03, 0.03);
        double ez = World.TABLE_Z + 0.20 + Seeds.uniform(rng, -0.02, 0.02);
        return new SceneLayout(task, ox, oy, yaw, tx, ty, ex, ey, ez);
    }
}
