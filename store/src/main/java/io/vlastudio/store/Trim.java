package io.vlastudio.store;

import io.vlastudio.dataset.StepRange;

/**
 * The part of a demo to keep: steps {@code in} (inclusive) to {@code out} (exclusive).
 */
public record Trim(int in, int out) {

    /** The kept steps as a range ({@link StepRange}: {@code in:out}). */
    public StepRange range() {
        return new StepRange(in, out);
    }


    public Trim {
        if (in < 0 || out <= in) {
            throw new IllegalArgumentException("a trim keeps steps IN:OUT with 0 <= IN < OUT (OUT exclusive), got "
                    + StepRange.format(in, out));
        }
    }
}
