package io.vlastudio.store;

import java.util.List;

/**
 * The outcome of importing a reviews file.
 *
 * @param applied   demos whose review was set from the file
 * @param unchanged demos that already had the same review
 * @param conflicts demos reviewed differently here; kept as they were unless the policy said otherwise
 * @param unmatched reviews of demos this workspace does not have ({@code FILE#DEMO} as the file names them)
 * @param action    the history action of the import (undo reverts it as a whole), or {@code null} if nothing changed
 */
public record ImportReport(int applied, int unchanged, List<Conflict> conflicts, List<String> unmatched,
                           HistoryAction action) {

    public ImportReport {
        conflicts = List.copyOf(conflicts);
        unmatched = List.copyOf(unmatched);
    }

    /** A demo reviewed differently here ({@code mine}) and in the file ({@code theirs}). */
    public record Conflict(DemoRef demo, Review mine, Review theirs, boolean replaced) {
    }
}
