package io.vlastudio.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A demo in the catalog, with its verdict, tags and segment labels (the rest of its review: {@link Workspace#review}).
 *
 * @param id        stable identity in this workspace: survives re-indexing, file changes and moves
 * @param available whether the demo can be read now (its file is present and still holds it)
 * @param problem   why the demo cannot be used (invalid actions, ...), or {@code null}
 * @param segments  the labels of its review's segments, in step order, each once
 */
public record DemoRecord(long id, Path file, String demo, int index, int length, String suite, String task,
                         String language, int noOps, Verdict verdict, List<String> tags, boolean available,
                         String problem, List<String> segments) {

    public DemoRecord {
        tags = List.copyOf(tags);
        segments = List.copyOf(new java.util.LinkedHashSet<>(segments));
    }

    /** A record without segment labels. */
    public DemoRecord(long id, Path file, String demo, int index, int length, String suite, String task, String language,
                      int noOps, Verdict verdict, List<String> tags, boolean available, String problem) {
        this(id, file, demo, index, length, suite, task, language, noOps, verdict, tags, available, problem, List.of());
    }

    /** {@code FILE#DEMO} with the catalog's path. */
    public DemoRef ref() {
        return new DemoRef(file.toString(), demo);
    }
}
