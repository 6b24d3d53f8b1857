package io.vlastudio.app.tasks;

import java.util.function.Consumer;

/**
 * Runs slow work away from the FX thread and delivers the outcome back on it. View models take one in their
 * constructor: production uses {@link FxTaskRunner}, tests use {@link InlineTaskRunner}.
 */
public interface TaskRunner {

    /**
     * Runs {@code job}; {@code onSuccess} or {@code onFailure} is then called on the FX thread (on the calling
     * thread for the inline runner). A cancelled job calls neither.
     *
     * @param title what the job does, for progress displays ("Opening 3 files")
     */
    <T> RunningJob run(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Reports progress of every job this runner runs; the listener is called on the FX thread. */
    void setProgressListener(ProgressListener listener);

    /** What a status bar shows. */
    interface ProgressListener {
        void started(String title, RunningJob job);

        void progress(String title, double fraction, String message);

        void finished(String title);
    }
}
