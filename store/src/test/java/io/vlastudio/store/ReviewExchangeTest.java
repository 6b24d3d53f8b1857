package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Curators share reviews as JSON files between workspaces whose files live at different paths. */
class ReviewExchangeTest {

    @TempDir
    Path dir;
    private Path mineSuite;
    private Path theirsSuite;
    private final SqliteWorkspaces workspaces = TestData.workspaces();

    @BeforeEach
    void twoCuratorsWithTheSameFilesInDifferentFolders() throws Exception {
        mineSuite = TestData.smallSuite(dir.resolve("ana"));
        theirsSuite = dir.resolve("ben/data/libero_small");
        Files.createDirectories(theirsSuite);
        try (var files = Files.list(mineSuite)) {
            for (Path f : files.toList()) {
                Files.copy(f, theirsSuite.resolve(f.getFileName()));
            }
        }
    }

    private Workspace open(String who, Path suite) throws Exception {
        Workspace ws = workspaces.withReviewer(who).open(dir.resolve("ws-" + who));
        ws.index(List.of(suite), Progress.NONE, () -> false);
        return ws;
    }

    @Test
    void exportsReviewsAndImportsThemIntoAWorkspaceWhereTheFilesLiveElsewhere() throws Exception {
        Path shared = dir.resolve("shared/reviews.json");
        List<DemoRecord> demos;
        try (Workspace ben = open("ben", theirsSuite)) {
            demos = ben.demos(DemoQuery.all());
            ben.edit(demos.get(1).ref(), ReviewEdit.create().verdict(Verdict.REJECTED).addTag("failed-grasp")
                    .addNote("drops it").addSegment(new Segment(0, 5, "reach", "slow")).trim(1, 20)
                    .exclude(StepExclusion.noOps()));
            ben.edit(demos.get(6).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED));
            assertThat(ben.exportReviews(DemoQuery.all(), shared)).isEqualTo(2);
            assertThat(ben.exportReviews(DemoQuery.all().verdict(Verdict.ACCEPTED), dir.resolve("accepted.json"))).isEqualTo(1);
        }
        String json = Files.readString(shared);
        assertThat(json).contains("\"format\": \"vla-studio-reviews\"", "\"exported_by\": \"ben\"", "\"demo\": \"demo_1\"");
        assertThat(dir.resolve("shared")).isDirectoryNotContaining("glob:**.partial");

        try (Workspace ana = open("ana", mineSuite)) {
            ImportReport report = ana.importReviews(shared, ImportPolicy.KEEP_MINE);
            assertThat(report.applied()).isEqualTo(2);
            assertThat(report.conflicts()).isEmpty();
            assertThat(report.unmatched()).isEmpty();
            List<DemoRecord> mine = ana.demos(DemoQuery.all());
            Review imported = ana.review(mine.get(1).ref());
            assertThat(imported.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(imported.notes()).singleElement().satisfies(n -> assertThat(n.author()).isEqualTo("ben"));
            assertThat(imported.segments()).containsExactly(new Segment(0, 5, "reach", "slow"));
            assertThat(imported.trim()).isEqualTo(new Trim(1, 20));
            assertThat(imported.exclusions()).containsExactly(StepExclusion.noOps());
            assertThat(ana.review(mine.get(6).ref()).verdict()).isEqualTo(Verdict.ACCEPTED);

            // one action: one undo reverts the whole import
            assertThat(ana.history(mine.get(1).ref())).singleElement()
                    .satisfies(h -> assertThat(h.action().kind()).isEqualTo(HistoryAction.Kind.IMPORT));
            assertThat(ana.undo()).hasValueSatisfying(a -> assertThat(a.description()).isEqualTo("import of 2 reviews from reviews.json"));
            assertThat(ana.demos(DemoQuery.all().verdict(Verdict.UNREVIEWED))).hasSize(8);

            ana.redo();
            ImportReport again = ana.importReviews(shared, ImportPolicy.KEEP_MINE);
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(again.applied()).isZero();
            assertThat(again.action()).isNull();
        }
    }

    @Test
    void reportsConflictsInsteadOfOverwritingAndReplacesOnlyWhenAsked() throws Exception {
        Path shared = dir.resolve("reviews.json");
        try (Workspace ben = open("ben", theirsSuite)) {
            List<DemoRecord> demos = ben.demos(DemoQuery.all());
            ben.edit(demos.get(0).ref(), ReviewEdit.create().verdict(Verdict.REJECTED).addTag("dark"));
            ben.edit(demos.get(3).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED));
            ben.exportReviews(DemoQuery.all(), shared);
        }
        try (Workspace ana = open("ana", mineSuite)) {
            List<DemoRecord> demos = ana.demos(DemoQuery.all());
            Review mine = ana.edit(demos.get(0).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED));

            ImportReport kept = ana.importReviews(shared, ImportPolicy.KEEP_MINE);
            assertThat(kept.applied()).isEqualTo(1);
            assertThat(kept.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.demo()).isEqualTo(demos.get(0).ref());
                assertThat(c.mine()).isEqualTo(mine);
                assertThat(c.theirs().verdict()).isEqualTo(Verdict.REJECTED);
                assertThat(c.replaced()).isFalse();
            });
            assertThat(ana.review(demos.get(0).ref())).isEqualTo(mine);

            ImportReport taken = ana.importReviews(shared, ImportPolicy.TAKE_THEIRS);
            assertThat(taken.conflicts()).singleElement().satisfies(c -> assertThat(c.replaced()).isTrue());
            assertThat(ana.review(demos.get(0).ref()).tags()).containsExactly("dark");
            ana.undo();
            assertThat(ana.review(demos.get(0).ref())).isEqualTo(mine);
        }
    }

    @Test
    void reportsReviewsOfDemosThisWorkspaceDoesNotHave() throws Exception {
        Path shared = dir.resolve("reviews.json");
        try (Workspace ben = open("ben", theirsSuite)) {
            ben.edit(ben.demos(DemoQuery.all()).get(0).ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
            ben.exportReviews(DemoQuery.all(), shared);
        }
        try (Workspace empty = workspaces.open(dir.resolve("ws-empty"))) {
            ImportReport report = empty.importReviews(shared, ImportPolicy.KEEP_MINE);
            assertThat(report.applied()).isZero();
            assertThat(report.unmatched()).singleElement().asString()
                    .endsWith("#demo_0 (no such demo in this workspace)");
        }
    }

    @Test
    void refusesAFileThatIsNotAReviewsFileAndImportsNothing() throws Exception {
        try (Workspace ana = open("ana", mineSuite)) {
            Path notJson = Files.writeString(dir.resolve("notes.json"), "{\"reviews\": [");
            assertThatThrownBy(() -> ana.importReviews(notJson, ImportPolicy.KEEP_MINE))
                    .isInstanceOf(WorkspaceException.BadReviewsFile.class)
                    .hasMessageContaining(notJson + " is not a VLA Studio reviews file: malformed JSON")
                    .hasMessageContaining("Nothing was imported");
            // invalid JSON the old hand-written parser accepted: a duplicate key (which value wins?) and a leading zero
            Path duplicate = Files.writeString(dir.resolve("dup.json"),
                    "{\"format\": \"vla-studio-reviews\", \"version\": 01, \"reviews\": [], \"reviews\": []}");
            assertThatThrownBy(() -> ana.importReviews(duplicate, ImportPolicy.KEEP_MINE))
                    .isInstanceOf(WorkspaceException.BadReviewsFile.class)
                    .hasMessageContaining(duplicate + " is not a VLA Studio reviews file: malformed JSON")
                    .hasMessageContaining("line 1, column");
            Path other = Files.writeString(dir.resolve("other.json"), Json.write(Map.of("format", "something-else")));
            assertThatThrownBy(() -> ana.importReviews(other, ImportPolicy.KEEP_MINE))
                    .hasMessageContaining("expected an object with \"format\": \"vla-studio-reviews\"");
            Path badVerdict = Files.writeString(dir.resolve("bad.json"), """
                    {"format": "vla-studio-reviews", "version": 1, "reviews": [
                      {"file": "/x/a_demo.hdf5", "demo": "demo_0", "review": {"verdict": "maybe", "tags": [], "notes": [],
                       "segments": []}}]}""");
            assertThatThrownBy(() -> ana.importReviews(badVerdict, ImportPolicy.KEEP_MINE))
                    .hasMessageContaining("review 1: unknown verdict 'maybe'");
            assertThatThrownBy(() -> ana.importReviews(dir.resolve("absent.json"), ImportPolicy.KEEP_MINE))
                    .hasMessageContaining("cannot read " + dir.resolve("absent.json"));
            assertThat(ana.nextUndo()).isEmpty();
        }
    }
}
