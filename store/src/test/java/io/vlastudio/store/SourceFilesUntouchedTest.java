package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Source files are only ever read: not a byte, not a modification time changes, and nothing is added beside them. */
class SourceFilesUntouchedTest {

    @TempDir
    Path dir;

    @Test
    void aFullIndexReviewUndoAndShareCycleLeavesEverySourceFileAsItWas() throws Exception {
        Path suite = TestData.smallSuite(dir.resolve("data"));
        Path h5py = PythonFixtures.writeH5pyFixtures(dir.resolve("data/h5py"));
        PythonFixtures.robosuiteWipeFixture(dir.resolve("data/robosuite"));
        List<Path> roots = List.of(dir.resolve("data"));
        Map<Path, String> before = TestData.checksums(roots);
        assertThat(before).hasSizeGreaterThan(10);

        SqliteWorkspaces workspaces = TestData.workspaces();
        try (Workspace ws = workspaces.open(dir.resolve("ws"))) {
            IndexReport report = ws.index(roots, Progress.NONE, () -> false);
            assertThat(report.failed()).isNotEmpty(); // the bad fixtures
            List<DemoRef> all = ws.demos(DemoQuery.all().suite("libero_small")).stream().map(DemoRecord::ref).toList();
            ws.edit(all, ReviewEdit.create().verdict(Verdict.REJECTED).addTag("t").addNote("n")
                    .addSegment(new Segment(0, 5, "reach", null)).trim(1, 40).exclude(StepExclusion.noOps()));
            ws.edit(all.get(0), ReviewEdit.create().verdict(Verdict.ACCEPTED));
            ws.undo();
            ws.redo();
            ws.undo();
            ws.exportReviews(DemoQuery.all(), dir.resolve("reviews.json"));
            ws.index(roots, Progress.NONE, () -> false);
            ws.history(all.get(0));
            ws.noOpSteps(all.get(0));
        }
        try (Workspace other = workspaces.open(dir.resolve("ws2"))) {
            other.index(List.of(suite, h5py), Progress.NONE, () -> false);
            other.importReviews(dir.resolve("reviews.json"), ImportPolicy.TAKE_THEIRS);
            other.undo();
        }
        assertThat(TestData.checksums(roots)).isEqualTo(before);
    }
}
