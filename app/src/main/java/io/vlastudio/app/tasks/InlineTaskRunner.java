package io.vlastudio.app.tasks;

import java.util.function.Consumer;

/** Runs jobs at once on the calling thread: deterministic view-model tests without a toolkit or sleeps. */
public final class InlineTaskRunner implements TaskRunner {

    private ProgressListener listener;

    @Override
    public <T> RunningJob run(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        boolean[] cancelled = {false};
        RunningJob handle = new RunningJob() {
            @Override
            public void cancel() {
                cancelled[0] = true;
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
        if (listener != null) {
            listener.started(title, handle);
        }
        JobContext context = new JobContext() {
            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }

            @Override
            public void report(long done, long total, String message) {
                if (listener != null) {
                    listener.progress(title, total <= 0 ? -1 : (double) done / total, message);
                }
            }
        };
        try {
            T result = job.run(context);
            if (!cancelled[0]) {
                onSuccess.accept(result);
            }
        } catch (Exception e) {
            if (!cancelled[0]) {
                onFailure.accept(e);
            }
        } finally {
            if (listener != null) {
                listener.finished(title);
            }
        }
        return handle;
    }

    @Override
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }
}
