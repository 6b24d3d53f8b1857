package io.vlastudio.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reviews as JSON, for history snapshots and exported files:
 * <pre>{@code
 * {"v": 2, "verdict": "rejected", "tags": ["failed-grasp"],
 *  "notes": [{"text": "drops the bowl", "author": "ana", "at": "2026-05-01T10:00:00.123Z"}],
 *  "segments": [{"from": 0, "to": 40, "label": "reach", "text": null}], "trim": {"in": 3, "out": 120},
 *  "exclusions": [{"kind": "noops"}, {"kind": "steps", "from": 50, "to": 55}],
 *  "reviewer": "ana", "created_at": "...", "updated_at": "..."}
 * }</pre>
 * Version 1 (schema 1, before notes had authors) wrote {@code "notes": "text"}; it is still read, as one note by the
 * review's reviewer, so history recorded before an upgrade can be undone after it.
 */
final class ReviewJson {

    static final int VERSION = 2;

    private ReviewJson() {
    }

    static Map<String, Object> toMap(Review r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", (long) VERSION);
        m.put("verdict", r.verdict().id());
        m.put("tags", new ArrayList<Object>(r.tags()));
        List<Object> notes = new ArrayList<>();
        for (Note n : r.notes()) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("text", n.text());
            note.put("author", n.author());
            note.put("at", Times.format(n.at()));
            notes.add(note);
        }
        m.put("notes", notes);
        List<Object> segments = new ArrayList<>();
        for (Segment s : r.segments()) {
            Map<String, Object> seg = new LinkedHashMap<>();
            seg.put("from", (long) s.from());
            seg.put("to", (long) s.to());
            seg.put("label", s.label());
            seg.put("text", s.text());
            segments.add(seg);
        }
        m.put("segments", segments);
        if (r.trim() == null) {
            m.put("trim", null);
        } else {
            Map<String, Object> trim = new LinkedHashMap<>();
            trim.put("in", (long) r.trim().in());
            trim.put("out", (long) r.trim().out());
            m.put("trim", trim);
        }
        List<Object> exclusions = new ArrayList<>();
        for (StepExclusion e : r.exclusions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", e.kind().id());
            if (e.kind() == StepExclusion.Kind.STEPS) {
                x.put("from", (long) e.from());
                x.put("to", (long) e.to());
            }
            exclusions.add(x);
        }
        m.put("exclusions", exclusions);
        m.put("reviewer", r.reviewer());
        m.put("created_at", r.createdAt() == null ? null : Times.format(r.createdAt()));
        m.put("updated_at", r.updatedAt() == null ? null : Times.format(r.updatedAt()));
        return m;
    }

    static String write(Review r) {
        return Json.write(toMap(r));
    }

    static Review read(String json) {
        try {
            return fromMap(Json.parse(json));
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException("malformed review JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A review from its JSON form.
     *
     * @throws IllegalArgumentException saying which field is wrong
     */
    static Review fromMap(Object value) {
        Map<?, ?> m = map(value, "review");
        Verdict verdict = Verdict.fromId(string(m.get("verdict"), "verdict"));
        List<String> tags = new ArrayList<>();
        for (Object t : list(m.get("tags"), "tags")) {
            tags.add(string(t, "tag"));
        }
        String reviewer = optionalString(m.get("reviewer"), "reviewer");
        Instant created = instant(m.get("created_at"), "created_at");
        Instant updated = instant(m.get("updated_at"), "updated_at");
        List<Note> notes = new ArrayList<>();
        Object n = m.get("notes");
        if (n instanceof String text) {
            if (!text.isEmpty()) {
                notes.add(new Note(text, reviewer == null ? "unknown" : reviewer,
                        updated == null ? Instant.EPOCH : updated));
            }
        } else {
            for (Object o : list(n, "notes")) {
                Map<?, ?> note = map(o, "note");
                Instant at = instant(note.get("at"), "note.at");
                notes.add(new Note(string(note.get("text"), "note.text"), string(note.get("author"), "note.author"),
                        at == null ? Instant.EPOCH : at));
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (Object o : list(m.get("segments"), "segments")) {
            Map<?, ?> s = map(o, "segment");
            segments.add(new Segment(integer(s.get("from"), "segment.from"), integer(s.get("to"), "segment.to"),
                    string(s.get("label"), "segment.label"), optionalString(s.get("text"), "segment.text")));
        }
        Trim trim = null;
        if (m.get("trim") != null) {
            Map<?, ?> t = map(m.get("trim"), "trim");
            trim = new Trim(integer(t.get("in"), "trim.in"), integer(t.get("out"), "trim.out"));
        }
        List<StepExclusion> exclusions = new ArrayList<>();
        Object x = m.get("exclusions");
        for (Object o : x == null ? List.of() : list(x, "exclusions")) {
            Map<?, ?> e = map(o, "exclusion");
            StepExclusion.Kind kind = StepExclusion.Kind.fromId(string(e.get("kind"), "exclusion.kind"));
            exclusions.add(kind == StepExclusion.Kind.NO_OPS ? StepExclusion.noOps()
                    : StepExclusion.steps(integer(e.get("from"), "exclusion.from"), integer(e.get("to"), "exclusion.to")));
        }
        return new Review(verdict, tags, notes, segments, trim, exclusions, reviewer, created, updated);
    }

    private static Map<?, ?> map(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what + " must be an object");
    }

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(what + " must be a list");
    }

    private static String string(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + " must be a string");
    }

    private static String optionalString(Object o, String what) {
        return o == null ? null : string(o, what);
    }

    private static int integer(Object o, String what) {
        if (o instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw new IllegalArgumentException(what + " must be a whole number");
    }

    private static Instant instant(Object o, String what) {
        if (o == null) {
            return null;
        }
        try {
            return Times.parse(string(o, what));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " must be an ISO-8601 instant, got " + o, e);
        }
    }
}
