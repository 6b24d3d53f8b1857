package io.vlastudio.store;

import java.time.Instant;

/**
 * One thing a user did, as the history keeps it: an edit (of one or many demos), an import, or an undo/redo of
 * an earlier action.
 *
 * @param description what was done ({@code verdict rejected, +tag failed-grasp}; {@code undo: ...})
 * @param demos       how many demos it changed
 */
public record HistoryAction(long id, Kind kind, String description, String reviewer, Instant at, int demos) {

    public enum Kind {
        EDIT, IMPORT, UNDO, REDO;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromId(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
