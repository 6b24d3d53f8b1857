package io.vlastudio.dataset.synthetic;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One generated demonstration in memory: every array a LIBERO {@code demo_N} group holds, plus a little ground truth
 * that real files do not have (object positions, grasp flags). Immutable: every array accessor returns a copy
 * (frames also have zero-copy read-only {@link ByteBuffer} views).
 *
 * <p>Shapes ({@code T = length()}, {@code S = stateLayout().size()}, {@code N = imageSize()}):
 * {@code actions (T,7)}, {@code states (T,S)}, {@code robot_states (T,9)} = gripper qpos (2) | eef pos (3) | eef quat
 * xyzw (4), {@code ee_pos (T,3)}, {@code ee_ori (T,3)} axis-angle, {@code ee_states (T,6)} = pos | ori,
 * {@code gripper_states (T,2)} = (+q, -q) with q = 0.04 open, about 0.004 closed on nothing and the object's half
 * width (0.0245) when holding it, {@code joint_states (T,7)}, {@code rewards (T)}, {@code dones (T)}, frames
 * {@code (T, N*N*3)} HWC RGB stored bottom-up.
 *
 * <p>Timing: {@code states[t]} is the state before {@code actions[t]}; the observation arrays (frames, ee_*,
 * gripper_states, joint_states, robot_states, {@link #objectPositions()}) follow {@link #observationTiming()}.
 */
public final class SyntheticEpisode {

    /** Everything an episode is made of (package-private carrier; arrays are owned, not copied). */
    record Parts(SyntheticTask task, int demoIndex, long seed, ObservationTiming timing, int imageSize,
                 boolean success, int leadingNoOps, StateLayout stateLayout, double[][] actions, double[][] states,
                 double[][] robotStates, double[][] eePos, double[][] eeOri, double[][] gripperStates,
                 double[][] jointStates, byte[][] agentview, byte[][] eyeInHand, String modelXml,
                 double[][] objectPositions, boolean[] objectGrasped, double[] finalObjectPosition,
                 double[] targetPosition) {
    }

    private final Parts p;
    private final int length;

    SyntheticEpisode(Parts parts) {
        this.p = Objects.requireNonNull(parts);
        this.length = parts.actions().length;
    }

    /** Number of steps T. */
    public int length() {
        return length;
    }

    /** The task this demo performs. */
    public SyntheticTask task() {
        return p.task();
    }

    /** The demo index it was generated for ({@code demo_<index>}). */
    public int demoIndex() {
        return p.demoIndex();
    }

    /** The seed it was generated from. */
    public long seed() {
        return p.seed();
    }

    /** Which observation is stored beside each action. */
    public ObservationTiming observationTiming() {
        return p.timing();
    }

    /** Image height and width N (frames are square). */
    public int imageSize() {
        return p.imageSize();
    }

    /** Whether the object ended resting inside the target zone. */
    public boolean success() {
        return p.success();
    }

    /** Number of leading no-op steps (0 when generated without them). */
    public int leadingNoOps() {
        return p.leadingNoOps();
    }

    /** Layout of a {@link #states()} row. */
    public StateLayout stateLayout() {
        return p.stateLayout();
    }

    /** Actions (T,7): position delta (3), rotation delta (3), gripper -1 open / +1 close. */
    public double[][] actions() {
        return copy(p.actions());
    }

    /** Flattened simulator states (T,S); {@code states[t]} is the state before {@code actions[t]}. */
    public double[][] states() {
        return copy(p.states());
    }

    /** Robot states (T,9): gripper qpos (2) | eef pos (3) | eef quat x, y, z, w (4). */
    public double[][] robotStates() {
        return copy(p.robotStates());
    }

    /** End-effector position (T,3), metres. */
    public double[][] eePos() {
        return copy(p.eePos());
    }

    /** End-effector orientation (T,3), axis-angle. */
    public double[][] eeOri() {
        return copy(p.eeOri());
    }

    /** End-effector states (T,6): {@link #eePos()} | {@link #eeOri()}. */
    public double[][] eeStates() {
        double[][] out = new double[length][6];
        for (int t = 0; t < length; t++) {
            System.arraycopy(p.eePos()[t], 0, out[t], 0, 3);
            System.arraycopy(p.eeOri()[t], 0, out[t], 3, 3);
        }
        return out;
    }

    /** Finger positions (T,2), opposite signs. */
    public double[][] gripperStates() {
        return copy(p.gripperStates());
    }

    /** Arm joint angles (T,7), rad. */
    public double[][] jointStates() {
        return copy(p.jointStates());
    }

    /** Rewards (T): all zero except the last step, which is 1 when {@link #success()}. */
    public byte[] rewards() {
        return lastStepFlag();
    }

    /**
     * Dones (T): all zero except the last step, which is 1 when {@link #success()} (a failed demo has no done
     * flag at all, like a demo that timed out).
     */
    public byte[] dones() {
        return lastStepFlag();
    }

    /** The initial simulator state, equal to {@code states()[0]} (the {@code init_state} attribute). */
    public double[] initState() {
        return p.states()[0].clone();
    }

    /** The {@code model_file} attribute: a small deterministic MuJoCo-like XML of the scene. */
    public String modelFileXml() {
        return p.modelXml();
    }

    /** All agentview frames (T, N*N*3), bottom-up; a deep copy (use {@link #agentviewFrameBuffer} to avoid it). */
    public byte[][] agentviewFrames() {
        return copy(p.agentview());
    }

    /** All eye-in-hand frames (T, N*N*3), bottom-up; a deep copy. */
    public byte[][] eyeInHandFrames() {
        return copy(p.eyeInHand());
    }

    /** Agentview frame {@code t} as stored (bottom-up), copied. */
    public byte[] agentviewFrame(int t) {
        return p.agentview()[t].clone();
    }

    /** Eye-in-hand frame {@code t} as stored (bottom-up), copied. */
    public byte[] eyeInHandFrame(int t) {
        return p.eyeInHand()[t].clone();
    }

    /** A read-only view of agentview frame {@code t} as stored (bottom-up), without copying. */
    public ByteBuffer agentviewFrameBuffer(int t) {
        return ByteBuffer.wrap(p.agentview()[t]).asReadOnlyBuffer();
    }

    /** A read-only view of eye-in-hand frame {@code t} as stored (bottom-up), without copying. */
    public ByteBuffer eyeInHandFrameBuffer(int t) {
        return ByteBuffer.wrap(p.eyeInHand()[t]).asReadOnlyBuffer();
    }

    /** Agentview frame {@code t} as a person sees it (rows flipped back). */
    public byte[] uprightAgentviewFrame(int t) {
        return FrameOrientation.flipRows(p.agentview()[t], p.imageSize(), p.imageSize());
    }

    /** Eye-in-hand frame {@code t} as a person sees it (rows flipped back). */
    public byte[] uprightEyeInHandFrame(int t) {
        return FrameOrientation.flipRows(p.eyeInHand()[t], p.imageSize(), p.imageSize());
    }

    /** Ground truth, not in LIBERO files: object centre (T,3) at the observation instants. */
    public double[][] objectPositions() {
        return copy(p.objectPositions());
    }

    /** Ground truth, not in LIBERO files: whether the fingers hold the object, at the observation instants. */
    public boolean[] objectGrasped() {
        return p.objectGrasped().clone();
    }

    /** Ground truth: the object centre after the last action (x, y, z). */
    public double[] finalObjectPosition() {
        return p.finalObjectPosition().clone();
    }

    /** Ground truth: the target centre (x, y) on the table. */
    public double[] targetPosition() {
        return p.targetPosition().clone();
    }

    private byte[] lastStepFlag() {
        byte[] out = new byte[length];
        if (p.success()) {
            out[length - 1] = 1;
        }
        return out;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static byte[][] copy(byte[][] a) {
        byte[][] out = new byte[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
