package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two studio processes on one workspace: no lost update; a writer that has to wait waits, or gets a clear message. */
class TwoProcessesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path ws;
    private DemoRef demo;

    @BeforeEach
    void aWorkspace() throws Exception {
        Path suite = TestData.smallSuite(dir);
        ws = dir.resolve("ws");
        try (Workspace w = TestData.workspaces().open(ws)) {
            w.index(List.of(suite), Progress.NONE, () -> false);
            demo = w.demos(DemoQuery.all()).get(0).ref();
        }
    }

    @Test
    void twoProcessesEditingTheSameDemoAtOnceLoseNoUpdate() throws Exception {
        int count = 40;
        try (ChildJvm ana = ChildJvm.start(TagAdderMain.class, ws.toString(), demo.toString(), "ana", "" + count);
             ChildJvm ben = ChildJvm.start(TagAdderMain.class, ws.toString(), demo.toString(), "ben", "" + count)) {
            ana.await("ready"::equals, TIMEOUT);
            ben.await("ready"::equals, TIMEOUT);
            ana.send("go");
            ben.send("go");
            assertThat(ana.await(l -> !l.isBlank(), TIMEOUT)).isEqualTo("done");
            assertThat(ben.await(l -> !l.isBlank(), TIMEOUT)).isEqualTo("done");
            assertThat(ana.waitFor(TIMEOUT)).isZero();
            assertThat(ben.waitFor(TIMEOUT)).isZero();
        }
        try (Workspace w = TestData.workspaces().open(ws)) {
            assertThat(w.review(demo).tags()).hasSize(2 * count).contains("ana-0", "ana-39", "ben-0", "ben-39");
            assertThat(w.history(demo)).hasSize(2 * count);
            for (int i = 0; i < 2 * count; i++) {
                assertThat(w.undo()).isPresent();
            }
            assertThat(w.review(demo)).isEqualTo(Review.EMPTY);
        }
    }

    @Test
    void aProcessThatMustWaitForAnotherWriterWaitsOrGetsAClearMessage() throws Exception {
        SqliteWorkspaces impatient = TestData.workspaces().withOptions(WorkspaceOptions.defaults().withBusyTimeout(Duration.ofMillis(300)));
        SqliteWorkspaces patient = TestData.workspaces().withOptions(WorkspaceOptions.defaults().withBusyTimeout(TIMEOUT));
        try (ChildJvm writer = ChildJvm.start(LockHolderMain.class, ws.toString());
             Workspace quick = impatient.open(ws); Workspace waiting = patient.open(ws)) {
            writer.await("locked"::equals, TIMEOUT);
            assertThatThrownBy(() -> quick.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED)))
                    .isInstanceOf(WorkspaceException.Busy.class)
                    .hasMessageStartingWith("workspace " + ws + " is busy: another VLA Studio process is writing to it");
            assertThat(quick.review(demo)).isEqualTo(Review.EMPTY);

            CompletableFuture<Review> edit = CompletableFuture.supplyAsync(() -> {
                try {
                    return waiting.edit(demo, ReviewEdit.create().verdict(Verdict.ACCEPTED));
                } catch (WorkspaceException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.send("release");
            writer.await("released"::equals, TIMEOUT);
            assertThat(edit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
        }
        assertThat(TestData.count(ws, "SELECT count(*) FROM settings WHERE key = 'lock-holder'")).isEqualTo(1);
    }

    @Test
    void aProcessKilledWhileHoldingTheWriteLockDoesNotBlockTheWorkspace() throws Exception {
        try (ChildJvm writer = ChildJvm.start(LockHolderMain.class, ws.toString())) {
            writer.await("locked"::equals, TIMEOUT);
            writer.kill();
        }
        try (Workspace w = TestData.workspaces().withOptions(WorkspaceOptions.defaults().withBusyTimeout(Duration.ofMillis(300))).open(ws)) {
            assertThat(w.edit(demo, ReviewEdit.create().verdict(Verdict.FLAGGED)).verdict()).isEqualTo(Verdict.FLAGGED);
        }
        assertThat(TestData.count(ws, "SELECT count(*) FROM settings WHERE key = 'lock-holder'")).isZero();
        assertThat(TestData.integrityCheck(ws)).isEqualTo("ok");
    }
}
