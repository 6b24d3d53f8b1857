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
            assertThat(worker.get()).startsWith("studio-worker-").doesNotContain("(fx)");
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
    void aCancelledJobStopsAndCallsNoCallback() throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch sawCancel = new CountDownLatch(1);
            AtomicReference<String> outcome = new AtomicReference<>("none");
            AtomicReference<RunningJob> job = new AtomicReference<>();
            CountDownLatch submitted = new CountDownLatch(1);
            Platform.runLater(() -> {
                job.set(runner.run("long job", ctx -> {
                inside.countDown();
                while (!ctx.isCancelled()) {
                    Thread.onSpinWait();
                }
                sawCancel.countDown();
                return "finished";
                }, r -> outcome.set("success"), e -> outcome.set("failure")));
                submitted.countDown();
            });
            assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            job.get().cancel();
            assertThat(sawCancel.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch flushed = new CountDownLatch(1);
            Platform.runLater(flushed::countDown);
            assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(outcome.get()).isEqualTo("none");
        }
    }
}
