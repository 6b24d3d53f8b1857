package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.HistoryEntry;
import io.vlastudio.store.Note;
import io.vlastudio.store.Review;
import io.vlastudio.store.Segment;
import io.vlastudio.store.StepExclusion;

/**
 * The JSON of {@code review list --json}: one object per demo with {@code file, demo, suite, task, length, available,
 * verdict, tags, notes [{text, author, at}], segments [{from, to, label, text}], trim {in, out} | null,
 * exclusions [{kind: noops} | {kind: steps, from, to}], reviewer, created_at, updated_at}.
 */
final class ReviewJson {

    private final ObjectMapper mapper;

    ReviewJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode demo(DemoRecord d, Review r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("file", d.file().toString());
        o.put("demo", d.demo());
        o.put("suite", d.suite());
        o.put("task", d.task());
        o.put("length", d.length());
        o.put("available", d.available());
        review(o, r);
        return o;
    }

    ObjectNode review(ObjectNode o, Review r) {
        o.put("verdict", r.verdict().id());
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        ArrayNode notes = o.putArray("notes");
        for (Note n : r.notes()) {
            notes.addObject().put("text", n.text()).put("author", n.author()).put("at", n.at().toString());
        }
        ArrayNode segments = o.putArray("segments");
        for (Segment s : r.segments()) {
            segments.addObject().put("from", s.from()).put("to", s.to()).put("label", s.label()).put("text", s.text());
        }
        if (r.trim() == null) {
            o.putNull("trim");
        } else {
            o.putObject("trim").put("in", r.trim().in()).put("out", r.trim().out());
        }
        ArrayNode exclusions = o.putArray("exclusions");
        for (StepExclusion x : r.exclusions()) {
            ObjectNode e = exclusions.addObject().put("kind", x.kind().id());
            if (x.kind() == StepExclusion.Kind.STEPS) {
                e.put("from", x.from()).put("to", x.to());
            }
        }
        o.put("reviewer", r.reviewer());
        o.put("created_at", r.createdAt() == null ? null : r.createdAt().toString());
        o.put("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
        return o;
    }

    ObjectNode history(HistoryEntry h) {
        ObjectNode o = mapper.createObjectNode();
        o.put("action", h.action().id());
        o.put("kind", h.action().kind().id());
        o.put("description", h.action().description());
        o.put("reviewer", h.action().reviewer());
        o.put("at", h.action().at().toString());
        review(o.putObject("before"), h.before());
        review(o.putObject("after"), h.after());
        return o;
    }

    /** One line for text output: {@code rejected [failed-grasp, slow] 2 notes, 1 segment, trim 3..50}. */
    static String summary(Review r) {
        StringBuilder s = new StringBuilder(r.verdict().id());
        if (!r.tags().isEmpty()) {
            s.append(" [").append(String.join(", ", r.tags())).append(']');
        }
        if (!r.notes().isEmpty()) {
            s.append(", ").append(r.notes().size()).append(r.notes().size() == 1 ? " note" : " notes");
        }
        if (!r.segments().isEmpty()) {
            s.append(", ").append(r.segments().size()).append(r.segments().size() == 1 ? " segment" : " segments");
        }
        if (r.trim() != null) {
            s.append(", trim ").append(r.trim().range());
        }
        for (StepExclusion x : r.exclusions()) {
            s.append(", without ").append(x);
        }
        return s.toString();
    }
}
