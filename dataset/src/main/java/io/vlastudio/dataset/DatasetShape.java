package io.vlastudio.dataset;

import java.util.Arrays;

/** The shape and element type of one HDF5 dataset of a demo, e.g. {@code obs/agentview_rgb uint8 (120,128,128,3)}. */
public record DatasetShape(String path, String dtype, long[] shape) {

    public DatasetShape {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** {@code (120, 128, 128, 3)} */
    public String shapeText() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetShape s && s.path.equals(path) && s.dtype.equals(dtype) && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return path + " " + dtype + " " + shapeText();
    }
}
