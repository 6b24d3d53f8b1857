package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The read-only channel jHDF is given: positional reads go to the real channel ({@code pread}), and
 * {@link #map} refuses, which makes jHDF fall back to reading (it catches the
 * {@link UnsupportedOperationException} once and reads from then on).
 * <p>
 * Why: jHDF memory-maps every dataset and chunk it reads (each {@code actions} array, each gzip chunk). A fault
 * on a fresh mapping makes Linux read around it ({@code read_ahead_kb}, 8 MB on the benchmark machine), so
 * reading one 10 KB {@code actions} array pulled megabytes of the neighbouring camera datasets into memory
 * (a 130-file metadata scan read 20 GB of pixel pages it never used), and every mapping costs a
 * {@code mmap}/{@code munmap} pair. A read fetches exactly the bytes asked for. Frames of contiguous
 * datasets do not go through jHDF (see {@link ContiguousFrameSource}).
 */
final class UnmappedFileChannel extends FileChannel {

    private final FileChannel delegate;

    UnmappedFileChannel(FileChannel delegate) {
        this.delegate = delegate;
    }

    /** Reads until {@code dst} is full or the file ends (jHDF assumes one call fills the buffer). */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = delegate.read(dst, position + total);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("jHDF reads instead of mapping (see UnmappedFileChannel)");
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // read-only: nothing to write back
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    /** Closing jHDF's file closes the real channel too (the demo file closes both anyway). */
    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
