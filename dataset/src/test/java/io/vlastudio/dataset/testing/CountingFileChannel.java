package io.vlastudio.dataset.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only channel that records the byte range of every read and every mapping made through it, per file:
 * what the reader asked the OS for (kernel read-ahead is not included). Given to the reader under test with
 * {@code new Hdf5DemoReader(CountingFileChannel.opener(log))}; used by the reader tests and the benchmark.
 */
public final class CountingFileChannel extends FileChannel {

    /** {@code [position, length]} of every read and mapping, per file. */
    public static final class Log {
        private final Map<Path, List<long[]>> ranges = new ConcurrentHashMap<>();

        synchronized void add(Path file, long position, long length) {
            if (length > 0) {
                ranges.computeIfAbsent(file, f -> new ArrayList<>()).add(new long[] {position, length});
            }
        }

        /** Every logged {@code [position, length]}, per file (absolute, normalised path). */
        public Map<Path, List<long[]>> ranges() {
            return ranges;
        }

        public long totalBytes() {
            return ranges.values().stream().flatMap(List::stream).mapToLong(r -> r[1]).sum();
        }

        /**
         * Bytes of the logged reads of {@code file} that fall inside the given {@code [position, length]}
         * ranges (sorted by position).
         */
        public synchronized long bytesInside(Path file, List<long[]> sortedRanges) {
            long total = 0;
            for (long[] read : ranges.getOrDefault(file.toAbsolutePath().normalize(), List.of())) {
                long start = read[0];
                long end = read[0] + read[1];
                for (long[] r : sortedRanges) {
                    if (r[0] >= end) {
                        break;
                    }
                    total += Math.max(0, Math.min(end, r[0] + r[1]) - Math.max(start, r[0]));
                }
            }
            return total;
        }

        public long count() {
            return ranges.values().stream().mapToLong(List::size).sum();
        }
    }

    private final Path file;
    private final FileChannel delegate;
    private final Log log;

    private CountingFileChannel(Path file, FileChannel delegate, Log log) {
        this.file = file;
        this.delegate = delegate;
        this.log = log;
    }

    public static io.vlastudio.dataset.hdf5.Hdf5DemoReader.ChannelOpener opener(Log log) {
        return file -> new CountingFileChannel(file.toAbsolutePath().normalize(), FileChannel.open(file), log);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = delegate.read(dst, position);
        log.add(file, position, Math.max(0, n));
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long position = delegate.position();
        int n = delegate.read(dst);
        log.add(file, position, Math.max(0, n));
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long position = delegate.position();
        long n = delegate.read(dsts, offset, length);
        log.add(file, position, Math.max(0, n));
        return n;
    }

    /** A mapping is counted as read in full (whether or not its pages are touched). */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        log.add(file, position, size);
        return delegate.map(mode, position, size);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        long n = delegate.transferTo(position, count, target);
        log.add(file, position, n);
        return n;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
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
        // read-only
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
