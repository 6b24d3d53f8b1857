package io.vlastudio.app.tasks;

import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FxTaskRunnerTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        // through TestFX, so that UI tests running later in this JVM share one properly registered toolkit
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void runsJobsOffTheFxThreadAndDeliversResultsOnIt() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            AtomicReference<String> worker = new AtomicReference<>();
            AtomicReference<Boolean> deliveredOnFx = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> runner.run("test job", ctx -> {
                worker.set(Thread.currentThread().getName() + (Platform.isFxApplicationThread() ? " (fx)" : ""));
                return 42;
            }, result -> {
                deliveredOnFx.set(Platform.isFxApplicationThread() && result == 42);
                done.countDown();
            }, e -> done.countDown()));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.get()).startsWith("studio-batch-").doesNotContain("(fx)");
            assertThat(deliveredOnFx.get()).isTrue();
        }
    }

    @Test
    void deliversFailuresWithTheirCause() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> runner.run("failing job", ctx -> {
                throw new java.io.IOException("disk full while writing x.hdf5");
            }, r -> done.countDown(), e -> {
                failure.set(e);
                done.countDown();
            }));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).hasMessage("disk full while writing x.hdf5");
        }
    }

    @Test
    void aCancelledJobStopsAndEndsInItsCancelCallbackOnTheFxThread() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch sawCancel = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<String> outcome = new AtomicReference<>("none");
            AtomicReference<RunningJob> job = new AtomicReference<>();
            CountDownLatch submitted = new CountDownLatch(1);
            Platform.runLater(() -> {
                job.set(runner.run(TaskRunner.Request.batch("long job"), ctx -> {
                    inside.countDown();
                    while (!ctx.isCancelled()) {
                        Thread.onSpinWait();
                    }
                    sawCancel.countDown();
                    return "finished";
                }, r -> outcome.set("success"), e -> outcome.set("failure"), () -> {
                    outcome.set(Platform.isFxApplicationThread() ? "cancelled on fx" : "cancelled elsewhere");
                    ended.countDown();
                }));
                submitted.countDown();
            });
            assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            awaitSet(job).cancel(); // the job can start on its thread before the FX thread has stored it
            assertThat(sawCancel.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            flushFx();
            assertThat(outcome.get()).isEqualTo("cancelled on fx");
        }
    }

    @Test
    void aJobThatGivesUpWithACancellationExceptionEndsAsCancelledNotFailed() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            AtomicReference<String> outcome = new AtomicReference<>("none");
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<RunningJob> job = new AtomicReference<>();
            CountDownLatch inside = new CountDownLatch(1);
            Platform.runLater(() -> job.set(runner.run(TaskRunner.Request.batch("training"), ctx -> {
                inside.countDown();
                while (!ctx.isCancelled()) {
                    Thread.onSpinWait();
                }
                throw new java.util.concurrent.CancellationException("training was cancelled");
            }, r -> outcome.set("success"), e -> {
                outcome.set("failure: " + e);
                ended.countDown();
            }, () -> {
                outcome.set("cancelled");
                ended.countDown();
            })));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            awaitSet(job).cancel(); // the job can start on its thread before the FX thread has stored it
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            flushFx();
            assertThat(outcome.get()).isEqualTo("cancelled");
        }
    }

    @Test
    void aResultThatArrivesAfterCancelIsClosedNotLeaked() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<RunningJob> job = new AtomicReference<>();
            Platform.runLater(() -> job.set(runner.run(TaskRunner.Request.batch("open a model"), ctx -> {
                inside.countDown();
                release.await();
                return (AutoCloseable) () -> closed.set(true); // ignores the cancel: a model load cannot stop midway
            }, r -> { }, e -> { }, ended::countDown)));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            awaitSet(job).cancel(); // the job can start on its thread before the FX thread has stored it
            release.countDown();
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!closed.get() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(closed).isTrue();
        }
    }

    @Test
    void interactiveReadsNeverWaitBehindBatchWork() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1, 1)) {
            CountDownLatch batchRunning = new CountDownLatch(1);
            CountDownLatch releaseBatch = new CountDownLatch(1);
            CountDownLatch readDone = new CountDownLatch(1);
            AtomicReference<String> readThread = new AtomicReference<>();
            Platform.runLater(() -> {
                runner.run(TaskRunner.Request.batch("Training"), ctx -> {
                    batchRunning.countDown();
                    releaseBatch.await();
                    return null;
                }, r -> { }, e -> { }, () -> { });
                // a second batch job queues behind the first one
                runner.run(TaskRunner.Request.batch("Indexing"), ctx -> null, r -> { }, e -> { }, () -> { });
            });
            assertThat(batchRunning.await(10, TimeUnit.SECONDS)).isTrue();
            Platform.runLater(() -> runner.interactive("Reading step 3", ctx -> Thread.currentThread().getName(), name -> {
                readThread.set(name);
                readDone.countDown();
            }, e -> { }));
            // the batch lane is blocked until the read has come back
            assertThat(readDone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(readThread.get()).startsWith("studio-interactive-");
            releaseBatch.countDown();
        }
    }

    @Test
    void aNewerRequestWithTheSameKeyDropsTheWaitingOnesSoOnlyTheLatestRuns() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1, 1)) {
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            java.util.List<Integer> ran = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.List<Integer> delivered = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
            CountDownLatch all = new CountDownLatch(50);
            Platform.runLater(() -> runner.run(TaskRunner.Request.batch("a model job"), ctx -> {
                blocking.countDown();
                release.await();
                return null;
            }, r -> { }, e -> { }, () -> { }));
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch submitted = new CountDownLatch(1);
            Platform.runLater(() -> {
                // the tokenizer slider dragged over 50 steps while the model is busy
                for (int i = 0; i < 50; i++) {
                    int step = i;
                    runner.run(TaskRunner.Request.batch("Tokenizing step " + step).latest("tokens-step"), ctx -> {
                        ran.add(step);
                        return step;
                    }, r -> {
                        delivered.add(r);
                        all.countDown();
                    }, e -> all.countDown(), () -> {
                        dropped.incrementAndGet();
                        all.countDown();
                    });
                }
                submitted.countDown();
            });
            assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            flushFx();
            assertThat(ran).containsExactly(49);
            assertThat(delivered).containsExactly(49);
            assertThat(dropped.get()).isEqualTo(49);
        }
    }

    @Test
    void closesHappenOffTheFxThread() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            AtomicReference<String> closedOn = new AtomicReference<>();
            CountDownLatch closed = new CountDownLatch(1);
            Platform.runLater(() -> runner.closeLater(() -> {
                closedOn.set(Platform.isFxApplicationThread() ? "fx" : Thread.currentThread().getName());
                closed.countDown();
            }));
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(closedOn.get()).startsWith("studio-closer-");
        }
    }

    private static void flushFx() throws InterruptedException {
        CountDownLatch flushed = new CountDownLatch(1);
        Platform.runLater(flushed::countDown);
        assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static <T> T awaitSet(AtomicReference<T> ref) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref.get() == null && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(ref.get()).as("the job handle").isNotNull();
        return ref.get();
    }
}
