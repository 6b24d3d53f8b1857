package io.vlastudio.tokenizer.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A codebook of flattened RGB patches (values 0..1) and the nearest-entry search over it, on DJL's PyTorch engine.
 * Squared distances are {@code |x|^2 - 2 x.c + |c|^2}; {@code |x|^2} is the same for every entry and left out of the
 * arg-min.
 */
final class PatchCodebook {

    private final int size;
    private final int dim;
    private final float[] entries;

    PatchCodebook(int size, int dim, float[] entries) {
        if (entries.length != size * dim) {
            throw new IllegalArgumentException("a codebook of " + size + "x" + dim + " needs " + size * dim + " values, got "
                    + entries.length);
        }
        this.size = size;
        this.dim = dim;
        this.entries = entries;
    }

    int size() {
        return size;
    }

    int dim() {
        return dim;
    }

    float[] entries() {
        return entries;
    }

    /**
     * Nearest entries of {@code rows} vectors, and (if {@code distances} is not null) the squared distance to it.
     */
    int[] nearest(NDManager parent, float[] vectors, int rows, float[] distances) {
        int[] out = new int[rows];
        int batch = Math.max(1, Math.min(rows, (1 << 23) / Math.max(1, size)));
        try (NDManager m = parent.newSubManager()) {
            NDArray c = m.create(entries, new Shape(size, dim));
            NDArray cNorm = c.square().sum(new int[] {1});
            NDArray ct = c.transpose();
            for (int from = 0; from < rows; from += batch) {
                int n = Math.min(batch, rows - from);
                try (NDManager b = m.newSubManager()) {
                    float[] slice = new float[n * dim];
                    System.arraycopy(vectors, from * dim, slice, 0, n * dim);
                    NDArray x = b.create(slice, new Shape(n, dim));
                    NDArray d = cNorm.sub(x.matMul(ct).mul(2f)); // (n, size) without |x|^2
                    long[] idx = d.argMin(1).toLongArray();
                    for (int i = 0; i < n; i++) {
                        out[from + i] = (int) idx[i];
                    }
                    if (distances != null) {
                        float[] best = d.min(new int[] {1}).add(x.square().sum(new int[] {1})).toFloatArray();
                        System.arraycopy(best, 0, distances, from, n);
                    }
                }
            }
        }
        return out;
    }
}
