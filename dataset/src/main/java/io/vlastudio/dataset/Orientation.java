package io.vlastudio.dataset;

import java.nio.ByteBuffer;

/**
 * How a camera's stored pixels are turned for display or export. LIBERO stores frames bottom-up (OpenGL
 * convention), so {@link #UPRIGHT} is the natural default; OpenVLA and WorldVLA train on {@link #ROT180}.
 * Pixels on disk are never rewritten: the transform is applied on read and recorded by every export.
 */
public enum Orientation {
    /** Exactly as stored (bottom-up for LIBERO). */
    RAW("raw", "Raw (as stored)"),
    /** Rows flipped: what a person sees as upright. */
    UPRIGHT("upright", "Upright (vertical flip)"),
    /** Rows and columns flipped: what WorldVLA trains on. */
    ROT180("rot180", "Rotate 180° (WorldVLA)");

    private final String id;
    private final String label;

    Orientation(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Orientation fromId(String id) {
        for (Orientation o : values()) {
            if (o.id.equalsIgnoreCase(id) || o.name().equalsIgnoreCase(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown orientation '" + id + "' (expected raw, upright or rot180)");
    }

    /**
     * Copies an interleaved {@code height x width x channels} image from {@code src} (starting at absolute
     * index {@code srcOffset}; the buffer's position is not used or changed) into a new array, applying this
     * transform.
     */
    public byte[] apply(ByteBuffer src, int srcOffset, int height, int width, int channels) {
        byte[] out = new byte[height * width * channels];
        apply(src, srcOffset, height, width, channels, out);
        return out;
    }

    /**
     * Like {@link #apply(ByteBuffer, int, int, int, int)}, into {@code out} (its first
     * {@code height * width * channels} bytes), for callers that reuse one array frame after frame.
     */
    public void apply(ByteBuffer src, int srcOffset, int height, int width, int channels, byte[] out) {
        int rowBytes = width * channels;
        if (out.length < height * rowBytes) {
            throw new IllegalArgumentException("an image of " + height * rowBytes + " bytes does not fit in " + out.length);
        }
        switch (this) {
            case RAW -> src.get(srcOffset, out, 0, height * rowBytes);
            case UPRIGHT -> {
                for (int y = 0; y < height; y++) {
                    src.get(srcOffset + (height - 1 - y) * rowBytes, out, y * rowBytes, rowBytes);
                }
            }
            case ROT180 -> {
                byte[] row = new byte[rowBytes];
                for (int y = 0; y < height; y++) {
                    src.get(srcOffset + (height - 1 - y) * rowBytes, row, 0, rowBytes);
                    int d = y * rowBytes;
                    for (int x = 0; x < width; x++) {
                        System.arraycopy(row, (width - 1 - x) * channels, out, d + x * channels, channels);
                    }
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** {@link #apply(ByteBuffer, int, int, int, int)} over an array. */
    public byte[] apply(byte[] src, int srcOffset, int height, int width, int channels) {
        return apply(ByteBuffer.wrap(src), srcOffset, height, width, channels);
    }
}
