package io.vlastudio.app.tasks;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Runs jobs at once on the calling thread: deterministic view-model tests without a toolkit or sleeps. Lanes and
 * coalescing mean nothing here (every job has finished before the next is submitted); cancellation does: a job
 * cancelled while it runs (from its progress listener, say) ends in {@code onCancelled}, like on the real runner.
 */
public final class InlineTaskRunner implements TaskRunner {

    private ProgressListener listener;

    @Override
    public <T> RunningJob run(Request request, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                              Runnable onCancelled) {
        String title = request.title();
        boolean[] cancelled = {false};
        boolean[] done = {false};
        RunningJob handle = new RunningJob() {
            @Override
            public void cancel() {
                if (!done[0]) {
                    cancelled[0] = true;
                }
            }

            @Override
            public boolean isDone() {
                return done[0];
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
            public void report(long doneSteps, long total, String message) {
                if (listener != null) {
                    listener.progress(title, total <= 0 ? -1 : (double) doneSteps / total, message);
                }
            }
        };
        T result;
        Throwable failure = null;
        try {
            result = job.run(context);
        } catch (Exception e) {
            result = null;
            failure = e;
        }
        done[0] = true;
        if (listener != null) {
            listener.finished(title);
        }
        if (cancelled[0] || failure instanceof CancellationException) {
            TaskRunner.closeQuietly(result);
            onCancelled.run();
        } else if (failure != null) {
            onFailure.accept(failure);
        } else {
            onSuccess.accept(result);
        }
        return handle;
    }

    @Override
    public void closeLater(AutoCloseable resource) {
        TaskRunner.closeQuietly(resource);
    }

    @Override
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }
}
