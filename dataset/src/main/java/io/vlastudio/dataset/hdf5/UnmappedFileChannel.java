package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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
 * <p>
 * Small reads are kept in a bounded per-file cache ({@link #CACHE_BYTES}, least recently used first out) and
 * served from it when asked again: jHDF 0.13 reads every object header of an old-style (h5py, symbol-table)
 * group twice, once to learn whether a child is a group or a dataset and once more when the child's own lazy
 * header is first used, each time as three reads (the version byte, the 12-byte prefix, the messages). A
 * one-byte read (only jHDF's object-header version probe makes one) is widened to the 16 bytes of a version 1
 * object header's prefix, which every object header has, so the prefix read that follows is served from the
 * cache. When jHDF reads the 8-byte header of a symbol-table node ({@code SNOD}), the entries it then reads one
 * at a time (as many as the header says, each inside the node) are read at once. Nothing else is read beyond
 * what jHDF asks for: a metadata scan still reads no pixel bytes.
 */
final class UnmappedFileChannel extends FileChannel {

    /** Most bytes kept in the read cache per open file. */
    static final int CACHE_BYTES = 256 * 1024;
    /** Reads larger than this are never cached (actions arrays, chunks): only metadata is. */
    static final int MAX_CACHED_READ = 16 * 1024;
    /** What a one-byte read is widened to: an object header's prefix (version 1: 16 bytes). */
    static final int OBJECT_HEADER_PREFIX = 16;

    /** A symbol-table node's header: "SNOD", version, reserved, number of entries (2 bytes). */
    static final int SYMBOL_NODE_PREFIX = 8;

    private final FileChannel delegate;
    /** Bytes of one symbol-table entry: two offsets, cache type, reserved, 16 bytes of scratch pad. */
    private volatile int symbolEntryBytes = 2 * 8 + 24;
    /** Start position to the bytes read from it; a request inside any kept range is served from it. */
    private final TreeMap<Long, byte[]> cache = new TreeMap<>();
    /** Start positions in the order they were kept (the oldest is dropped first). */
    private final ArrayDeque<Long> order = new ArrayDeque<>();
    private int cachedBytes;

    UnmappedFileChannel(FileChannel delegate) {
        this.delegate = delegate;
    }

    /** The superblock's size of offsets (8, h5py's, until told): it sets the size of a symbol-table entry. */
    void sizeOfOffsets(int bytes) {
        symbolEntryBytes = 2 * bytes + 24;
    }

    /**
     * Reads until {@code dst} is full or the file ends (jHDF assumes one call fills the buffer); small reads
     * are served from, and kept in, the read cache.
     */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int wanted = dst.remaining();
        if (wanted == 0 || wanted > MAX_CACHED_READ || position < 0) {
            return readFully(dst, position);
        }
        synchronized (cache) {
            Map.Entry<Long, byte[]> hit = cache.floorEntry(position);
            if (hit != null && hit.getKey() + hit.getValue().length >= position + wanted) {
                dst.put(hit.getValue(), (int) (position - hit.getKey()), wanted);
                return wanted;
            }
        }
        int length = wanted == 1 ? OBJECT_HEADER_PREFIX : wanted;
        byte[] read = readBytes(position, length);
        if (read == null) {
            return -1;
        }
        int give = Math.min(read.length, wanted);
        dst.put(read, 0, give);
        keep(position, read);
        if (wanted == SYMBOL_NODE_PREFIX && read.length == SYMBOL_NODE_PREFIX && read[0] == 'S' && read[1] == 'N'
                && read[2] == 'O' && read[3] == 'D') {
            // a symbol-table node: jHDF reads its entries next, one read each; read them all at once
            int entries = (read[6] & 0xff) | (read[7] & 0xff) << 8;
            long bytes = (long) entries * symbolEntryBytes;
            if (entries > 0 && bytes <= MAX_CACHED_READ) {
                byte[] rest = readBytes(position + SYMBOL_NODE_PREFIX, (int) bytes);
                if (rest != null) {
                    keep(position + SYMBOL_NODE_PREFIX, rest);
                }
            }
        }
        return give;
    }

    /** Up to {@code length} bytes at {@code position} (fewer at the end of the file; null past it). */
    private byte[] readBytes(long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        int n = readFully(bytes, position);
        return n <= 0 ? null : n == length ? bytes.array() : Arrays.copyOf(bytes.array(), n);
    }

    private void keep(long position, byte[] bytes) {
        synchronized (cache) {
            byte[] old = cache.put(position, bytes);
            if (old == null) {
                order.addLast(position);
            }
            cachedBytes += bytes.length - (old == null ? 0 : old.length);
            while (cachedBytes > CACHE_BYTES && !order.isEmpty()) {
                byte[] dropped = cache.remove(order.removeFirst());
                cachedBytes -= dropped == null ? 0 : dropped.length;
            }
        }
    }

    private int readFully(ByteBuffer dst, long position) throws IOException {
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

    /**
     * Empties the read cache (once a file's structure is read: what jHDF reads later, an array's data or a
     * chunk, is read once; an open file keeps no cached bytes alive).
     */
    void dropCache() {
        synchronized (cache) {
            cache.clear();
            order.clear();
            cachedBytes = 0;
        }
    }

    /** Closing jHDF's file closes the real channel too (the demo file closes both anyway). */
    @Override
    protected void implCloseChannel() throws IOException {
        synchronized (cache) {
            cache.clear();
            order.clear();
            cachedBytes = 0;
        }
        delegate.close();
    }
}
