package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryTest {

    @TempDir
    Path dir;
    private Path wsDir;
    private DemoRef a;
    private DemoRef b;
    private final SqliteWorkspaces workspaces = TestData.workspaces();

    @BeforeEach
    void indexTheSmallSuite() throws Exception {
        Path suite = TestData.smallSuite(dir);
        wsDir = dir.resolve("ws");
        try (Workspace ws = workspaces.open(wsDir)) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            List<DemoRecord> demos = ws.demos(DemoQuery.all());
            a = demos.get(0).ref();
            b = demos.get(5).ref();
        }
    }

    @Test
    void undoAndRedoRestoreEveryFieldAndSurviveARestart() throws Exception {
        Review first;
        Review second;
        try (Workspace ws = workspaces.open(wsDir)) {
            first = ws.edit(a, ReviewEdit.create().verdict(Verdict.REJECTED).addTag("failed-grasp").addNote("drops it")
                    .addSegment(new Segment(0, 10, "reach", null)).trim(1, 30).exclude(StepExclusion.noOps()));
            second = ws.edit(a, ReviewEdit.create().verdict(Verdict.ACCEPTED).removeTag("failed-grasp").clearTrim()
                    .addNote("it was fine after all"));
        }
        try (Workspace ws = workspaces.open(wsDir)) {
            assertThat(ws.nextUndo()).hasValueSatisfying(u -> assertThat(u.description())
                    .startsWith("verdict accepted, -tag failed-grasp, trim cleared, note \"it was fine after all\" on "));
            assertThat(ws.undo()).isPresent();
            assertThat(ws.review(a)).isEqualTo(first);
        }
        try (Workspace ws = workspaces.open(wsDir)) {
            assertThat(ws.undo()).isPresent();
            assertThat(ws.review(a)).isEqualTo(Review.EMPTY);
            assertThat(ws.undo()).isEmpty();
            assertThat(ws.demos(DemoQuery.all().verdict(Verdict.REJECTED))).isEmpty();
        }
        try (Workspace ws = workspaces.open(wsDir)) {
            assertThat(ws.redo()).isPresent();
            assertThat(ws.review(a)).isEqualTo(first);
            assertThat(ws.redo()).isPresent();
            assertThat(ws.review(a)).isEqualTo(second);
            assertThat(ws.redo()).isEmpty();
        }
    }

    @Test
    void anEditAfterAnUndoDropsWhatCouldHaveBeenRedone() throws Exception {
        try (Workspace ws = workspaces.open(wsDir)) {
            ws.edit(a, ReviewEdit.create().verdict(Verdict.REJECTED));
            ws.edit(b, ReviewEdit.create().verdict(Verdict.ACCEPTED));
            ws.undo();
            assertThat(ws.nextRedo()).hasValueSatisfying(r -> assertThat(r.description()).startsWith("verdict accepted"));
            ws.edit(a, ReviewEdit.create().addTag("x"));
            assertThat(ws.nextRedo()).isEmpty();
            assertThat(ws.redo()).isEmpty();
            assertThat(ws.review(b)).isEqualTo(Review.EMPTY);
            ws.undo();
            ws.undo();
            assertThat(ws.review(a)).isEqualTo(Review.EMPTY);
        }
    }

    @Test
    void listsADemosHistoryWithWhoChangedWhatWhen() throws Exception {
        try (Workspace ws = workspaces.open(wsDir);
             Workspace asBen = workspaces.withReviewer("ben").open(wsDir)) {
            ws.edit(a, ReviewEdit.create().verdict(Verdict.REJECTED));
            asBen.edit(a, ReviewEdit.create().addTag("dark"));
            ws.undo();
            List<HistoryEntry> history = ws.history(a);
            assertThat(history).extracting(h -> h.action().kind()).containsExactly(HistoryAction.Kind.EDIT,
                    HistoryAction.Kind.EDIT, HistoryAction.Kind.UNDO);
            assertThat(history).extracting(h -> h.action().reviewer()).containsExactly("ana", "ben", "ana");
            assertThat(history.get(0).before()).isEqualTo(Review.EMPTY);
            assertThat(history.get(0).after().verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(history.get(1).after().tags()).containsExactly("dark");
            assertThat(history.get(2).action().description()).startsWith("undo: +tag dark on ");
            assertThat(history.get(2).after().tags()).isEmpty();
            assertThat(history.get(0).action().at()).isBefore(history.get(1).action().at());
            assertThat(ws.history(b)).isEmpty();
        }
    }

    @Test
    void theHistoryIsAppendOnly() throws Exception {
        try (Workspace ws = workspaces.open(wsDir)) {
            ws.edit(a, ReviewEdit.create().verdict(Verdict.REJECTED));
        }
        try (Connection c = TestData.connect(wsDir); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM changes")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("history is append-only");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE actions SET reviewer = 'eve'"))
                    .hasMessageContaining("history is append-only");
        }
    }

    @Test
    void undoRefusesToOverwriteAChangeMadeBehindItsBack() throws Exception {
        try (Workspace ws = workspaces.open(wsDir)) {
            ws.edit(a, ReviewEdit.create().verdict(Verdict.REJECTED));
        }
        try (Connection c = TestData.connect(wsDir); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE reviews SET verdict = 'flagged'");
        }
        try (Workspace ws = workspaces.open(wsDir)) {
            assertThatThrownBy(ws::undo).isInstanceOf(WorkspaceException.HistoryConflict.class)
                    .hasMessageContaining("cannot undo \"verdict rejected on ")
                    .hasMessageContaining("was changed since").hasMessageContaining("Nothing was changed");
            assertThat(ws.review(a).verdict()).isEqualTo(Verdict.FLAGGED);
            assertThat(ws.nextUndo()).isPresent();
        }
    }
}
