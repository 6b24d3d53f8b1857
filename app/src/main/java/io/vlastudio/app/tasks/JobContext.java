package io.vlastudio.app.tasks;

import io.vlastudio.dataset.Progress;

/** What a running {@link Job} can see: whether it was cancelled, and where to report progress. */
public interface JobContext extends Progress {

    boolean isCancelled();
}
