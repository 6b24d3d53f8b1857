package io.vlastudio.dataset.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates synthetic LIBERO-like pick-and-place demonstrations in memory: samples a scene and an operator style,
 * runs the scripted operator in the tabletop simulator, renders both cameras and assembles every LIBERO array.
 *
 * <p>Deterministic: the same settings and arguments always give byte-identical episodes. Thread-safe: an instance
 * holds only immutable data, so several threads may generate episodes with one generator concurrently.
 */
public final class SyntheticEpisodeGenerator {

    /** Smallest supported image size. */
    public static final int MIN_IMAGE_SIZE = 16;
    /** Largest supported image size. */
    public static final int MAX_IMAGE_SIZE = 1024;

    private final GeneratorSettings settings;
    private final TableTexture wood;

    /**
     * Creates a generator; this pre-renders the table texture (a few tens of milliseconds), so reuse the instance.
     *
     * @param settings generation settings
     */
    public SyntheticEpisodeGenerator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wood = TableTexture.wood();
    }

    /** The settings this generator was built with. */
    public GeneratorSettings settings() {
        return settings;
    }

    /**
     * Generates one demonstration.
     *
     * @param task         the task to demonstrate
     * @param demoIndex    the demo's index (part of the random stream, so {@code demo_3} differs from
     *                     {@code demo_4})
     * @param seed         user seed
     * @param imageSize    square frame size, 16..1024 (LIBERO uses 128; no-noops re-renders 256)
     * @param forceFailure when true the object is lost during transport (the gripper opens early or the object slips)
     *                     and lies on the table away from the target; the episode is unsuccessful
     * @param leadingNoOps when true the demo starts with 2-8 no-op steps (zero motion, gripper open) as the operator
     *                     takes hold of the SpaceMouse
     * @return the episode
     */
    public SyntheticEpisode generate(SyntheticTask task, int demoIndex, long seed, int imageSize,
                                     boolean forceFailure, boolean leadingNoOps) {
        Objects.requireNonNull(task, "task");
        if (demoIndex < 0) {
            throw new IllegalArgumentException("demoIndex must not be negative: " + demoIndex);
        }
        if (imageSize < MIN_IMAGE_SIZE || imageSize > MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("imageSize out of 16..1024: " + imageSize);
        }
        SplittableRandom root = new SplittableRandom(Seeds.episodeSeed(seed, task.name(), demoIndex));
        SplittableRandom sceneRng = root.split();
        SplittableRandom styleRng = root.split();
        SplittableRandom policyRng = root.split();
        SplittableRandom failureRng = root.split();
        SplittableRandom stateRng = root.split();
        SplittableRandom noOpRng = root.split();

        SceneLayout layout = SceneLayout.sample(task, sceneRng);
        DemoStyle style = DemoStyle.sample(styleRng, settings.midDemoPauseProbability());
        FailurePlan failure = forceFailure ? FailurePlan.sample(failureRng) : FailurePlan.none();
        int noOps = 2 + noOpRng.nextInt(7);
        if (!leadingNoOps) {
            noOps = 0;
        }

        List<Snapshot> snapshots = new ArrayList<>();
        List<double[]> actions = new ArrayList<>();
        simulate(layout, style, failure, policyRng, noOps, snapshots, actions);

        Snapshot last = snapshots.get(snapshots.size() - 1);
        boolean success = !last.grasped() && last.objectResting()
                && task.target().contains(last.ox() - layout.targetX(), last.oy() - layout.targetY(), 0);

        return assemble(task, demoIndex, seed, imageSize, layout, stateRng, noOps, success, snapshots, actions);
    }

    private void simulate(SceneLayout layout, DemoStyle style, FailurePlan failure, SplittableRandom policyRng,
                          int noOps, List<Snapshot> snapshots, List<double[]> actions) {
        TabletopSimulator sim = new TabletopSimulator(layout);
        ScriptedPolicy policy = new ScriptedPolicy(layout, style, failure, policyRng, noOps);
        snapshots.add(sim.snapshot());
        while (actions.size() < settings.maxSteps()) {
            Snapshot s = snapshots.get(snapshots.size() - 1);
            double[] a = policy.next(s);
            if (a == null) {
                break;
            }
            if (failure.mode() == FailurePlan.Mode.SLIP && policy.failureDue(s)) {
                sim.slip();
            }
            sim.step(a);
            actions.add(a);
            snapshots.add(sim.snapshot());
        }
    }

    private SyntheticEpisode assemble(SyntheticTask task, int demoIndex, long seed, int imageSize, SceneLayout layout,
                                      SplittableRandom stateRng, int noOps, boolean success,
                                      List<Snapshot> snapshots, List<double[]> actionList) {
        int t = actionList.size();
        StateLayout stateLayout = new StateLayout(task.stateDim());
        StateVectorBuilder stateBuilder = new StateVectorBuilder(stateLayout, stateRng);
        TableTexture table = wood.withTarget(task.target(), layout.targetX(), layout.targetY());
        AgentviewRenderer agentviewRenderer = new AgentviewRenderer(imageSize, task, table);
        WristRenderer wristRenderer = new WristRenderer(imageSize, task, table);
        int obsShift = settings.observationTiming() == ObservationTiming.ORIGINAL_RELEASE ? 1 : 0;

        double[][] actions = actionList.toArray(new double[0][]);
        double[][] states = new double[t][];
        double[][] robotStates = new double[t][];
        double[][] eePos = new double[t][];
        double[][] eeOri = new double[t][];
        double[][] gripperStates = new double[t][];
        double[][] jointStates = new double[t][];
        double[][] objectPositions = new double[t][];
        boolean[] grasped = new boolean[t];
        byte[][] agentview = new byte[t][];
        byte[][] eyeInHand = new byte[t][];

        Snapshot previousObs = null;
        for (int i = 0; i < t; i++) {
            states[i] = stateBuilder.build(i, snapshots.get(i), i == 0 ? null : snapshots.get(i - 1));
            Snapshot o = snapshots.get(i + obsShift);
            double[] quat = Kinematics.handQuaternion(o.roll(), o.pitch(), o.yaw());
            eePos[i] = new double[] {o.ex(), o.ey(), o.ez()};
            eeOri[i] = Kinematics.axisAngle(quat);
            gripperStates[i] = new double[] {o.finger(), -o.finger()};
            jointStates[i] = StateVectorBuilder.joints(o);
            robotStates[i] = new double[] {o.finger(), -o.finger(), o.ex(), o.ey(), o.ez(),
                quat[0], quat[1], quat[2], quat[3]};
            objectPositions[i] = new double[] {o.ox(), o.oy(), o.oz()};
            grasped[i] = o.grasped();
            if (o.equals(previousObs)) {
                agentview[i] = agentview[i - 1];
                eyeInHand[i] = eyeInHand[i - 1];
            } else {
                agentview[i] = agentviewRenderer.render(o);
                eyeInHand[i] = wristRenderer.render(o);
            }
            previousObs = o;
        }
        Snapshot last = snapshots.get(snapshots.size() - 1);
        return new SyntheticEpisode(new SyntheticEpisode.Parts(task, demoIndex, seed,
                settings.observationTiming(), imageSize, success, noOps, stateLayout, actions, states, robotStates,
                eePos, eeOri, gripperStates, jointStates, agentview, eyeInHand, ModelXml.of(layout),
                objectPositions, grasped, new double[] {last.ox(), last.oy(), last.oz()},
                new double[] {layout.targetX(), layout.targetY()}));
    }
}
