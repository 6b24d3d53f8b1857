package io.vlastudio.dataset.synthetic;

/** Fixed geometry and physical constants of the synthetic tabletop. Metres, radians, seconds. */
final class World {

    private World() {
    }

    /** Control period (20 Hz). */
    static final double DT = 0.05;
    /** Metres per unit of a translation action (OSC output_max). */
    static final double POS_SCALE = 0.05;
    /** Radians per unit of a rotation action (OSC output_max). */
    static final double ROT_SCALE = 0.5;
    /**
     * Fraction of the commanded offset (action x output_max) the simulated OSC controller actually covers within one
     * control step. A real OSC arm at 20 Hz lags its per-step goal the same way; without it, LIBERO-like action
     * magnitudes would move the hand about 1 m/s. Position change per step = action x POS_SCALE x TRACKING.
     */
    static final double TRACKING = 0.3;
    /** Largest |translation action| a SpaceMouse produces. */
    static final double TRANSLATION_LIMIT = 0.9375;
    /** Number of quantisation steps between 0 and {@link #TRANSLATION_LIMIT}. */
    static final int TRANSLATION_STEPS = 35;
    /** Largest |rotation action|. */
    static final double ROTATION_LIMIT = 0.375;

    static final double TABLE_Z = 0.90;
    static final double TABLE_X_FAR = -0.62;
    static final double TABLE_X_NEAR = 0.24;
    static final double TABLE_Y_HALF = 0.62;
    static final double TABLE_THICKNESS = 0.045;

    static final double BASE_X = -0.66;
    static final double BASE_Y = 0.0;
    static final double BASE_Z = 0.912;
    static final double SHOULDER_HEIGHT = 0.333;
    static final double UPPER_ARM = 0.316;
    static final double FOREARM = 0.40;
    /** Height of the wrist centre above the end-effector point when the hand points down. */
    static final double HAND_OFFSET = 0.21;

    static final double FINGER_OPEN = 0.04;
    static final double FINGER_CLOSED = 0.004;
    static final double FINGER_SPEED = 0.006;
    /** How far the fingers squeeze into the object's nominal width when they hold it. */
    static final double FINGER_SQUEEZE = 0.0005;

    static final double X_MIN = -0.34;
    static final double X_MAX = 0.20;
    static final double Y_MIN = -0.30;
    static final double Y_MAX = 0.30;
    static final double Z_MIN = TABLE_Z + 0.005;
    static final double Z_MAX = TABLE_Z + 0.45;

    static final double GRAVITY = 9.81;
}
