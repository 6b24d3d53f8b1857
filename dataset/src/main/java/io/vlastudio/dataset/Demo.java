package io.vlastudio.dataset;

import java.util.List;
import java.util.Optional;

/**
 * One demonstration, opened for reading. Per-step arrays are read lazily on first use and kept; frames are
 * read one (or a few) at a time and never cached here (callers own frame caches).
 */
public interface Demo {

    DemoSummary summary();

    default String name() {
        return summary().name();
    }

    default int length() {
        return summary().length();
    }

    default List<CameraInfo> cameras() {
        return summary().cameras();
    }

    /** The {@code (T,7)} actions. */
    double[][] actions() throws DatasetException;

    /**
     * Keys of every numeric per-step dataset other than cameras, relative to the demo group:
     * {@code actions}, {@code states}, {@code robot_states}, {@code obs/ee_pos}, ...
     */
    List<String> lowDimKeys();

    /** A per-step array as {@code (T,D)}; one-dimensional datasets come back as {@code (T,1)}. */
    double[][] lowDim(String key) throws DatasetException;

    /** One frame of a camera at a step, turned as asked, in a new array. */
    Frame frame(String camera, int step, Orientation orientation) throws DatasetException;

    /**
     * Like {@link #frame(String, int, Orientation)}, written into {@code into}, which must have exactly
     * {@code height * width * 3} bytes; the returned frame wraps {@code into}. For viewers that show frame after
     * frame: reusing a few arrays makes no garbage and writes into memory that is already in the CPU cache,
     * which for a 256x256 frame is about as costly as the read itself.
     *
     * @throws IllegalArgumentException when {@code into} is not exactly the frame's size
     */
    default Frame frame(String camera, int step, Orientation orientation, byte[] into) throws DatasetException {
        Frame f = frame(camera, step, orientation);
        if (into.length != f.rgb().length) {
            throw new IllegalArgumentException("a " + f.width() + "x" + f.height() + " frame needs " + f.rgb().length
                    + " bytes, got an array of " + into.length);
        }
        System.arraycopy(f.rgb(), 0, into, 0, into.length);
        return new Frame(f.width(), f.height(), f.orientation(), into);
    }

    /** Frames {@code from} (inclusive) to {@code to} (exclusive) of a camera. */
    List<Frame> frames(String camera, int from, int to, Orientation orientation) throws DatasetException;

    /** The demo's {@code init_state} attribute, if present. */
    Optional<double[]> initState() throws DatasetException;

    /** The MuJoCo XML in {@code model_file}; read only when asked for (60-90 KB a demo in real files). */
    Optional<String> modelFile() throws DatasetException;
}
