package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A contiguous dataset whose extent has been reserved in the file. Data is written with positional
 * writes straight to disk; nothing is buffered. Parts never written read back as zeros.
 *
 * <p>Obtain instances from {@link GroupBuilder#dataset(String, Hdf5Type, long...)}.
 */
public final class DatasetWriter implements Hdf5Node {

    private final Hdf5Writer writer;
    private final String path;
    private final byte[] datatype;
    private final long[] shape;
    private final long address;
    private final long byteSize;
    private final AttributeSet attributes;

    DatasetWriter(Hdf5Writer writer, String path, byte[] datatype, int elementSize, long[] shape) {
        this.writer = writer;
        this.path = path;
        this.datatype = datatype;
        this.shape = shape.clone();
        this.byteSize = byteSize(path, elementSize, this.shape);
        this.address = byteSize == 0 ? FileStore.UNDEFINED_ADDRESS : writer.store().allocate(byteSize);
        this.attributes = new AttributeSet(path);
    }

    /** Absolute path of this dataset, e.g. {@code /data/demo_0/obs/agentview_rgb}. */
    @Override
    public String path() {
        return path;
    }

    /** The dataset's dimensions (a copy); empty for a scalar dataset. */
    public long[] shape() {
        return shape.clone();
    }

    /** Size of the dataset's data in bytes: number of elements times element size. */
    public long byteSize() {
        return byteSize;
    }

    /** Size in bytes of one slice along dimension 0 (e.g. one (H, W, 3) frame of a (T, H, W, 3) dataset). */
    public long rowByteSize() {
        if (shape.length == 0) {
            throw new IllegalStateException("scalar dataset " + path + " has no rows");
        }
        return shape[0] == 0 ? 0 : byteSize / shape[0];
    }

    /**
     * Writes the remaining bytes of {@code data} at {@code byteOffset} within this dataset's extent,
     * advancing the buffer's position. Bytes must be in row-major (C) order and little-endian.
     *
     * @throws IllegalArgumentException if the write would fall outside the dataset (the message names it)
     * @throws IllegalStateException if the file has been closed
     */
    public void write(long byteOffset, ByteBuffer data) throws IOException {
        Objects.requireNonNull(data, "data");
        writer.ensureOpen();
        long length = data.remaining();
        if (byteOffset < 0 || byteOffset > byteSize - length) {
            throw new IllegalArgumentException("cannot write " + length + " bytes at offset " + byteOffset
                    + " of dataset " + path + ": its extent is " + byteSize + " bytes");
        }
        if (length > 0) {
            writer.store().write(address + byteOffset, data);
        }
    }

    /** Writes {@code data} at {@code byteOffset}; see {@link #write(long, ByteBuffer)}. */
    public void write(long byteOffset, byte[] data) throws IOException {
        write(byteOffset, ByteBuffer.wrap(data));
    }

    /**
     * Writes slice {@code index} along dimension 0, e.g. frame {@code index} of a (T, H, W, 3) dataset.
     *
     * @param rowBytes exactly {@link #rowByteSize()} bytes
     * @throws IllegalArgumentException if {@code index} or the length of {@code rowBytes} is wrong
     */
    public void writeRow(long index, byte[] rowBytes) throws IOException {
        writeRow(index, ByteBuffer.wrap(rowBytes));
    }

    /** Writes slice {@code index} along dimension 0 from the remaining bytes of {@code row}. */
    public void writeRow(long index, ByteBuffer row) throws IOException {
        long rowSize = rowByteSize();
        if (index < 0 || index >= shape[0]) {
            throw new IllegalArgumentException("row " + index + " is outside dataset " + path
                    + " with " + shape[0] + " rows");
        }
        if (row.remaining() != rowSize) {
            throw new IllegalArgumentException("a row of dataset " + path + " is " + rowSize
                    + " bytes, got " + row.remaining());
        }
        write(index * rowSize, row);
    }

    /** Sets a scalar variable-length UTF-8 string attribute on this dataset. */
    public DatasetWriter attribute(String name, String value) {
        writer.ensureOpen();
        attributes.putString(name, value);
        return this;
    }

    /** Sets a scalar int64 attribute on this dataset. */
    public DatasetWriter attribute(String name, long value) {
        writer.ensureOpen();
        attributes.putLong(name, value);
        return this;
    }

    /** Sets a scalar float64 attribute on this dataset. */
    public DatasetWriter attribute(String name, double value) {
        writer.ensureOpen();
        attributes.putDouble(name, value);
        return this;
    }

    /** Sets a 1-D float64 attribute on this dataset. */
    public DatasetWriter attribute(String name, double[] value) {
        writer.ensureOpen();
        attributes.putDoubles(name, value);
        return this;
    }

    /** Sets a 1-D int64 attribute on this dataset. */
    public DatasetWriter attribute(String name, long[] value) {
        writer.ensureOpen();
        attributes.putLongs(name, value);
        return this;
    }

    @Override
    public void forEachAttributeSet(Consumer<AttributeSet> action) {
        action.accept(attributes);
    }

    @Override
    public long writeObjectHeaders(MetadataWriter metadata) throws IOException {
        ObjectHeader header = new ObjectHeader()
                .add(Messages.DATASPACE, Messages.dataspace(shape))
                .add(Messages.DATATYPE, ObjectHeader.FLAG_CONSTANT, datatype)
                .add(Messages.FILL_VALUE, ObjectHeader.FLAG_CONSTANT, Messages.defaultFillValue())
                .add(Messages.DATA_LAYOUT, Messages.contiguousLayout(address, byteSize));
        metadata.addAttributeMessages(header, attributes);
        return metadata.writeObjectHeader(header);
    }

    @Override
    public String toString() {
        return "DatasetWriter[" + path + "]";
    }

    /** Element size times all dimensions, validated; {@code path} only names the dataset in messages. */
    static long byteSize(String path, int elementSize, long[] shape) {
        if (shape.length > Messages.MAX_RANK) {
            throw new IllegalArgumentException("dataset " + path + " has " + shape.length
                    + " dimensions; HDF5 supports at most " + Messages.MAX_RANK);
        }
        long size = elementSize;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension " + dimension + " for dataset " + path);
            }
            try {
                size = Math.multiplyExact(size, dimension);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("dataset " + path + " with shape " + Arrays.toString(shape)
                        + " is too large", overflow);
            }
        }
        return size;
    }
}
