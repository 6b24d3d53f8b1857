package io.vlastudio.store;

import io.vlastudio.dataset.StepRange;

import java.util.Comparator;
import java.util.Objects;

/**
 * A labelled time range of a demo: a subtask ("grasp", "place") or an event ("failed grasp").
 *
 * @param from  first step, inclusive
 * @param to    last step, exclusive
 * @param label short label, never blank
 * @param text  optional free text, or {@code null}
 */
public record Segment(int from, int to, String label, String text) {

    /** Segments of a review are kept in this order. */
    static final Comparator<Segment> ORDER = Comparator.comparingInt(Segment::from).thenComparingInt(Segment::to)
            .thenComparing(Segment::label).thenComparing(s -> s.text == null ? "" : s.text);

    /** The steps it covers ({@link StepRange}: {@code from:to}). */
    public StepRange range() {
        return new StepRange(from, to);
    }

    public Segment {
        Objects.requireNonNull(label, "label");
        label = label.strip();
        if (label.isEmpty()) {
            throw new IllegalArgumentException("a segment needs a label");
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("segment '" + label + "' must cover steps FROM:TO with 0 <= FROM < TO (TO exclusive), got "
                    + StepRange.format(from, to));
        }
        text = text == null || text.isBlank() ? null : text.strip();
    }
}
