package io.vlastudio.app.tasks;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs slow work away from the FX thread and delivers the outcome back on it. View models take one in their
 * constructor: production uses {@link FxTaskRunner}, tests use {@link InlineTaskRunner} (and, where thread
 * confinement and races matter, the real {@link FxTaskRunner}).
 *
 * <p>Every job ends in exactly one of three callbacks, all on the FX thread: success, failure or cancellation, so
 * that a view model can always leave its busy state. Jobs run in one of two {@linkplain Lane lanes}: interactive
 * reads (a frame, a demo, a review) never wait behind batch work (model jobs, indexing, thumbnails). A job with a
 * {@linkplain Request#latest(String) coalescing key} replaces a job with the same key that has not started yet: the
 * older one is dropped (its cancellation callback runs), so a slider dragged over 50 steps queues one job, not 50.
 */
public interface TaskRunner {

    /** Where a job waits for a thread. */
    enum Lane {
        /** What the user waits for with their hand on the mouse: a frame, a demo, a review save. Short jobs. */
        INTERACTIVE,
        /** Long or heavy work: indexing, model jobs, thumbnails, sample generation. */
        BATCH
    }

    /**
     * What to run and how.
     *
     * @param title  what the job does, for progress displays ("Opening 3 files")
     * @param lane   the queue it waits in
     * @param latest a coalescing key, or {@code null}: a newer job with the same key drops this one if it has not
     *               started yet
     */
    record Request(String title, Lane lane, String latest) {

        public Request {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(lane, "lane");
        }

        public static Request interactive(String title) {
            return new Request(title, Lane.INTERACTIVE, null);
        }

        public static Request batch(String title) {
            return new Request(title, Lane.BATCH, null);
        }

        /** The same request, coalesced with others of {@code key}: only the latest waiting one runs. */
        public Request latest(String key) {
            return new Request(title, lane, key);
        }
    }

    /**
     * Runs {@code job}; then exactly one of {@code onSuccess}, {@code onFailure} or {@code onCancelled} is called on
     * the FX thread (on the calling thread for the inline runner). A result that arrives after the job was
     * cancelled is dropped, and closed if it is {@link AutoCloseable}.
     */
    <T> RunningJob run(Request request, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                       Runnable onCancelled);

    /** A batch job whose cancellation needs no handling. */
    default <T> RunningJob run(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        return run(Request.batch(title), job, onSuccess, onFailure, () -> { });
    }

    /** An interactive job whose cancellation needs no handling. */
    default <T> RunningJob interactive(String title, Job<T> job, Consumer<? super T> onSuccess,
                                       Consumer<? super Throwable> onFailure) {
        return run(Request.interactive(title), job, onSuccess, onFailure, () -> { });
    }

    /**
     * Closes {@code resource} away from the FX thread (closing an HDF5 file or a model can block); failures are
     * ignored, as there is nobody left to tell. The inline runner closes at once.
     */
    void closeLater(AutoCloseable resource);

    /** Reports progress of every job this runner runs; the listener is called on the FX thread. */
    void setProgressListener(ProgressListener listener);

    /** What a status bar shows. */
    interface ProgressListener {
        void started(String title, RunningJob job);

        void progress(String title, double fraction, String message);

        void finished(String title);
    }

    /** Closes quietly: for results of cancelled jobs and resources closed in the background. */
    static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception | LinkageError ignored) {
                // nothing to report to: the owner has moved on
            }
        }
    }
}
