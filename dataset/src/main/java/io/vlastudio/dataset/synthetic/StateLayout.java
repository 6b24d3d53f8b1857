package io.vlastudio.dataset.synthetic;

/**
 * Layout of one flattened synthetic simulator state (a row of {@code states}), MuJoCo-like: time, then positions,
 * then velocities. Fixed part (35 values):
 * <pre>
 * [0]        time, s
 * [1..7]     arm joint positions, rad
 * [8..9]     finger positions (+q, -q), m
 * [10..12]   end-effector position (a mocap-like slot), m
 * [13..15]   object position, m
 * [16..19]   object orientation quaternion, w x y z
 * [20..]     fixture/distractor positions (padding, small deterministic constants)
 * then       arm joint velocities (7), finger velocities (2), object velocity (linear 3, angular 3),
 *            fixture velocities (padding)
 * </pre>
 *
 * @param size the state length S (45..123)
 */
public record StateLayout(int size) {

    /** Index of the simulation time. */
    public static final int TIME = 0;
    /** First index of the 7 arm joint positions. */
    public static final int JOINT_POS = 1;
    /** First index of the 2 finger positions. */
    public static final int FINGER_POS = 8;
    /** First index of the end-effector position (3). */
    public static final int EEF_POS = 10;
    /** First index of the object position (3). */
    public static final int OBJECT_POS = 13;
    /** First index of the object quaternion (w, x, y, z). */
    public static final int OBJECT_QUAT = 16;
    /** First index of the fixture position padding. */
    public static final int FIXTURE_POS = 20;
    /** Number of values that are not padding. */
    public static final int FIXED = 35;

    /** Validates the size. */
    public StateLayout {
        if (size < SyntheticTask.MIN_STATE_DIM || size > SyntheticTask.MAX_STATE_DIM) {
            throw new IllegalArgumentException("state size out of 45..123: " + size);
        }
    }

    /** Number of fixture position padding values. */
    public int fixturePosCount() {
        return (size - FIXED + 1) / 2;
    }

    /** First index of the 7 arm joint velocities. */
    public int jointVel() {
        return FIXTURE_POS + fixturePosCount();
    }

    /** First index of the 2 finger velocities. */
    public int fingerVel() {
        return jointVel() + 7;
    }

    /** First index of the object velocity (linear 3, angular 3). */
    public int objectVel() {
        return fingerVel() + 2;
    }

    /** First index of the fixture velocity padding. */
    public int fixtureVel() {
        return objectVel() + 6;
    }

    /** Number of fixture velocity padding values. */
    public int fixtureVelCount() {
        return size - fixtureVel();
    }
}
