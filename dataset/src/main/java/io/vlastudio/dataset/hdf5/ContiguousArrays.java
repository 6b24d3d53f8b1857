package io.vlastudio.dataset.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
import io.vlastudio.dataset.DatasetException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads small per-step arrays ({@code actions}, {@code states}, ...) of contiguous float datasets with positional
 * reads of exactly their bytes. jHDF memory-maps each dataset it reads; a page fault on a map makes the kernel read
 * ahead around it (8 MB on some machines), which for an {@code actions} array next to camera frames means reading
 * megabytes of frames per demo. See ADR 0003 for frames.
 */
final class ContiguousArrays {

    /** Larger datasets go through jHDF (they are not what this is for). */
    private static final long MAX_BYTES = 256L << 20;

    private ContiguousArrays() {
    }

    /**
     * The dataset as {@code double[rows][cols]}, or {@code null} when it is not a contiguous float32/float64
     * dataset (the caller then falls back to jHDF).
     */
    static double[][] read(Path file, FileChannel channel, Dataset ds, int rows, int cols) throws DatasetException {
        if (ds.getDataLayout() != DataLayout.CONTIGUOUS || !(ds instanceof ContiguousDataset cd) || ds.isEmpty()) {
            return null;
        }
        DataType type = ds.getDataType();
        if (!(type instanceof FloatingPoint fp) || (fp.getSize() != 8 && fp.getSize() != 4)) {
            return null;
        }
        long bytes = (long) rows * cols * fp.getSize();
        if (bytes > MAX_BYTES || bytes != ds.getSizeInBytes()) {
            return null;
        }
        long address = cd.getDataAddress();
        ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(fp.getByteOrder());
        try {
            long size = channel.size();
            if (address < 0 || address + bytes > size) {
                throw new DatasetException.TruncatedFileException(file, ds.getPath(), address + bytes, size);
            }
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, address + buffer.position());
                if (n < 0) {
                    throw new DatasetException.TruncatedFileException(file, ds.getPath(), address + bytes, size);
                }
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(file, ds.getPath(), "a readable data region", e.toString(), e);
        }
        buffer.flip();
        double[][] out = new double[rows][cols];
        if (fp.getSize() == 8) {
            DoubleBuffer values = buffer.asDoubleBuffer();
            for (double[] row : out) {
                values.get(row);
            }
        } else {
            FloatBuffer values = buffer.asFloatBuffer();
            for (double[] row : out) {
                for (int c = 0; c < cols; c++) {
                    row[c] = values.get();
                }
            }
        }
        return out;
    }

}
