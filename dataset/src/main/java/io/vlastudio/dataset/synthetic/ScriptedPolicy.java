package io.vlastudio.dataset.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A scripted "human teleoperator" for pick-and-place: approach above the object, descend, close, lift, carry to the
 * target (along a slightly bent path), lower, open, retreat. It steers the gripper with a saturated proportional
 * controller whose commands ramp up gradually, adds human-like noise and slow drift, and quantises translations like a
 * SpaceMouse. Not thread-safe; one instance per episode.
 */
final class ScriptedPolicy {

    /** Phases of the script, in the order they normally happen. */
    enum Phase { LEADING_NO_OPS, APPROACH, DESCEND, CLOSE, LIFT, TRANSPORT, LOWER, OPEN, ABORT, RETREAT, DONE }

    private static final double QUANTUM = World.TRANSLATION_LIMIT / World.TRANSLATION_STEPS;
    private static final int PHASE_LIMIT = 90;
    /** Metres the hand moves per step and per unit of translation action. */
    private static final double STEP = World.POS_SCALE * World.TRACKING;
    /** Radians the hand turns per step and per unit of rotation action. */
    private static final double ROT_STEP = World.ROT_SCALE * World.TRACKING;

    private final SceneLayout layout;
    private final DemoStyle style;
    private final FailurePlan failure;
    private final SplittableRandom rng;
    private final double halfHeight;
    private final double failMargin;

    private Phase phase = Phase.LEADING_NO_OPS;
    private int phaseSteps;
    private int noOpsLeft;
    private int waitCount;
    private int pauseLeft;
    private boolean pauseDone;
    private double grip = -1;
    private double yawTarget;
    private double heldOffsetZ;

    private final double[] command = new double[3];
    private final double[] drift = new double[3];
    private final double[] rotNoise = new double[3];

    private double liftX;
    private double liftY;
    private double startX;
    private double startY;
    private double viaX;
    private double viaY;
    private boolean viaReached;
    private double goalX;
    private double goalY;
    private double goalZ;

    ScriptedPolicy(SceneLayout layout, DemoStyle style, FailurePlan failure, SplittableRandom rng, int leadingNoOps) {
        this.layout = layout;
        this.style = style;
        this.failure = failure;
        this.rng = rng;
        this.halfHeight = layout.task().shape().halfHeight();
        TargetKind target = layout.task().target();
        this.failMargin = Math.max(target.halfX(), target.halfY()) + 0.08;
        this.noOpsLeft = leadingNoOps;
        this.heldOffsetZ = -style.graspDz();
    }

    /** The current phase. */
    Phase phase() {
        return phase;
    }

    /**
     * The next action for the observed state, or {@code null} when the demo is over.
     */
    double[] next(Snapshot s) {
        if (phase == Phase.DONE) {
            return null;
        }
        if (pauseLeft > 0) {
            pauseLeft--;
            return noOp();
        }
        for (int guard = 0; guard <= Phase.values().length; guard++) {
            double[] a = act(s);
            if (a != null) {
                phaseSteps++;
                return a;
            }
            if (phase == Phase.DONE) {
                return null;
            }
        }
        throw new IllegalStateException("policy did not produce an action in phase " + phase);
    }

    /**
     * Whether a planned failure should happen now: the object is held during transport and the carried distance
     * reached the planned fraction, or the gripper is about to get too close to the target for the drop to be
     * clearly visible.
     */
    boolean failureDue(Snapshot s) {
        if (failure.mode() == FailurePlan.Mode.NONE || phase != Phase.TRANSPORT || !s.grasped()) {
            return false;
        }
        double total = Math.hypot(layout.targetX() - startX, layout.targetY() - startY);
        double left = Math.hypot(layout.targetX() - s.ex(), layout.targetY() - s.ey());
        double progress = total <= 0 ? 1 : 1 - left / total;
        return progress >= failure.progress() || left < failMargin + 0.03;
    }

    private double[] act(Snapshot s) {
        switch (phase) {
            case LEADING_NO_OPS:
                if (noOpsLeft > 0) {
                    noOpsLeft--;
                    return noOp();
                }
                return enter(Phase.APPROACH, s);
            case APPROACH:
                return approach(s);
            case DESCEND:
                return descend(s);
            case CLOSE:
                return close(s);
            case LIFT:
                return lift(s);
            case TRANSPORT:
                return transport(s);
            case LOWER:
                return lower(s);
            case OPEN:
                return open(s);
            case ABORT:
                grip = -1;
                if (++waitCount > failure.abortSteps()) {
                    return enter(Phase.RETREAT, s);
                }
                return coast(s);
            case RETREAT:
                if ((reached(s, goalX, goalY, goalZ, 0.02, 0.02) || phaseSteps > PHASE_LIMIT) && s.isStatic()) {
                    return enter(Phase.DONE, s);
                }
                return move(s, goalX, goalY, goalZ);
            default:
                return null;
        }
    }

    private double[] approach(Snapshot s) {
        yawTarget = layout.task().shape() == ObjectShape.CUBE ? s.oyaw() : 0;
        double gx = s.ox() + style.approachDx();
        double gy = s.oy() + style.approachDy();
        double gz = s.oz() + halfHeight + style.hover();
        if (reached(s, gx, gy, gz, 0.015, 0.02) || timedOut()) {
            return enter(Phase.DESCEND, s);
        }
        double[] pause = maybePause(s);
        return pause != null ? pause : move(s, gx, gy, gz);
    }

    private double[] descend(Snapshot s) {
        double gz = Math.max(World.Z_MIN, s.oz() + style.graspDz());
        if (reached(s, s.ox(), s.oy(), gz, 0.005, 0.005) || timedOut()) {
            return enter(Phase.CLOSE, s);
        }
        return move(s, s.ox(), s.oy(), gz);
    }

    private double[] close(Snapshot s) {
        grip = 1;
        if (s.finger() < World.FINGER_OPEN && s.fingersSettled()) {
            waitCount++;
        }
        if (waitCount > style.closeWait() || timedOut()) {
            return enter(Phase.LIFT, s);
        }
        return hold(s);
    }

    private double[] lift(Snapshot s) {
        double gz = World.TABLE_Z + style.lift();
        if (s.ez() >= World.TABLE_Z + style.lift() * style.liftFraction() || timedOut()) {
            return enter(Phase.TRANSPORT, s);
        }
        return move(s, liftX, liftY, gz);
    }

    private double[] transport(Snapshot s) {
        if (failure.mode() == FailurePlan.Mode.EARLY_OPEN && failureDue(s)) {
            return enter(Phase.ABORT, s);
        }
        double tx = layout.targetX();
        double ty = layout.targetY();
        double gz = World.TABLE_Z + style.lift();
        if (!viaReached && Math.hypot(s.ex() - viaX, s.ey() - viaY) < 0.04) {
            viaReached = true;
        }
        if ((viaReached && reached(s, tx, ty, gz, 0.01, 0.025)) || timedOut()) {
            return enter(Phase.LOWER, s);
        }
        double[] pause = maybePause(s);
        if (pause != null) {
            return pause;
        }
        return viaReached ? move(s, tx, ty, gz) : move(s, viaX, viaY, gz);
    }

    private double[] lower(Snapshot s) {
        double offset = s.grasped() ? s.oz() - s.ez() : heldOffsetZ;
        double gz = Math.max(World.Z_MIN, layout.objectRestZ() + style.placeClearance() - offset);
        double gx = layout.targetX();
        double gy = layout.targetY();
        if (reached(s, gx, gy, gz, 0.012, 0.006) || timedOut()) {
            return enter(Phase.OPEN, s);
        }
        return move(s, gx, gy, gz);
    }

    private double[] open(Snapshot s) {
        grip = -1;
        if (s.finger() >= World.FINGER_OPEN && s.fingersSettled()) {
            waitCount++;
        }
        if (waitCount > style.openWait() || timedOut()) {
            return enter(Phase.RETREAT, s);
        }
        return hold(s);
    }

    private double[] enter(Phase next, Snapshot s) {
        phase = next;
        phaseSteps = 0;
        waitCount = 0;
        switch (next) {
            case LIFT:
                liftX = s.ex();
                liftY = s.ey();
                yawTarget = s.yaw();
                if (s.grasped()) {
                    heldOffsetZ = s.oz() - s.ez();
                }
                break;
            case TRANSPORT:
                startX = s.ex();
                startY = s.ey();
                double dx = layout.targetX() - startX;
                double dy = layout.targetY() - startY;
                double len = Math.max(1e-9, Math.hypot(dx, dy));
                viaX = startX + 0.5 * dx - dy / len * style.bend();
                viaY = startY + 0.5 * dy + dx / len * style.bend();
                viaReached = false;
                yawTarget = 0;
                break;
            case RETREAT:
                goalX = Math.max(World.X_MIN, s.ex() - style.retreatBack());
                goalY = s.ey();
                goalZ = Math.min(World.Z_MAX, s.ez() + style.retreatUp());
                break;
            default:
                break;
        }
        return null;
    }

    private double[] maybePause(Snapshot s) {
        if (!pauseDone && style.pausePhase() == phase && phaseSteps >= style.pauseAfter() && s.isStatic()) {
            pauseDone = true;
            pauseLeft = style.pauseLength() - 1;
            return noOp();
        }
        return null;
    }

    private boolean timedOut() {
        return phaseSteps > PHASE_LIMIT;
    }

    private static boolean reached(Snapshot s, double gx, double gy, double gz, double tolXy, double tolZ) {
        return Math.hypot(gx - s.ex(), gy - s.ey()) < tolXy && Math.abs(gz - s.ez()) < tolZ;
    }

    private double[] move(Snapshot s, double gx, double gy, double gz) {
        double[] raw = {
            style.gain() * (gx - s.ex()) / STEP,
            style.gain() * (gy - s.ey()) / STEP,
            style.gain() * (gz - s.ez()) / STEP};
        double peak = Math.max(Math.abs(raw[0]), Math.max(Math.abs(raw[1]), Math.abs(raw[2])));
        if (peak > style.maxSpeed()) {
            for (int i = 0; i < 3; i++) {
                raw[i] *= style.maxSpeed() / peak;
            }
        }
        double speed = 0;
        for (int i = 0; i < 3; i++) {
            command[i] += clamp(raw[i] - command[i], style.accel());
            speed = Math.max(speed, Math.abs(command[i]));
        }
        double[] a = new double[7];
        double driftWeight = Math.min(1, speed / 0.3);
        for (int i = 0; i < 3; i++) {
            drift[i] = 0.85 * drift[i] + 0.527 * style.drift() * Seeds.gaussian(rng);
            double sigma = style.noise() + style.speedNoise() * Math.abs(command[i]);
            a[i] = quantise(command[i] + drift[i] * driftWeight + sigma * Seeds.gaussian(rng));
        }
        rotate(s, a);
        a[6] = grip;
        return a;
    }

    private double[] hold(Snapshot s) {
        Arrays.fill(command, 0);
        double[] a = new double[7];
        rotate(s, a);
        a[6] = grip;
        return a;
    }

    private double[] coast(Snapshot s) {
        double[] a = new double[7];
        for (int i = 0; i < 3; i++) {
            command[i] *= 0.5;
            a[i] = quantise(command[i]);
        }
        rotate(s, a);
        a[6] = grip;
        return a;
    }

    private double[] noOp() {
        Arrays.fill(command, 0);
        double[] a = new double[7];
        a[6] = grip;
        return a;
    }

    private void rotate(Snapshot s, double[] a) {
        double[] angle = {s.roll(), s.pitch(), s.yaw()};
        double[] target = {0, 0, yawTarget};
        for (int i = 0; i < 3; i++) {
            rotNoise[i] = 0.7 * rotNoise[i] + 0.714 * style.rotNoise() * Seeds.gaussian(rng);
            double r = style.rotGain() * (target[i] - angle[i]) / ROT_STEP + rotNoise[i];
            a[3 + i] = clamp(r, World.ROTATION_LIMIT);
        }
    }

    /** Snaps a translation command to the SpaceMouse grid (multiples of 0.9375/35), saturating at +-0.9375. */
    static double quantise(double v) {
        long k = Math.round(v / QUANTUM);
        k = Math.max(-World.TRANSLATION_STEPS, Math.min(World.TRANSLATION_STEPS, k));
        return k * World.TRANSLATION_LIMIT / World.TRANSLATION_STEPS;
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
