package io.vlastudio.dataset.hdf5;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The output file as an append-only address space: {@link #allocate} hands out 8-byte aligned
 * regions in file order, {@link #write} fills them with positional writes. Bytes never written read
 * as zeros (holes), which is what gives unwritten dataset regions their zero fill.
 */
final class FileStore implements Closeable {

    /** The "undefined address" of the format: all bits set. */
    static final long UNDEFINED_ADDRESS = -1L;

    private static final int ALIGNMENT = 8;

    private final FileChannel channel;
    private long end;

    /** @param start first allocatable address (the space before it is reserved for the superblock) */
    FileStore(FileChannel channel, long start) {
        this.channel = channel;
        this.end = start;
    }

    /** Reserves {@code size} bytes at the next aligned address and returns that address. */
    long allocate(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        long address = alignUp(end);
        end = Math.addExact(address, size);
        return address;
    }

    /** The address just past the last allocated byte: the HDF5 end-of-file address. */
    long end() {
        return end;
    }

    /** The address the next {@link #allocate} call will return. */
    long nextAddress() {
        return alignUp(end);
    }

    /** Writes all remaining bytes of {@code data} at {@code address}, advancing the buffer's position. */
    void write(long address, ByteBuffer data) throws IOException {
        long position = address;
        while (data.hasRemaining()) {
            position += channel.write(data, position);
        }
    }

    /** Forces all written bytes to the storage device. */
    void force() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static long alignUp(long address) {
        return Math.addExact(address, ALIGNMENT - 1) & -ALIGNMENT;
    }
}
