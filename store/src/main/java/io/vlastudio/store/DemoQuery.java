package io.vlastudio.store;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which demos to list. Every criterion given must hold; tags must all be present. Results come sorted by file path
 * and demo number.
 * <pre>{@code DemoQuery.all().verdict(Verdict.REJECTED).tag("failed-grasp").length(100, 300)}</pre>
 *
 * @param verdicts  any of these (empty: any verdict)
 * @param tags      all of these
 * @param segments  segment labels, all of these (lower case; a label matches whatever its case)
 * @param minLength at least this many steps (0: no bound)
 * @param maxLength at most this many steps ({@link Integer#MAX_VALUE}: no bound)
 * @param suite     the suite, or {@code null}
 * @param task      the task, or {@code null}
 * @param limit     at most this many results ({@link Integer#MAX_VALUE}: all)
 */
public record DemoQuery(Set<Verdict> verdicts, Set<String> tags, Set<String> segments, int minLength, int maxLength, String suite, String task,
                        int limit) {

    public DemoQuery {
        verdicts = verdicts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(verdicts));
        tags = Set.copyOf(new TreeSet<>(tags));
        segments = Set.copyOf(new TreeSet<>(segments));
        if (minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException("length range must be 0 <= min <= max, got " + minLength + ".." + maxLength);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** Every demo. */
    public static DemoQuery all() {
        return new DemoQuery(Set.of(), Set.of(), Set.of(), 0, Integer.MAX_VALUE, null, null, Integer.MAX_VALUE);
    }

    public DemoQuery verdict(Verdict... anyOf) {
        return new DemoQuery(Set.of(anyOf), tags, segments, minLength, maxLength, suite, task, limit);
    }

    public DemoQuery tag(String tag) {
        Set<String> t = new TreeSet<>(tags);
        t.add(Objects.requireNonNull(tag, "tag").strip().toLowerCase(java.util.Locale.ROOT));
        return new DemoQuery(verdicts, t, segments, minLength, maxLength, suite, task, limit);
    }

    /** Demos with a segment labelled {@code label} (any case). */
    public DemoQuery segment(String label) {
        Set<String> s = new TreeSet<>(segments);
        s.add(Objects.requireNonNull(label, "label").strip().toLowerCase(java.util.Locale.ROOT));
        return new DemoQuery(verdicts, tags, s, minLength, maxLength, suite, task, limit);
    }

    public DemoQuery tags(List<String> allOf) {
        DemoQuery q = this;
        for (String t : allOf) {
            q = q.tag(t);
        }
        return q;
    }

    /** Demos of {@code min} to {@code max} steps, inclusive. */
    public DemoQuery length(int min, int max) {
        return new DemoQuery(verdicts, tags, segments, min, max, suite, task, limit);
    }

    public DemoQuery suite(String s) {
        return new DemoQuery(verdicts, tags, segments, minLength, maxLength, s, task, limit);
    }

    public DemoQuery task(String t) {
        return new DemoQuery(verdicts, tags, segments, minLength, maxLength, suite, t, limit);
    }

    public DemoQuery limit(int n) {
        return new DemoQuery(verdicts, tags, segments, minLength, maxLength, suite, task, n);
    }
}
