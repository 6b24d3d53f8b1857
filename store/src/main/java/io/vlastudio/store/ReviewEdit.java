package io.vlastudio.store;

import io.vlastudio.dataset.StepRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A change to reviews, built up step by step and applied to one or many demos as one undoable action:
 * <pre>{@code
 * workspace.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED).addTag("failed-grasp").addNote("drops the bowl"));
 * }</pre>
 * Immutable: every method returns a new edit. Values are checked when the edit is built (blank tags, bad ranges)
 * and against each demo's length when it is applied.
 */
public final class ReviewEdit {

    /** What one step does to a review; {@code length} is the demo's number of steps. */
    interface Step {
        Review apply(Review review, String reviewer, Instant now, int length);
    }

    private record Described(String description, Step step) {
    }

    private final List<Described> steps;

    private ReviewEdit(List<Described> steps) {
        this.steps = List.copyOf(steps);
    }

    /** An edit that changes nothing yet. */
    public static ReviewEdit create() {
        return new ReviewEdit(List.of());
    }

    /** Replaces a review's content with another's (import); package-private. */
    static ReviewEdit replaceWith(Review target, String description) {
        return create().then(description, (r, by, now, length) -> {
            checkRanges(target, length);
            return new Review(target.verdict(), target.tags(), target.notes(), target.segments(), target.trim(),
                    target.exclusions(), r.reviewer(), r.createdAt(), r.updatedAt());
        });
    }

    public ReviewEdit verdict(Verdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        return then("verdict " + verdict.id(), (r, by, now, length) ->
                r.with(verdict, r.tags(), r.notes(), r.segments(), r.trim(), r.exclusions()));
    }

    public ReviewEdit addTag(String tag) {
        String t = tag(tag);
        return then("+tag " + t, (r, by, now, length) -> {
            List<String> tags = new ArrayList<>(r.tags());
            tags.add(t);
            return r.with(r.verdict(), tags, r.notes(), r.segments(), r.trim(), r.exclusions());
        });
    }

    public ReviewEdit removeTag(String tag) {
        String t = tag(tag);
        return then("-tag " + t, (r, by, now, length) -> {
            List<String> tags = new ArrayList<>(r.tags());
            tags.remove(t);
            return r.with(r.verdict(), tags, r.notes(), r.segments(), r.trim(), r.exclusions());
        });
    }

    /** Adds a note signed by the workspace's reviewer, dated when the edit is applied. */
    public ReviewEdit addNote(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a note needs some text");
        }
        return then("note \"" + abbreviate(t) + "\"", (r, by, now, length) -> {
            List<Note> notes = new ArrayList<>(r.notes());
            notes.add(new Note(t, by, now));
            return r.with(r.verdict(), r.tags(), notes, r.segments(), r.trim(), r.exclusions());
        });
    }

    /** Removes every note. */
    public ReviewEdit clearNotes() {
        return then("notes cleared", (r, by, now, length) ->
                r.with(r.verdict(), r.tags(), List.of(), r.segments(), r.trim(), r.exclusions()));
    }

    public ReviewEdit addSegment(Segment segment) {
        Objects.requireNonNull(segment, "segment");
        return then("+segment " + segment.label() + " " + StepRange.format(segment.from(), segment.to()), (r, by, now, length) -> {
            checkEnd("segment '" + segment.label() + "'", segment.to(), length);
            List<Segment> segments = new ArrayList<>(r.segments());
            if (!segments.contains(segment)) {
                segments.add(segment);
            }
            return r.with(r.verdict(), r.tags(), r.notes(), segments, r.trim(), r.exclusions());
        });
    }

    public ReviewEdit removeSegment(Segment segment) {
        Objects.requireNonNull(segment, "segment");
        return then("-segment " + segment.label() + " " + StepRange.format(segment.from(), segment.to()), (r, by, now, length) -> {
            List<Segment> segments = new ArrayList<>(r.segments());
            segments.remove(segment);
            return r.with(r.verdict(), r.tags(), r.notes(), segments, r.trim(), r.exclusions());
        });
    }

    /** Keeps steps {@code in} (inclusive) to {@code out} (exclusive). */
    public ReviewEdit trim(int in, int out) {
        Trim trim = new Trim(in, out);
        return then("trim " + StepRange.format(in, out), (r, by, now, length) -> {
            checkEnd("trim", out, length);
            return r.with(r.verdict(), r.tags(), r.notes(), r.segments(), trim, r.exclusions());
        });
    }

    public ReviewEdit clearTrim() {
        return then("trim cleared", (r, by, now, length) ->
                r.with(r.verdict(), r.tags(), r.notes(), r.segments(), null, r.exclusions()));
    }

    public ReviewEdit exclude(StepExclusion exclusion) {
        Objects.requireNonNull(exclusion, "exclusion");
        return then("exclude " + exclusion, (r, by, now, length) -> {
            if (exclusion.kind() == StepExclusion.Kind.STEPS) {
                checkEnd("excluded steps", exclusion.to(), length);
            }
            List<StepExclusion> exclusions = new ArrayList<>(r.exclusions());
            if (!exclusions.contains(exclusion)) {
                exclusions.add(exclusion);
            }
            return r.with(r.verdict(), r.tags(), r.notes(), r.segments(), r.trim(), exclusions);
        });
    }

    public ReviewEdit include(StepExclusion exclusion) {
        Objects.requireNonNull(exclusion, "exclusion");
        return then("include " + exclusion, (r, by, now, length) -> {
            List<StepExclusion> exclusions = new ArrayList<>(r.exclusions());
            exclusions.remove(exclusion);
            return r.with(r.verdict(), r.tags(), r.notes(), r.segments(), r.trim(), exclusions);
        });
    }

    /** True when nothing was asked for. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** What the edit does, for history and undo menus: {@code verdict rejected, +tag failed-grasp}. */
    public String description() {
        return steps.isEmpty() ? "no change" : steps.stream().map(Described::description).collect(Collectors.joining(", "));
    }

    /**
     * Applies every step to {@code review}; stamps reviewer and time only when the content changed.
     *
     * @throws IllegalArgumentException when a range does not fit the demo
     */
    Review applyTo(Review review, String reviewer, Instant now, int length) {
        Review r = review;
        for (Described d : steps) {
            r = d.step().apply(r, reviewer, now, length);
        }
        if (r.sameContent(review) && r.notes().equals(review.notes())) {
            return review;
        }
        return r.stamped(reviewer, now);
    }

    @Override
    public String toString() {
        return description();
    }

    private ReviewEdit then(String description, Step step) {
        List<Described> next = new ArrayList<>(steps);
        next.add(new Described(description, step));
        return new ReviewEdit(next);
    }

    private static String tag(String tag) {
        Objects.requireNonNull(tag, "tag");
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 64 || t.chars().anyMatch(c -> Character.isWhitespace(c) && c != ' ' || c == ',' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a tag is 1-64 characters without commas, tabs or line breaks, got '" + tag + "'");
        }
        return t;
    }

    private static void checkEnd(String what, int end, int length) {
        if (end > length) {
            throw new IllegalArgumentException(what + " ends at step " + end + ", after the demo's last step ("
                    + length + " steps)");
        }
    }

    private static void checkRanges(Review r, int length) {
        for (Segment s : r.segments()) {
            checkEnd("segment '" + s.label() + "'", s.to(), length);
        }
        if (r.trim() != null) {
            checkEnd("trim", r.trim().out(), length);
        }
        for (StepExclusion e : r.exclusions()) {
            if (e.kind() == StepExclusion.Kind.STEPS) {
                checkEnd("excluded steps", e.to(), length);
            }
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 39) + "…";
    }
}
