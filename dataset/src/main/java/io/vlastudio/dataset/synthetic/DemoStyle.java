package io.vlastudio.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * How the simulated human operator moves in one demo: speed, smoothness, noise, heights and waits. Sampled once per
 * demo so that demos of the same task differ the way human demonstrations do.
 *
 * @param maxSpeed         largest commanded |translation| per axis (action units)
 * @param gain             proportional gain from position error to command (per step, fraction of the error)
 * @param accel            largest change of the commanded translation per step (action units)
 * @param noise            translation noise at rest (action units, std)
 * @param speedNoise       translation noise proportional to the commanded speed
 * @param drift            std of the slowly varying path deviation while moving
 * @param rotNoise         std of the rotation noise (action units)
 * @param rotGain          how strongly the operator corrects orientation errors
 * @param hover            approach height above the object's top, m
 * @param lift             transport height of the gripper above the table, m
 * @param liftFraction     fraction of the lift height after which the operator starts moving sideways
 * @param graspDz          grasp height offset from the object's centre, m
 * @param approachDx       x offset of the approach point from the object, m
 * @param approachDy       y offset of the approach point from the object, m
 * @param placeClearance   height of the object's bottom above the table when released, m
 * @param bend             sideways offset of the transport path's midpoint, m
 * @param closeWait        steps the operator keeps still after the fingers closed
 * @param openWait         steps the operator keeps still after the fingers opened
 * @param retreatUp        retreat height, m
 * @param retreatBack      retreat distance toward the robot, m
 * @param pausePhase       phase with a mid-demo pause, or {@code null}
 * @param pauseAfter       steps into that phase before pausing
 * @param pauseLength      length of the pause, steps
 */
record DemoStyle(double maxSpeed, double gain, double accel, double noise, double speedNoise, double drift,
                 double rotNoise, double rotGain, double hover, double lift, double liftFraction, double graspDz,
                 double approachDx, double approachDy, double placeClearance, double bend, int closeWait,
                 int openWait, double retreatUp, double retreatBack, ScriptedPolicy.Phase pausePhase, int pauseAfter,
                 int pauseLength) {

    static DemoStyle sample(SplittableRandom rng, double pauseProbability) {
        double maxSpeed = Seeds.uniform(rng, 0.55, 0.9375);
        double gain = Seeds.uniform(rng, 0.22, 0.4);
        double accel = Seeds.uniform(rng, 0.12, 0.3);
        double noise = Seeds.uniform(rng, 0.01, 0.025);
        double speedNoise = Seeds.uniform(rng, 0.05, 0.12);
        double drift = Seeds.uniform(rng, 0.03, 0.09);
        double rotNoise = Seeds.uniform(rng, 0.03, 0.08);
        double rotGain = Seeds.uniform(rng, 0.15, 0.35);
        double hover = Seeds.uniform(rng, 0.06, 0.12);
        double lift = Seeds.uniform(rng, 0.14, 0.24);
        double liftFraction = Seeds.uniform(rng, 0.5, 0.95);
        double graspDz = Seeds.uniform(rng, -0.006, 0.006);
        double adx = Seeds.uniform(rng, -0.02, 0.02);
        double ady = Seeds.uniform(rng, -0.02, 0.02);
        double clearance = Seeds.uniform(rng, 0.005, 0.03);
        double bend = Seeds.uniform(rng, -0.06, 0.06);
        int closeWait = 2 + rng.nextInt(6);
        int openWait = 1 + rng.nextInt(5);
        double retreatUp = Seeds.uniform(rng, 0.07, 0.14);
        double retreatBack = Seeds.uniform(rng, 0.0, 0.05);
        boolean pause = rng.nextDouble() < pauseProbability;
        ScriptedPolicy.Phase phase = rng.nextBoolean() ? ScriptedPolicy.Phase.APPROACH : ScriptedPolicy.Phase.TRANSPORT;
        int after = 3 + rng.nextInt(6);
        int length = 2 + rng.nextInt(4);
        return new DemoStyle(maxSpeed, gain, accel, noise, speedNoise, drift, rotNoise, rotGain, hover, lift,
                liftFraction, graspDz, adx, ady, clearance, bend, closeWait, openWait, retreatUp, retreatBack,
                pause ? phase : null, after, length);
    }
}
