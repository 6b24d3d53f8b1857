package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

/** Reads single frames of one {@code uint8 (T,H,W,3)} camera dataset. */
interface FrameSource {

    Frame frame(int step, Orientation orientation) throws DatasetException;

    /** Throws a {@link DatasetException} naming the dataset when {@code step} is not in {@code 0..steps-1}. */
    static void requireStep(java.nio.file.Path file, String hdf5Path, int step, int steps) throws DatasetException {
        if (step < 0 || step >= steps) {
            throw new DatasetException(file, hdf5Path, "a step in 0.." + (steps - 1), "step " + step);
        }
    }
}
