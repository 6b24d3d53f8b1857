package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.StepRange;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

/** Reads single frames of one {@code uint8 (T,H,W,3)} camera dataset. */
interface FrameSource {

    /** The frame at {@code step} in a new array. */
    default Frame frame(int step, Orientation orientation) throws DatasetException {
        return frame(step, orientation, null);
    }

    /** The frame at {@code step}, written into {@code into} when it is not null (it must have H*W*3 bytes). */
    Frame frame(int step, Orientation orientation, byte[] into) throws DatasetException;

    /** {@code into}, checked to hold exactly one frame, or a new array when it is null. */
    static byte[] target(byte[] into, int height, int width) {
        int bytes = height * width * 3;
        if (into == null) {
            return new byte[bytes];
        }
        if (into.length != bytes) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame needs " + bytes
                    + " bytes, got an array of " + into.length);
        }
        return into;
    }

    /** Throws a {@link DatasetException} naming the dataset when {@code step} is not in {@code 0..steps-1}. */
    static void requireStep(java.nio.file.Path file, String hdf5Path, int step, int steps) throws DatasetException {
        if (step < 0 || step >= steps) {
            throw new DatasetException(file, hdf5Path, "a step in " + StepRange.format(0, steps), "step " + step);
        }
    }
}
