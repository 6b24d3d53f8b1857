package io.vlastudio.dataset.hdf5;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frames of a chunked (usually gzip-compressed) dataset whose chunks hold whole frames ({@code (c,H,W,3)}):
 * one chunk is decompressed when first needed and kept in a small LRU cache, so scrubbing through a chunk of
 * several frames decompresses it once.
 */
final class ChunkedFrameSource implements FrameSource {

    private static final int CACHED_CHUNKS = 4;

    private final Path file;
    private final String hdf5Path;
    private final ChunkedDataset dataset;
    private final int steps;
    private final int height;
    private final int width;
    private final int framesPerChunk;
    private final Map<Integer, byte[]> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > CACHED_CHUNKS;
        }
    };

    ChunkedFrameSource(Path file, String hdf5Path, ChunkedDataset dataset, int steps, int height, int width) {
        this.file = file;
        this.hdf5Path = hdf5Path;
        this.dataset = dataset;
        this.steps = steps;
        this.height = height;
        this.width = width;
        this.framesPerChunk = dataset.getChunkDimensions()[0];
    }

    /** Whether this source can serve the dataset: its chunks must span whole frames. */
    static boolean supports(ChunkedDataset dataset, int height, int width) {
        int[] c = dataset.getChunkDimensions();
        return c.length == 4 && c[1] == height && c[2] == width && c[3] == 3;
    }

    @Override
    public Frame frame(int step, Orientation orientation, byte[] into) throws DatasetException {
        FrameSource.requireStep(file, hdf5Path, step, steps);
        int chunk = step / framesPerChunk;
        byte[] data = chunk(chunk);
        int frameBytes = height * width * 3;
        int at = (step - chunk * framesPerChunk) * frameBytes;
        if (at + frameBytes > data.length) {
            throw new DatasetException(file, hdf5Path, "a chunk of " + framesPerChunk * frameBytes + " bytes",
                    data.length + " bytes after decompression");
        }
        byte[] out = FrameSource.target(into, height, width);
        orientation.apply(ByteBuffer.wrap(data), at, height, width, 3, out);
        return new Frame(width, height, orientation, out);
    }

    private synchronized byte[] chunk(int chunk) throws DatasetException {
        byte[] data = cache.get(chunk);
        if (data == null) {
            try {
                data = dataset.getDecompressedChunk(new int[] {chunk * framesPerChunk, 0, 0, 0});
            } catch (RuntimeException e) {
                throw new DatasetException(file, hdf5Path, "a readable compressed chunk at step " + chunk * framesPerChunk,
                        Hdf5DemoReader.describe(e), e);
            } catch (StackOverflowError | OutOfMemoryError e) {
                throw Hdf5DemoReader.failure(file, hdf5Path, e);
            }
            cache.put(chunk, data);
        }
        return data;
    }
}
