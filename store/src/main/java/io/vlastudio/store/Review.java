package io.vlastudio.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything curators said about one demo. Immutable; {@link ReviewEdit}s make new ones.
 *
 * @param tags       sorted, without duplicates
 * @param notes      oldest first
 * @param segments   sorted by start step
 * @param trim       the steps to keep, or {@code null} for the whole demo
 * @param exclusions steps left out on export, in the order they were added
 * @param reviewer   who changed it last, or {@code null} for a demo nobody reviewed
 * @param createdAt  when it was first changed, or {@code null}
 * @param updatedAt  when it was changed last, or {@code null}
 */
public record Review(Verdict verdict, List<String> tags, List<Note> notes, List<Segment> segments, Trim trim,
                     List<StepExclusion> exclusions, String reviewer, Instant createdAt, Instant updatedAt) {

    /** The review of a demo nobody has touched. */
    public static final Review EMPTY = new Review(Verdict.UNREVIEWED, List.of(), List.of(), List.of(), null, List.of(),
            null, null, null);

    public Review {
        Objects.requireNonNull(verdict, "verdict");
        tags = List.copyOf(new TreeSet<>(tags));
        notes = List.copyOf(notes);
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Segment.ORDER);
        segments = List.copyOf(sorted);
        exclusions = List.copyOf(exclusions);
    }

    /** True when there is nothing to keep: unreviewed, no tags, notes, segments, trim or exclusions. */
    public boolean isBlank() {
        return verdict == Verdict.UNREVIEWED && tags.isEmpty() && notes.isEmpty() && segments.isEmpty() && trim == null
                && exclusions.isEmpty();
    }

    /** Whether two reviews say the same, whoever wrote them and whenever. */
    public boolean sameContent(Review other) {
        return verdict == other.verdict && tags.equals(other.tags) && segments.equals(other.segments)
                && Objects.equals(trim, other.trim) && exclusions.equals(other.exclusions)
                && notes.stream().map(Note::text).toList().equals(other.notes.stream().map(Note::text).toList());
    }

    /**
     * The steps an export keeps, ascending: inside the trim, minus every exclusion.
     *
     * @param length     the demo's number of steps
     * @param noOpSteps  the demo's no-op steps (from the catalog), for a {@link StepExclusion.Kind#NO_OPS} exclusion
     */
    public int[] keptSteps(int length, int[] noOpSteps) {
        BitSet keep = new BitSet(length);
        int in = trim == null ? 0 : Math.min(trim.in(), length);
        int out = trim == null ? length : Math.min(trim.out(), length);
        keep.set(in, out);
        for (StepExclusion e : exclusions) {
            if (e.kind() == StepExclusion.Kind.NO_OPS) {
                for (int s : noOpSteps) {
                    if (s >= 0 && s < length) {
                        keep.clear(s);
                    }
                }
            } else {
                keep.clear(Math.min(e.from(), length), Math.min(e.to(), length));
            }
        }
        return keep.stream().toArray();
    }

    Review with(Verdict v, List<String> t, List<Note> n, List<Segment> s, Trim tr, List<StepExclusion> x) {
        return new Review(v, t, n, s, tr, x, reviewer, createdAt, updatedAt);
    }

    Review stamped(String by, Instant at) {
        return new Review(verdict, tags, notes, segments, trim, exclusions, by, createdAt == null ? at : createdAt, at);
    }
}
