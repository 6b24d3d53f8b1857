package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Child-process entry point of {@link StreamingMemoryTest}: writes a (frames, 256, 256, 3) uint8
 * dataset frame by frame, so that it can run under a heap far smaller than the file.
 *
 * <p>Arguments: output file, number of frames.
 */
public final class LargeDatasetWriterMain {

    static final int HEIGHT = 256;
    static final int WIDTH = 256;
    static final int FRAME_SIZE = HEIGHT * WIDTH * 3;

    private LargeDatasetWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int frames = Integer.parseInt(args[1]);
        ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_SIZE);
        try (Hdf5Writer writer = Hdf5Writer.create(file)) {
            GroupBuilder demo = writer.root().group("data/demo_0");
            demo.attribute("num_samples", (long) frames);
            DatasetWriter rgb = demo.dataset("obs/agentview_rgb", Hdf5Type.UINT8, frames, HEIGHT, WIDTH, 3);
            for (int t = 0; t < frames; t++) {
                fillFrame(frame, t);
                rgb.writeRow(t, frame);
            }
        }
    }

    /** Deterministic frame content, also used by the test to check what was written. */
    static void fillFrame(ByteBuffer frame, int t) {
        frame.clear();
        for (int i = 0; i < FRAME_SIZE; i += 8) {
            frame.putLong(i, (long) t * 0x9E3779B97F4A7C15L + i);
        }
        frame.limit(FRAME_SIZE);
    }
}
