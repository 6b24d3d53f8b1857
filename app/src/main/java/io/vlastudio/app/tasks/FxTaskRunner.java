package io.vlastudio.app.tasks;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs jobs as {@link Task}s on named daemon threads, one small pool per {@link TaskRunner.Lane lane}, so a frame
 * read never queues behind a model job or an index scan, plus one thread that closes resources off the FX thread.
 * Progress goes through the Task's coalescing {@code updateProgress}, so a job may report as often as it likes
 * without flooding the FX thread. Every job ends in exactly one callback on the FX thread.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
    private final ExecutorService closer;
    /** The newest not-yet-started job per coalescing key; guarded by itself. */
    private final Map<String, Submitted> latest = new HashMap<>();
    private volatile ProgressListener listener;

    /** Two interactive threads and {@code batchThreads} batch threads. */
    public FxTaskRunner(int batchThreads) {
        this(2, batchThreads);
    }

    public FxTaskRunner(int interactiveThreads, int batchThreads) {
        lanes.put(Lane.INTERACTIVE, pool(Math.max(1, interactiveThreads), "studio-interactive-"));
        lanes.put(Lane.BATCH, pool(Math.max(1, batchThreads), "studio-batch-"));
        closer = pool(1, "studio-closer-");
    }

    private static ExecutorService pool(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A job and whether it has started; a started job is never dropped by a newer one, only cancelled by its owner. */
    private record Submitted(RunningJob handle, AtomicBoolean started) {
    }

    @Override
    public <T> RunningJob run(Request request, Job<T> job, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                              Runnable onCancelled) {
        String title = request.title();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean started = new AtomicBoolean();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                started.set(true);
                if (request.latest() != null) {
                    synchronized (latest) {
                        Submitted s = latest.get(request.latest());
                        if (s != null && s.started() == started) {
                            latest.remove(request.latest());
                        }
                    }
                }
                if (cancelled.get()) {
                    throw new CancellationException(title + " was dropped");
                }
                updateTitle(title);
                T result = job.run(new JobContext() {
                    @Override
                    public boolean isCancelled() {
                        return cancelled.get();
                    }

                    @Override
                    public void report(long done, long total, String message) {
                        updateProgress(done, Math.max(1, total));
                        updateMessage(message);
                    }
                });
                if (cancelled.get()) {
                    TaskRunner.closeQuietly(result);
                }
                return result;
            }
        };
        RunningJob handle = new RunningJob() {
            @Override
            public void cancel() {
                cancelled.set(true);
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
            if (cancelled.get()) {
                // cancelled between the job's return and this callback: the caller has moved on
                TaskRunner.closeQuietly(task.getValue());
                onCancelled.run();
            } else {
                onSuccess.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            finish(l, title);
            if (cancelled.get() || task.getException() instanceof CancellationException) {
                onCancelled.run();
            } else {
                onFailure.accept(task.getException());
            }
        });
        task.setOnCancelled(e -> {
            finish(l, title);
            onCancelled.run();
        });
        if (request.latest() != null) {
            Submitted older;
            synchronized (latest) {
                older = latest.put(request.latest(), new Submitted(handle, started));
            }
            if (older != null && !older.started().get()) {
                older.handle().cancel();
            }
        }
        try {
            lanes.get(request.lane()).execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the runner is shutting down (the window is closing): the job ends as cancelled, like one that never ran
            cancelled.set(true);
            Platform.runLater(() -> {
                finish(l, title);
                onCancelled.run();
            });
        }
        return handle;
    }

    private static void finish(ProgressListener l, String title) {
        if (l != null) {
            l.finished(title);
        }
    }

    @Override
    public void closeLater(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            closer.execute(() -> TaskRunner.closeQuietly(resource));
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            TaskRunner.closeQuietly(resource);
        }
    }

    @Override
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    /** Stops the lanes (running jobs are interrupted) and lets pending closes finish, for up to five seconds. */
    @Override
    public void close() {
        lanes.values().forEach(ExecutorService::shutdownNow);
        closer.shutdown();
        try {
            closer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
