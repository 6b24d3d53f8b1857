package io.vlastudio.dataset.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The slow but general path: any layout jHDF can slice (chunks that split a frame, compact storage). Each
 * frame comes back from jHDF as a flat array and is narrowed to bytes.
 */
final class SliceFrameSource implements FrameSource {

    private final Path file;
    private final String hdf5Path;
    private final Dataset dataset;
    private final int steps;
    private final int height;
    private final int width;

    SliceFrameSource(Path file, String hdf5Path, Dataset dataset, int steps, int height, int width) {
        this.file = file;
        this.hdf5Path = hdf5Path;
        this.dataset = dataset;
        this.steps = steps;
        this.height = height;
        this.width = width;
    }

    @Override
    public Frame frame(int step, Orientation orientation, byte[] into) throws DatasetException {
        FrameSource.requireStep(file, hdf5Path, step, steps);
        Object slice;
        try {
            slice = dataset.getData(new long[] {step, 0, 0, 0}, new int[] {1, height, width, 3});
        } catch (RuntimeException e) {
            throw new DatasetException(file, hdf5Path, "a readable frame at step " + step, Hdf5DemoReader.describe(e), e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw Hdf5DemoReader.failure(file, hdf5Path, e);
        }
        byte[] bytes = new byte[height * width * 3];
        int[] i = {0};
        NumericArrays.forEachLong(slice, v -> bytes[i[0]++] = (byte) v);
        byte[] out = FrameSource.target(into, height, width);
        orientation.apply(ByteBuffer.wrap(bytes), 0, height, width, 3, out);
        return new Frame(width, height, orientation, out);
    }
}
