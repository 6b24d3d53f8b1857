package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Orientation;

import java.util.Arrays;
import java.util.Objects;

/**
 * The codes of one image in raster order (row-major), as a VQ tokenizer emits them.
 *
 * @param orientation the orientation of the frame that was encoded (a decoded frame has the same)
 */
public record CodeGrid(int rows, int cols, int[] codes, Orientation orientation) {

    public CodeGrid {
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(orientation, "orientation");
        if (rows < 1 || cols < 1 || codes.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " code grid needs " + rows * cols + " codes, got "
                    + codes.length);
        }
    }

    public int codeAt(int row, int col) {
        return codes[row * cols + col];
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }

    /** The codes without copying; callers must not change them. */
    int[] codesView() {
        return codes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeGrid g && g.rows == rows && g.cols == cols && g.orientation == orientation
                && Arrays.equals(g.codes, codes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, cols, orientation, Arrays.hashCode(codes));
    }

    @Override
    public String toString() {
        return "CodeGrid[" + rows + "x" + cols + ", " + orientation.id() + "]";
    }
}
