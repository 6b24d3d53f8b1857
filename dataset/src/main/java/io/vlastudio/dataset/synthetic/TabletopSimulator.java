package io.vlastudio.dataset.synthetic;

/**
 * A tiny deterministic tabletop "physics": an OSC-like arm that integrates the action's position and rotation
 * deltas (scaled by output_max and the tracking fraction {@link World#TRACKING}), a parallel gripper whose
 * fingers move at a fixed speed, and one rigid object that is carried while
 * grasped and falls and slides (with friction) when released. Not thread-safe; one instance per episode.
 */
final class TabletopSimulator {

    private final double halfWidth;
    private final double halfHeight;
    private final double restZ;

    private double ex;
    private double ey;
    private double ez;
    private double roll;
    private double pitch;
    private double yaw;
    private double finger = World.FINGER_OPEN;
    private boolean fingersSettled = true;

    private double ox;
    private double oy;
    private double oz;
    private double oyaw;
    private double ovx;
    private double ovy;
    private double ovz;
    private boolean grasped;
    private double offX;
    private double offZ;
    private double offYaw;

    TabletopSimulator(SceneLayout layout) {
        ObjectShape shape = layout.task().shape();
        this.halfWidth = shape.halfWidth();
        this.halfHeight = shape.halfHeight();
        this.restZ = layout.objectRestZ();
        this.ex = layout.eefX();
        this.ey = layout.eefY();
        this.ez = layout.eefZ();
        this.ox = layout.objectX();
        this.oy = layout.objectY();
        this.oz = restZ;
        this.oyaw = layout.objectYaw();
    }

    /** The current state. */
    Snapshot snapshot() {
        boolean resting = !grasped && oz == restZ && ovx == 0 && ovy == 0 && ovz == 0;
        return new Snapshot(ex, ey, ez, roll, pitch, yaw, finger, ox, oy, oz, oyaw, grasped, resting, fingersSettled);
    }

    /** Finger position while holding the object. */
    double holdingFinger() {
        return halfWidth - World.FINGER_SQUEEZE;
    }

    /** Advances one control step (1/20 s) under a 7-D action. */
    void step(double[] action) {
        double px = ex;
        double py = ey;
        double pz = ez;
        ex = clamp(ex + action[0] * World.POS_SCALE * World.TRACKING, World.X_MIN, World.X_MAX);
        ey = clamp(ey + action[1] * World.POS_SCALE * World.TRACKING, World.Y_MIN, World.Y_MAX);
        double zMin = grasped ? Math.max(World.Z_MIN, restZ - offZ) : World.Z_MIN;
        ez = clamp(ez + action[2] * World.POS_SCALE * World.TRACKING, zMin, World.Z_MAX);
        roll += action[3] * World.ROT_SCALE * World.TRACKING;
        pitch += action[4] * World.ROT_SCALE * World.TRACKING;
        yaw += action[5] * World.ROT_SCALE * World.TRACKING;

        boolean close = action[6] > 0;
        if (!close && grasped) {
            release(px, py, pz);
        }
        stepFingers(close);
        stepObject();
    }

    /** The object slips out of the gripper (a forced failure); the fingers then close on nothing. */
    void slip() {
        if (grasped) {
            release(ex, ey, ez);
            ovx = 0;
            ovy = 0;
        }
    }

    private void stepFingers(boolean close) {
        double target;
        if (close) {
            target = grasped ? holdingFinger() : World.FINGER_CLOSED;
            double hold = holdingFinger();
            if (!grasped && finger > hold && finger - World.FINGER_SPEED <= hold && objectBetweenFingers()) {
                finger = hold;
                grasp();
                target = hold;
            }
        } else {
            target = World.FINGER_OPEN;
        }
        if (finger < target) {
            finger = Math.min(target, finger + World.FINGER_SPEED);
        } else if (finger > target) {
            finger = Math.max(target, finger - World.FINGER_SPEED);
        }
        fingersSettled = finger == target;
    }

    private boolean objectBetweenFingers() {
        double c = StrictMath.cos(yaw);
        double s = StrictMath.sin(yaw);
        double dx = ox - ex;
        double dy = oy - ey;
        double lx = c * dx + s * dy;
        double ly = -s * dx + c * dy;
        boolean across = Math.abs(ly) + halfWidth < World.FINGER_OPEN;
        boolean along = Math.abs(lx) < halfWidth * 0.8;
        boolean height = ez < oz + halfHeight - 0.01 && ez + 0.045 > oz - halfHeight + 0.01;
        return across && along && height;
    }

    private void grasp() {
        double c = StrictMath.cos(yaw);
        double s = StrictMath.sin(yaw);
        double dx = ox - ex;
        double dy = oy - ey;
        grasped = true;
        offX = c * dx + s * dy;
        offZ = oz - ez;
        offYaw = oyaw - yaw;
        ovx = 0;
        ovy = 0;
        ovz = 0;
    }

    private void release(double px, double py, double pz) {
        grasped = false;
        ovx = 0.3 * (ex - px) / World.DT;
        ovy = 0.3 * (ey - py) / World.DT;
        ovz = Math.min(0, (ez - pz) / World.DT);
    }

    private void stepObject() {
        if (grasped) {
            double c = StrictMath.cos(yaw);
            double s = StrictMath.sin(yaw);
            ox = ex + c * offX;
            oy = ey + s * offX;
            oz = Math.max(restZ, ez + offZ);
            oyaw = yaw + offYaw;
            return;
        }
        if (oz > restZ || ovz != 0) {
            ovz -= World.GRAVITY * World.DT;
            oz += ovz * World.DT;
            if (oz <= restZ) {
                oz = restZ;
                ovz = 0;
            }
        }
        if (ovx != 0 || ovy != 0) {
            ox = clamp(ox + ovx * World.DT, World.X_MIN, World.X_MAX);
            oy = clamp(oy + ovy * World.DT, World.Y_MIN, World.Y_MAX);
            if (oz == restZ) {
                ovx *= 0.5;
                ovy *= 0.5;
                if (Math.hypot(ovx, ovy) < 0.01) {
                    ovx = 0;
                    ovy = 0;
                }
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
