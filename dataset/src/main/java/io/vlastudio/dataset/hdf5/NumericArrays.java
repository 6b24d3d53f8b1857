package io.vlastudio.dataset.hdf5;

import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.vlastudio.dataset.DatasetException;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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

    /** An IEEE 754 binary32 or binary64 type (every float h5py and numpy write), in either byte order. */
    static boolean isIeeeFloat(DataType type) {
        if (!(type instanceof FloatingPoint fp) || fp.getBitOffset() != 0) {
            return false;
        }
        return fp.getSize() == 8 && fp.getBitPrecision() == 64 && fp.getExponentSize() == 11 && fp.getMantissaSize() == 52
                && fp.getExponentBias() == 1023
                || fp.getSize() == 4 && fp.getBitPrecision() == 32 && fp.getExponentSize() == 8 && fp.getMantissaSize() == 23
                && fp.getExponentBias() == 127;
    }

    /**
     * A contiguous float array ({@link #isIeeeFloat}) of {@code rows * cols} elements at {@code position},
     * read with one positional read straight into a {@code double[rows][cols]}: what jHDF's
     * {@code getDataFlat} and {@link #toMatrix} give, without jHDF's intermediate buffer, its flat array and
     * the boxing visitor (a metadata scan reads every demo's {@code actions} this way). The caller has
     * checked the extent against the file ({@link StorageCheck#requireStored}) and its size
     * ({@link StorageCheck#requireReadable}).
     */
    static double[][] readFloats(Path file, String hdf5Path, FileChannel channel, long position, int rows, int cols,
                                 java.nio.ByteOrder order, int size) throws DatasetException {
        long bytes = (long) rows * cols * size;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DatasetException(file, hdf5Path, "an array that fits in memory", bytes + " bytes");
        }
        ByteBuffer buffer = scratch((int) bytes).order(order);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new DatasetException.TruncatedFileException(file, hdf5Path, position + bytes, channel.size());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file, hdf5Path, "readable values", e.toString(), e);
        }
        buffer.flip();
        double[][] out = new double[rows][cols];
        if (size == 8) {
            DoubleBuffer d = buffer.asDoubleBuffer();
            for (double[] row : out) {
                d.get(row);
            }
        } else {
            FloatBuffer f = buffer.asFloatBuffer();
            for (double[] row : out) {
                for (int c = 0; c < cols; c++) {
                    row[c] = f.get();
                }
            }
        }
        return out;
    }

    /** Largest array read through the per-thread direct buffer; larger ones get a buffer of their own. */
    private static final int SCRATCH_BYTES = 1 << 20;

    /** One direct buffer per thread, grown up to 1 MB: a channel read into it needs no copy through the JDK's own. */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[1]);

    private static ByteBuffer scratch(int bytes) {
        if (bytes > SCRATCH_BYTES) {
            return ByteBuffer.allocate(bytes);
        }
        ByteBuffer[] holder = SCRATCH.get();
        ByteBuffer b = holder[0];
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(bytes, Math.min(SCRATCH_BYTES, b == null ? 16 << 10 : 2 * b.capacity())));
            holder[0] = b;
        }
        return b.clear().limit(bytes);
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
