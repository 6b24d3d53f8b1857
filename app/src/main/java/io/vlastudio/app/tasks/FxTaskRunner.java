package io.vlastudio.app.tasks;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs jobs as {@link Task}s on a small pool of named daemon threads. Progress goes through the Task's
 * coalescing {@code updateProgress}, so a job may report as often as it likes without flooding the FX thread.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService executor;
    private ProgressListener listener;

    public FxTaskRunner(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "studio-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> RunningJob run(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                return job.run(new JobContext() {
                    @Override
                    public boolean isCancelled() {
                        return isCancelledTask();
                    }

                    @Override
                    public void report(long done, long total, String message) {
                        updateProgress(done, Math.max(1, total));
                        updateMessage(message);
                    }
                });
            }

            private boolean isCancelledTask() {
                return isCancelled();
            }
        };
        RunningJob handle = new RunningJob() {
            @Override
            public void cancel() {
                task.cancel(false);
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }
        };
        ProgressListener l = listener;
        if (l != null) {
            Runnable start = () -> l.started(title, handle);
            if (Platform.isFxApplicationThread()) {
                start.run();
            } else {
                Platform.runLater(start);
            }
            task.progressProperty().addListener((obs, o, v) -> l.progress(title, v.doubleValue(), task.getMessage()));
        }
        task.setOnSucceeded(e -> {
            finish(l, title);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finish(l, title);
            onFailure.accept(task.getException());
        });
        task.setOnCancelled(e -> finish(l, title));
        executor.execute(task);
        return handle;
    }

    private static void finish(ProgressListener l, String title) {
        if (l != null) {
            l.finished(title);
        }
    }

    @Override
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
