package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Frames of a contiguous, uncompressed dataset (every real LIBERO file): {@code H*W*3} bytes at a fixed
 * offset from the dataset's data address, read through a memory map of the dataset's extent. The extent is
 * checked against the file size before it is mapped, so a truncated file gives a message, not a SIGBUS.
 */
final class ContiguousFrameSource implements FrameSource {

    /** Datasets larger than this are mapped in windows instead of whole. */
    private static final long MAX_WINDOW = 1L << 30;

    private final Path file;
    private final String hdf5Path;
    private final FileChannel channel;
    private final long address;
    private final int steps;
    private final int height;
    private final int width;
    private final int frameBytes;
    private MappedByteBuffer window;
    private long windowStart;

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
    public Frame frame(int step, Orientation orientation) throws DatasetException {
        FrameSource.requireStep(file, hdf5Path, step, steps);
        long offset = (long) step * frameBytes;
        ByteBuffer map = windowFor(offset);
        int at = (int) (offset - windowStart);
        return new Frame(width, height, orientation, orientation.apply(map, at, height, width, 3));
    }

    private synchronized ByteBuffer windowFor(long offset) throws DatasetException {
        long total = (long) steps * frameBytes;
        if (window == null || offset < windowStart || offset + frameBytes > windowStart + window.capacity()) {
            long start = total <= MAX_WINDOW ? 0 : offset - offset % frameBytes;
            long length = Math.min(total - start, Math.max(MAX_WINDOW - MAX_WINDOW % frameBytes, frameBytes));
            try {
                window = channel.map(FileChannel.MapMode.READ_ONLY, address + start, length);
            } catch (IOException e) {
                throw new DatasetException(file, hdf5Path, "a readable data region", e.toString(), e);
            }
            windowStart = start;
        }
        return window;
    }
}
