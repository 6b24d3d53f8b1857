package io.vlastudio.app.tasks;

/** A handle on a submitted job. */
public interface RunningJob {

    /** Asks the job to stop; it notices at its next cancellation check. */
    void cancel();

    boolean isDone();
}
