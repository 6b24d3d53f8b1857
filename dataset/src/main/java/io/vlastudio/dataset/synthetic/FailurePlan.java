package io.vlastudio.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * How a forced failure happens.
 *
 * @param mode       the failure mode
 * @param progress   fraction (0..1) of the transport distance after which the object is lost
 * @param abortSteps for {@link Mode#EARLY_OPEN}: steps the operator lets the arm coast before retreating
 */
record FailurePlan(Mode mode, double progress, int abortSteps) {

    enum Mode {
        /** No failure. */
        NONE,
        /** The operator opens the gripper during transport; the arm then retreats. */
        EARLY_OPEN,
        /** The object slips out of the closed gripper during transport; the operator carries on unaware. */
        SLIP
    }

    static FailurePlan none() {
        return new FailurePlan(Mode.NONE, 1, 0);
    }

    static FailurePlan sample(SplittableRandom rng) {
        Mode mode = rng.nextBoolean() ? Mode.EARLY_OPEN : Mode.SLIP;
        return new FailurePlan(mode, Seeds.uniform(rng, 0.15, 0.45), 4 + rng.nextInt(5));
    }
}
