package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Frame;

/**
 * Turns a square RGB frame into a grid of codebook indices and back, as WorldVLA's image tokenizer does: frames of
 * {@link #resolution()} pixels, {@link #downsampling()} pixels per code, codes in raster order. Callers fit frames of
 * other sizes with {@link FrameFitter} first. Implementations serialise their own calls; close them to free native
 * memory.
 */
public interface ImageTokenizer extends AutoCloseable {

    /** A short name for lists and file names, e.g. {@code chameleon-vqgan} or {@code builtin}. */
    String id();

    /** What it is and where it came from, for a status line. */
    String description();

    int codebookSize();

    /** Pixels per code along each side (16 for Chameleon's VQ-GAN). */
    int downsampling();

    /** The side of the square frames it encodes (256 or 512 for WorldVLA). */
    int resolution();

    /** Codes per side: {@code resolution / downsampling}. */
    default int gridSide() {
        return resolution() / downsampling();
    }

    /**
     * The codes of a frame of exactly {@link #resolution()} x {@link #resolution()} pixels.
     *
     * @throws IllegalArgumentException for a frame of another size
     */
    CodeGrid encode(Frame frame) throws TokenizerException;

    /**
     * The codes of several frames (each exactly {@link #resolution()} square), in order. Implementations may encode
     * them in one batch, which is much faster than one call per frame; the default calls {@link #encode} per frame.
     */
    default java.util.List<CodeGrid> encodeAll(java.util.List<Frame> frames) throws TokenizerException {
        java.util.List<CodeGrid> out = new java.util.ArrayList<>(frames.size());
        for (Frame f : frames) {
            out.add(encode(f));
        }
        return out;
    }

    /** The frame a code grid decodes to. */
    Frame decode(CodeGrid codes) throws TokenizerException;

    @Override
    void close();

    /** Checks the frame size, for implementations. */
    static void requireSize(ImageTokenizer t, Frame frame) {
        if (frame.width() != t.resolution() || frame.height() != t.resolution()) {
            throw new IllegalArgumentException(t.id() + " encodes " + t.resolution() + "x" + t.resolution() + " frames, got "
                    + frame.width() + "x" + frame.height() + " (fit it with FrameFitter first)");
        }
    }
}
