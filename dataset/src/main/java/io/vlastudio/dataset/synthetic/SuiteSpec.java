package io.vlastudio.dataset.synthetic;

import io.vlastudio.dataset.DatasetVariant;

/**
 * What a synthetic suite holds: variant, number of tasks and demos, seed, frame size, and how many demos of
 * each task fail (the object is dropped) for curators to find.
 *
 * @param demosPerTask for the no-noops variant, demos before the failed ones are dropped (their indices stay
 *                     as gaps, as in real regenerated files)
 */
public record SuiteSpec(DatasetVariant variant, int tasks, int demosPerTask, long seed, int imageSize, int failuresPerTask) {

    /** LIBERO's own shapes: original 50 demos at 128x128; no-noops 256x256. */
    public static SuiteSpec defaults(DatasetVariant variant) {
        return switch (variant) {
            case ORIGINAL, ROBOMIMIC -> new SuiteSpec(DatasetVariant.ORIGINAL, 4, 50, 7, 128, 2);
            case NO_NOOPS -> new SuiteSpec(DatasetVariant.NO_NOOPS, 4, 50, 7, 256, 2);
        };
    }

    public SuiteSpec withTasks(int n) {
        return new SuiteSpec(variant, n, demosPerTask, seed, imageSize, failuresPerTask);
    }

    public SuiteSpec withDemosPerTask(int n) {
        return new SuiteSpec(variant, tasks, n, seed, imageSize, Math.min(failuresPerTask, Math.max(0, n - 1)));
    }

    public SuiteSpec withSeed(long s) {
        return new SuiteSpec(variant, tasks, demosPerTask, s, imageSize, failuresPerTask);
    }

    public SuiteSpec withImageSize(int side) {
        return new SuiteSpec(variant, tasks, demosPerTask, seed, side, failuresPerTask);
    }

    public SuiteSpec withFailuresPerTask(int n) {
        return new SuiteSpec(variant, tasks, demosPerTask, seed, imageSize, n);
    }

    /** Throws {@link IllegalArgumentException} with a user-facing message when a value is out of range. */
    public SuiteSpec validate() {
        if (variant == DatasetVariant.ROBOMIMIC) {
            throw new IllegalArgumentException("the synthetic suite is written as 'original' or 'no_noops'");
        }
        if (tasks < 1 || tasks > SyntheticTask.catalogue().size()) {
            throw new IllegalArgumentException("--tasks must be between 1 and " + SyntheticTask.catalogue().size() + ", got " + tasks);
        }
        if (demosPerTask < 1 || demosPerTask > 500) {
            throw new IllegalArgumentException("--demos must be between 1 and 500, got " + demosPerTask);
        }
        if (imageSize < 32 || imageSize > 512 || imageSize % 16 != 0) {
            throw new IllegalArgumentException("--image-size must be a multiple of 16 between 32 and 512, got " + imageSize);
        }
        if (failuresPerTask < 0 || failuresPerTask >= Math.max(1, demosPerTask)) {
            throw new IllegalArgumentException("failures per task must be below the number of demos, got " + failuresPerTask);
        }
        return this;
    }
}
