package io.vlastudio.dataset.hdf5;

import java.lang.reflect.Array;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;

/** Turns the arrays jHDF returns (flat or nested, any primitive type) into what the studio uses. */
final class NumericArrays {

    private NumericArrays() {
    }

    /** Visits every element of a (possibly nested) primitive array in row-major order, as a double. */
    static void forEachDouble(Object array, DoubleConsumer consumer) {
        if (array instanceof double[] d) {
            for (double v : d) {
                consumer.accept(v);
            }
        } else if (array instanceof float[] f) {
            for (float v : f) {
                consumer.accept(v);
            }
        } else if (array instanceof long[] l) {
            for (long v : l) {
                consumer.accept(v);
            }
        } else if (array instanceof int[] i) {
            for (int v : i) {
                consumer.accept(v);
            }
        } else if (array instanceof short[] s) {
            for (short v : s) {
                consumer.accept(v);
            }
        } else if (array instanceof byte[] b) {
            for (byte v : b) {
                consumer.accept(v);
            }
        } else if (array instanceof Number n) {
            consumer.accept(n.doubleValue());
        } else if (array != null && array.getClass().isArray()) {
            int n = Array.getLength(array);
            for (int k = 0; k < n; k++) {
                forEachDouble(Array.get(array, k), consumer);
            }
        } else {
            throw new IllegalArgumentException("not a numeric array: " + (array == null ? "null" : array.getClass()));
        }
    }

    /** Like {@link #forEachDouble} for integer data. */
    static void forEachLong(Object array, LongConsumer consumer) {
        if (array instanceof int[] i) {
            for (int v : i) {
                consumer.accept(v);
            }
        } else if (array instanceof long[] l) {
            for (long v : l) {
                consumer.accept(v);
            }
        } else if (array instanceof byte[] b) {
            for (byte v : b) {
                consumer.accept(v & 0xFF);
            }
        } else if (array instanceof short[] s) {
            for (short v : s) {
                consumer.accept(v);
            }
        } else if (array != null && array.getClass().isArray()) {
            int n = Array.getLength(array);
            for (int k = 0; k < n; k++) {
                forEachLong(Array.get(array, k), consumer);
            }
        } else {
            forEachDouble(array, v -> consumer.accept((long) v));
        }
    }

    /** Reshapes data of {@code rows * cols} elements into a {@code double[rows][cols]}. */
    static double[][] toMatrix(Object data, int rows, int cols) {
        double[][] out = new double[rows][cols];
        int[] k = {0};
        forEachDouble(data, v -> {
            int i = k[0]++;
            if (i < rows * cols) {
                out[i / cols][i % cols] = v;
            }
        });
        if (k[0] != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values, got " + k[0]);
        }
        return out;
    }

    /** A flat double array of every element. */
    static double[] toDoubles(Object data) {
        if (data instanceof double[] d) {
            return d.clone();
        }
        var list = new java.util.ArrayList<Double>();
        forEachDouble(data, list::add);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
