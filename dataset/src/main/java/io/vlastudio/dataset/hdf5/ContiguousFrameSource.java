package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Frames of a contiguous, uncompressed dataset (every real LIBERO file): {@code H*W*3} bytes at a fixed
 * offset from the dataset's data address, read with one positional read ({@code pread}) into a reused
 * per-thread buffer and copied out, turned, into the frame. The extent is checked against the file size
 * when the source is made, so a truncated file gives a message, not a short frame.
 * <p>
 * Not a memory map: on first touch every mapped page costs a page fault (expensive, and on a cold cache Linux
 * reads {@code read_ahead_kb} around each fault: 8 MB on the benchmark machine, far more than a frame), and
 * the studio mostly reads frames it has not read before. A read costs the same on the first and the hundredth
 * visit, is what h5py does, and a file cut short while open gives an error rather than a SIGBUS.
 */
final class ContiguousFrameSource implements FrameSource {

    /** One reusable read buffer per thread, grown to the largest frame read on it. */
    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private final Path file;
    private final String hdf5Path;
    private final FileChannel channel;
    private final long address;
    private final int steps;
    private final int height;
    private final int width;
    private final int frameBytes;

    ContiguousFrameSource(Path file, String hdf5Path, FileChannel channel, long address, int steps, int height, int width)
            throws DatasetException {
        this.file = file;
        this.hdf5Path = hdf5Path;
        this.channel = channel;
        this.address = address;
        this.steps = steps;
        this.height = height;
        this.width = width;
        this.frameBytes = height * width * 3;
        long end = address + (long) steps * frameBytes;
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            throw new DatasetException(file, hdf5Path, "a readable file", e.toString(), e);
        }
        if (address < 0 || end > size) {
            throw new DatasetException.TruncatedFileException(file, hdf5Path, end, size);
        }
    }

    @Override
    public Frame frame(int step, Orientation orientation, byte[] into) throws DatasetException {
        FrameSource.requireStep(file, hdf5Path, step, steps);
        byte[] out = FrameSource.target(into, height, width);
        ByteBuffer buffer = buffer(frameBytes);
        long position = address + (long) step * frameBytes;
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new DatasetException.TruncatedFileException(file, hdf5Path, position + frameBytes, channel.size());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file, hdf5Path, "a readable frame at step " + step, e.toString(), e);
        }
        orientation.apply(buffer, 0, height, width, 3, out);
        return new Frame(width, height, orientation, out);
    }

    private static ByteBuffer buffer(int bytes) {
        ByteBuffer b = BUFFER.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(bytes);
            BUFFER.set(b);
        }
        b.clear().limit(bytes);
        return b;
    }
}
