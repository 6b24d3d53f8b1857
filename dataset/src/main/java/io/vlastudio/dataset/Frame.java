package io.vlastudio.dataset;

import java.util.Objects;

/**
 * One camera image: {@code height x width} RGB pixels, row-major, 3 bytes a pixel, in the orientation it was
 * read with.
 */
public record Frame(int width, int height, Orientation orientation, byte[] rgb) {

    public Frame {
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("frame of " + width + "x" + height + " needs " + (width * height * 3)
                    + " bytes, got " + rgb.length);
        }
    }

    /** Red, green and blue of one pixel as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
    }

    /** The pixels as opaque {@code 0xAARRGGBB} ints, the layout image APIs take. */
    public int[] toArgb() {
        int[] argb = new int[width * height];
        for (int p = 0, i = 0; p < argb.length; p++, i += 3) {
            argb[p] = 0xFF000000 | (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
        }
        return argb;
    }
}
