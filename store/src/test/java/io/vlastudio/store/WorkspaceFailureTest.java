package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Read-only and full disks, damaged databases and busy workspaces give clear errors and change nothing. */
class WorkspaceFailureTest {

    @TempDir
    Path dir;
    private Path ws;
    private DemoRef demo;
    private Review reviewed;
    private final SqliteWorkspaces workspaces = TestData.workspaces();

    @BeforeEach
    void aWorkspaceWithOneReview() throws Exception {
        Path suite = TestData.smallSuite(dir);
        ws = dir.resolve("ws");
        try (Workspace w = workspaces.open(ws)) {
            w.index(List.of(suite), Progress.NONE, () -> false);
            demo = w.demos(DemoQuery.all()).get(2).ref();
            reviewed = w.edit(demo, ReviewEdit.create().verdict(Verdict.FLAGGED).addTag("dark"));
        }
    }

    @Test
    void aWorkspaceOpenedReadOnlyRefusesEveryChangeWithAClearMessage() throws Exception {
        String before = TestData.sha256(ws.resolve("workspace.db"));
        try (Workspace w = workspaces.withOptions(WorkspaceOptions.defaults().withReadOnly(true)).open(ws)) {
            assertThat(w.readOnly()).isTrue();
            assertThat(w.review(demo)).isEqualTo(reviewed);
            assertThat(w.demos(DemoQuery.all().verdict(Verdict.FLAGGED))).hasSize(1);
            assertThatThrownBy(() -> w.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED)))
                    .isInstanceOf(WorkspaceException.ReadOnly.class)
                    .hasMessage("workspace " + ws + " is read-only (opened read-only): the edit of " + demo
                            + " was not saved. Make the folder writable, or copy the workspace to a writable folder and open the copy.");
            assertThatThrownBy(w::undo).isInstanceOf(WorkspaceException.ReadOnly.class);
            assertThatThrownBy(() -> w.index(List.of(dir), Progress.NONE, () -> false))
                    .isInstanceOf(WorkspaceException.ReadOnly.class);
        }
        assertThat(TestData.sha256(ws.resolve("workspace.db"))).isEqualTo(before);
        assertThat(TestData.integrityCheck(ws)).isEqualTo("ok");
    }

    @Test
    void aWorkspaceInAFolderThatCannotBeWrittenOpensForReadingAndRefusesChanges() throws Exception {
        Path db = ws.resolve("workspace.db");
        String before = TestData.sha256(db);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(db), "permissions do not bind this user (root): covered by the read-only option test");
            try (Workspace w = workspaces.open(ws)) {
                assertThat(w.readOnly()).isTrue();
                assertThat(w.review(demo)).isEqualTo(reviewed);
                assertThatThrownBy(() -> w.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED)))
                        .isInstanceOf(WorkspaceException.ReadOnly.class)
                        .hasMessageContaining("is read-only (the folder or workspace.db is not writable)");
            }
            assertThat(TestData.sha256(db)).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndLeavesTheWorkspaceAsItWas() throws Exception {
        long size = Files.size(ws.resolve("workspace.db"));
        String bigNote = "x".repeat(2_000_000);
        long actions = TestData.count(ws, "SELECT count(*) FROM actions");
        try (Workspace w = workspaces.withOptions(WorkspaceOptions.defaults().withMaxDatabaseBytes(size + 64 * 1024)).open(ws)) {
            assertThatThrownBy(() -> w.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED).addNote(bigNote)))
                    .isInstanceOf(WorkspaceException.Full.class)
                    .hasMessage("the disk holding workspace " + ws + " is full: the edit of " + demo + " was not saved and"
                            + " the workspace is unchanged. Free some disk space and try again.");
            assertThat(w.review(demo)).isEqualTo(reviewed);
            assertThat(w.nextUndo()).hasValueSatisfying(a -> assertThat(a.description()).startsWith("verdict flagged"));
            // small changes still fit
            w.edit(demo, ReviewEdit.create().addTag("small"));
        }
        assertThat(TestData.integrityCheck(ws)).isEqualTo("ok");
        assertThat(TestData.count(ws, "SELECT count(*) FROM actions")).isEqualTo(actions + 1);
        try (Workspace w = workspaces.open(ws)) {
            assertThat(w.edit(demo, ReviewEdit.create().addNote(bigNote)).notes()).hasSize(1);
        }
    }

    @Test
    void aDamagedDatabaseIsReportedAndLeftAlone() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Path db = Files.writeString(broken.resolve("workspace.db"), "these are my notes, not a database ".repeat(100));
        String before = TestData.sha256(db);
        assertThatThrownBy(() -> workspaces.open(broken))
                .isInstanceOf(WorkspaceException.Damaged.class)
                .hasMessage(db + " is damaged or is not a VLA Studio workspace (file is not a database). Restore it from"
                        + " a backup, or choose another workspace folder.");
        assertThat(TestData.sha256(db)).isEqualTo(before);
    }

    @Test
    void aWorkspaceFolderThatIsAFileIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> workspaces.open(file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("cannot create workspace folder " + file);
    }

    @Test
    void anEditWhileAnotherConnectionWritesWaitsThenGivesAClearMessage() throws Exception {
        SqliteWorkspaces impatient = workspaces.withOptions(WorkspaceOptions.defaults().withBusyTimeout(Duration.ofMillis(300)));
        try (Workspace w = impatient.open(ws); Connection other = TestData.connect(ws); Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            long start = System.nanoTime();
            assertThatThrownBy(() -> w.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED)))
                    .isInstanceOf(WorkspaceException.Busy.class)
                    .hasMessage("workspace " + ws + " is busy: another VLA Studio process is writing to it and did not"
                            + " finish within 0.3 s. The edit of " + demo + " was not saved; try again in a moment.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            // reading is never blocked by a writer
            assertThat(w.review(demo)).isEqualTo(reviewed);
            s.execute("ROLLBACK");
            assertThat(w.edit(demo, ReviewEdit.create().verdict(Verdict.REJECTED)).verdict()).isEqualTo(Verdict.REJECTED);
        }
    }
}
