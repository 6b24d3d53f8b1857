package io.vlastudio.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Something a workspace could not do. Every message names the workspace (or the file concerned), says what
 * happened to the change that was asked for, and what the user can do, so it can be shown as is. Whenever a change
 * fails, the workspace is left exactly as it was before.
 */
public class WorkspaceException extends IOException {

    private final Path workspace;

    public WorkspaceException(Path workspace, String message) {
        this(workspace, message, null);
    }

    public WorkspaceException(Path workspace, String message, Throwable cause) {
        super(message, cause);
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** The workspace folder. */
    public Path workspace() {
        return workspace;
    }

    /** A short kind for listings and JSON, e.g. {@code busy}. */
    public String kind() {
        return "failed";
    }

    /** Another process held the workspace's write lock for longer than the busy timeout. */
    public static final class Busy extends WorkspaceException {
        public Busy(Path workspace, String what, long waitedMillis, Throwable cause) {
            super(workspace, "workspace " + workspace + " is busy: another VLA Studio process is writing to it and did not"
                    + " finish within " + seconds(waitedMillis) + ". " + what + " was not saved; try again in a moment.", cause);
        }

        @Override
        public String kind() {
            return "busy";
        }
    }

    /** The workspace cannot be written (read-only folder, file or disk, or opened read-only). */
    public static final class ReadOnly extends WorkspaceException {
        public ReadOnly(Path workspace, String what, String why, Throwable cause) {
            super(workspace, "workspace " + workspace + " is read-only (" + why + "): " + what + " was not saved."
                    + " Make the folder writable, or copy the workspace to a writable folder and open the copy.", cause);
        }

        @Override
        public String kind() {
            return "read_only";
        }
    }

    /** The disk (or the configured size limit) is full. */
    public static final class Full extends WorkspaceException {
        public Full(Path workspace, String what, Throwable cause) {
            super(workspace, "the disk holding workspace " + workspace + " is full: " + what + " was not saved and the"
                    + " workspace is unchanged. Free some disk space and try again.", cause);
        }

        @Override
        public String kind() {
            return "disk_full";
        }
    }

    /** {@code workspace.db} is not an SQLite database, or is damaged. */
    public static final class Damaged extends WorkspaceException {
        public Damaged(Path workspace, String detail, Throwable cause) {
            super(workspace, workspace.resolve("workspace.db") + " is damaged or is not a VLA Studio workspace (" + detail
                    + "). Restore it from a backup, or choose another workspace folder.", cause);
        }

        @Override
        public String kind() {
            return "damaged";
        }
    }

    /** The workspace was written by a newer VLA Studio whose schema this one does not know. */
    public static final class NewerVersion extends WorkspaceException {
        public NewerVersion(Path workspace, int found, int known) {
            super(workspace, "workspace " + workspace + " uses schema version " + found + ", but this VLA Studio knows"
                    + " versions up to " + known + ". Open it with a newer VLA Studio.");
        }

        @Override
        public String kind() {
            return "newer_version";
        }
    }

    /** A demo reference that names no demo of the catalog (or more than one). */
    public static final class UnknownDemo extends WorkspaceException {
        public UnknownDemo(Path workspace, String message) {
            super(workspace, message);
        }

        @Override
        public String kind() {
            return "unknown_demo";
        }
    }

    /** An edit that does not fit the demo (a segment past its last step, ...). */
    public static final class InvalidEdit extends WorkspaceException {
        public InvalidEdit(Path workspace, String message) {
            super(workspace, message);
        }

        @Override
        public String kind() {
            return "invalid_edit";
        }
    }

    /** An undo or redo that would overwrite a change made after the action it reverts. */
    public static final class HistoryConflict extends WorkspaceException {
        public HistoryConflict(Path workspace, String message) {
            super(workspace, message);
        }

        @Override
        public String kind() {
            return "history_conflict";
        }
    }

    /** A reviews file that is not what {@link Workspace#exportReviews} writes. */
    public static final class BadReviewsFile extends WorkspaceException {
        public BadReviewsFile(Path workspace, Path file, String problem, Throwable cause) {
            super(workspace, file + " is not a VLA Studio reviews file: " + problem + ". Nothing was imported.", cause);
        }

        @Override
        public String kind() {
            return "bad_reviews_file";
        }
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
