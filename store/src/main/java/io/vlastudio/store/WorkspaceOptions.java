package io.vlastudio.store;

import io.vlastudio.dataset.FileReads;

import java.time.Duration;
import java.util.Objects;

/**
 * How a workspace is opened.
 *
 * @param busyTimeout      how long an edit waits for another process that is writing to the same workspace
 *                         before giving up with {@link WorkspaceException.Busy}
 * @param readOnly         open for reading only: every change fails with {@link WorkspaceException.ReadOnly}
 *                         (chosen automatically when the workspace folder is not writable)
 * @param maxDatabaseBytes a size limit for {@code workspace.db} (0: none); writes past it fail like on a full disk
 * @param readThreads      how many files indexing reads at once (1 to {@link FileReads#MAX_THREADS}); the catalog is
 *                         still written one file at a time, in path order (ADR 0031)
 */
public record WorkspaceOptions(Duration busyTimeout, boolean readOnly, long maxDatabaseBytes, int readThreads) {

    public WorkspaceOptions(Duration busyTimeout, boolean readOnly, long maxDatabaseBytes) {
        this(busyTimeout, readOnly, maxDatabaseBytes, FileReads.defaultThreads());
    }

    public WorkspaceOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout out of range: " + busyTimeout);
        }
        if (maxDatabaseBytes < 0) {
            throw new IllegalArgumentException("maxDatabaseBytes must not be negative");
        }
        if (readThreads < 1 || readThreads > FileReads.MAX_THREADS) {
            throw new IllegalArgumentException("readThreads must be 1.." + FileReads.MAX_THREADS + ": " + readThreads);
        }
    }

    /** Waits up to 5 s for another writer; read-write; no size limit; reads {@link FileReads#defaultThreads()} files at once. */
    public static WorkspaceOptions defaults() {
        return new WorkspaceOptions(Duration.ofSeconds(5), false, 0);
    }

    public WorkspaceOptions withBusyTimeout(Duration d) {
        return new WorkspaceOptions(d, readOnly, maxDatabaseBytes, readThreads);
    }

    public WorkspaceOptions withReadOnly(boolean r) {
        return new WorkspaceOptions(busyTimeout, r, maxDatabaseBytes, readThreads);
    }

    public WorkspaceOptions withMaxDatabaseBytes(long bytes) {
        return new WorkspaceOptions(busyTimeout, readOnly, bytes, readThreads);
    }

    public WorkspaceOptions withReadThreads(int threads) {
        return new WorkspaceOptions(busyTimeout, readOnly, maxDatabaseBytes, threads);
    }
}
