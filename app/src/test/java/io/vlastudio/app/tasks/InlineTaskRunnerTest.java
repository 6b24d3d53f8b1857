package io.vlastudio.app.tasks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class InlineTaskRunnerTest {

    @Test
    void aJobCancelledWhileItRunsEndsInItsCancelCallback() {
        InlineTaskRunner runner = new InlineTaskRunner();
        AtomicReference<RunningJob> handle = new AtomicReference<>();
        List<String> events = new ArrayList<>();
        runner.setProgressListener(new TaskRunner.ProgressListener() {
            @Override
            public void started(String title, RunningJob job) {
                handle.set(job);
            }

            @Override
            public void progress(String title, double fraction, String message) {
                handle.get().cancel(); // the status bar's Cancel button, pressed while the job reports
            }

            @Override
            public void finished(String title) {
                events.add("finished");
            }
        });
        runner.run(TaskRunner.Request.batch("Training"), ctx -> {
            ctx.report(1, 10, "iteration 1");
            if (ctx.isCancelled()) {
                throw new CancellationException("training was cancelled");
            }
            return "trained";
        }, r -> events.add("success"), e -> events.add("failure"), () -> events.add("cancelled"));
        assertThat(events).containsExactly("finished", "cancelled");
    }

    @Test
    void successAndFailureStillArriveAsBefore() {
        InlineTaskRunner runner = new InlineTaskRunner();
        List<String> events = new ArrayList<>();
        runner.run("ok", ctx -> 1, r -> events.add("success " + r), e -> events.add("failure"));
        runner.run("bad", ctx -> {
            throw new java.io.IOException("x.hdf5 is truncated");
        }, r -> events.add("success"), e -> events.add("failure " + e.getMessage()));
        assertThat(events).containsExactly("success 1", "failure x.hdf5 is truncated");
    }
}
