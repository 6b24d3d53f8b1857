package io.vlastudio.dataset;

/**
 * Progress of a long job, reported from the thread doing the work. Implementations must be cheap and
 * thread-safe; the UI batches what reaches the FX thread.
 */
@FunctionalInterface
public interface Progress {

    /** Nothing listens. */
    Progress NONE = (done, total, message) -> { };

    /**
     * @param done    units finished so far
     * @param total   units in all (at least 1)
     * @param message what is being done now, for a status line
     */
    void report(long done, long total, String message);
}
