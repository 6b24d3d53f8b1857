package io.vlastudio.dataset.synthetic;

/**
 * Pure helpers for the bottom-up (OpenGL) frame convention. They hold no state.
 */
public final class FrameOrientation {

    private FrameOrientation() {
    }

    /**
     * Returns a new frame with the rows in reverse order: turns a stored (bottom-up) frame into the upright picture,
     * and an upright picture into the stored form.
     *
     * @param hwc    {@code height * width * 3} RGB bytes, row-major
     * @param height number of rows
     * @param width  number of columns
     * @return the vertically flipped copy
     */
    public static byte[] flipRows(byte[] hwc, int height, int width) {
        byte[] out = new byte[hwc.length];
        flipRowsInto(hwc, out, height, width);
        return out;
    }

    /** Writes the vertically flipped {@code src} into {@code dst} (they must not be the same array). */
    static void flipRowsInto(byte[] src, byte[] dst, int height, int width) {
        int row = width * 3;
        if (src.length != height * row || dst.length != src.length) {
            throw new IllegalArgumentException("frame size does not match " + height + "x" + width + "x3");
        }
        if (src == dst) {
            throw new IllegalArgumentException("in-place flip is not supported");
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(src, y * row, dst, (height - 1 - y) * row, row);
        }
    }
}
