package io.vlastudio.store;

/**
 * The part of a demo to keep: steps {@code in} (inclusive) to {@code out} (exclusive).
 */
public record Trim(int in, int out) {

    public Trim {
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException("a trim keeps steps in..out with 0 <= in < out, got " + in + ".." + out);
        }
    }
}
