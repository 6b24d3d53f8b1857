package io.vlastudio.dataset.synthetic;

/**
 * Pure pose helpers: hand quaternion (robosuite xyzw order), axis-angle, and a plausible Panda-like inverse
 * kinematics for joint angles and the elbow position. Stateless.
 */
final class Kinematics {

    private Kinematics() {
    }

    /**
     * The hand orientation as a quaternion x, y, z, w: a hand pointing straight down (rotation of pi about x),
     * then rotated by roll (x), pitch (y) and yaw (z), applied in that order in the world frame.
     */
    static double[] handQuaternion(double roll, double pitch, double yaw) {
        double[] down = {1, 0, 0, 0};
        double[] q = multiply(axisQuaternion(0, roll), down);
        q = multiply(axisQuaternion(1, pitch), q);
        q = multiply(axisQuaternion(2, yaw), q);
        return q;
    }

    /** Axis-angle of a quaternion (x, y, z, w), robosuite's quat2axisangle. */
    static double[] axisAngle(double[] q) {
        double w = Math.max(-1, Math.min(1, q[3]));
        double den = Math.sqrt(1 - w * w);
        if (den < 1e-10) {
            return new double[3];
        }
        double angle = 2 * StrictMath.acos(w);
        return new double[] {q[0] * angle / den, q[1] * angle / den, q[2] * angle / den};
    }

    /** Quaternion (x, y, z, w) of a rotation about a world axis (0 = x, 1 = y, 2 = z). */
    private static double[] axisQuaternion(int axis, double angle) {
        double[] q = new double[4];
        q[axis] = StrictMath.sin(angle / 2);
        q[3] = StrictMath.cos(angle / 2);
        return q;
    }

    /** Hamilton product a*b of quaternions in x, y, z, w order. */
    static double[] multiply(double[] a, double[] b) {
        return new double[] {
            a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
            a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
            a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
            a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2]};
    }

    /**
     * Seven Panda-like joint angles (rad) that put the hand at the end-effector position with the given
     * orientation deviation: base yaw, elbow-up planar two-link solution for shoulder and elbow, a wrist pitch that
     * keeps the hand vertical, and the hand yaw on the last joint.
     */
    static double[] jointAngles(double ex, double ey, double ez, double roll, double pitch, double yaw) {
        double[] arm = planarArm(ex, ey, ez);
        double j0 = arm[0];
        double j1 = StrictMath.PI / 2 - arm[1];
        double j3 = -(StrictMath.PI - arm[2]);
        double j5 = j1 - j3 + pitch;
        return new double[] {j0, j1, 0.5 * roll, j3, -0.5 * roll, j5, StrictMath.PI / 4 + yaw - j0};
    }

    /** World position of the elbow for a hand at the end-effector position. */
    static double[] elbow(double ex, double ey, double ez) {
        double[] arm = planarArm(ex, ey, ez);
        double reach = World.UPPER_ARM * StrictMath.cos(arm[1]);
        return new double[] {
            World.BASE_X + reach * StrictMath.cos(arm[0]),
            World.BASE_Y + reach * StrictMath.sin(arm[0]),
            World.BASE_Z + World.SHOULDER_HEIGHT + World.UPPER_ARM * StrictMath.sin(arm[1])};
    }

    /** World position of the shoulder. */
    static double[] shoulder() {
        return new double[] {World.BASE_X, World.BASE_Y, World.BASE_Z + World.SHOULDER_HEIGHT};
    }

    /** Base yaw, upper-arm elevation from horizontal, interior elbow angle. */
    private static double[] planarArm(double ex, double ey, double ez) {
        double dx = ex - World.BASE_X;
        double dy = ey - World.BASE_Y;
        double r = Math.hypot(dx, dy);
        double h = ez + World.HAND_OFFSET - (World.BASE_Z + World.SHOULDER_HEIGHT);
        double l1 = World.UPPER_ARM;
        double l2 = World.FOREARM;
        double d = Math.max(Math.abs(l1 - l2) + 1e-3, Math.min(l1 + l2 - 1e-3, Math.hypot(r, h)));
        double alpha = StrictMath.acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d));
        double beta = StrictMath.acos((l1 * l1 + l2 * l2 - d * d) / (2 * l1 * l2));
        return new double[] {StrictMath.atan2(dy, dx), StrictMath.atan2(h, r) + alpha, beta};
    }
}
