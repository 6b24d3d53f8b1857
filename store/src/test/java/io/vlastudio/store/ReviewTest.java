package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private List<DemoRecord> demos;

    @BeforeEach
    void indexTheSmallSuite() throws Exception {
        Path suite = TestData.smallSuite(dir);
        ws = TestData.workspaces().open(dir.resolve("ws"));
        ws.index(List.of(suite), Progress.NONE, () -> false);
        demos = ws.demos(DemoQuery.all());
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void keepsVerdictTagsNotesSegmentsTrimAndExclusionsWithReviewerAndTimes() throws Exception {
        DemoRef ref = demos.get(1).ref();
        Review r = ws.edit(ref, ReviewEdit.create().verdict(Verdict.REJECTED).addTag("Failed-Grasp").addTag("slow")
                .addNote("drops the bowl at the end")
                .addSegment(new Segment(0, 20, "reach", null))
                .addSegment(new Segment(20, 35, "failed grasp", "fingers close on air"))
                .trim(3, 50).exclude(StepExclusion.noOps()).exclude(StepExclusion.steps(40, 45)));

        Review stored = ws.review(ref);
        assertThat(stored).isEqualTo(r);
        assertThat(stored.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(stored.tags()).containsExactly("failed-grasp", "slow");
        assertThat(stored.notes()).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("drops the bowl at the end");
            assertThat(n.author()).isEqualTo("ana");
        });
        assertThat(stored.segments()).extracting(Segment::label).containsExactly("reach", "failed grasp");
        assertThat(stored.segments().get(1).text()).isEqualTo("fingers close on air");
        assertThat(stored.trim()).isEqualTo(new Trim(3, 50));
        assertThat(stored.exclusions()).containsExactly(StepExclusion.noOps(), StepExclusion.steps(40, 45));
        assertThat(stored.reviewer()).isEqualTo("ana");
        assertThat(stored.createdAt()).isNotNull().isEqualTo(stored.updatedAt());

        Review later = ws.edit(ref, ReviewEdit.create().removeTag("slow").verdict(Verdict.FLAGGED));
        assertThat(later.createdAt()).isEqualTo(stored.createdAt());
        assertThat(later.updatedAt()).isAfter(stored.updatedAt());
        assertThat(ws.demo(ref).tags()).containsExactly("failed-grasp");
        assertThat(ws.demo(ref).verdict()).isEqualTo(Verdict.FLAGGED);
    }

    @Test
    void computesTheStepsAnExportKeeps() {
        Review r = new Review(Verdict.ACCEPTED, List.of(), List.of(), List.of(), new Trim(2, 10),
                List.of(StepExclusion.noOps(), StepExclusion.steps(5, 7)), "ana", Instant.EPOCH, Instant.EPOCH);
        assertThat(r.keptSteps(12, new int[] {0, 1, 2, 3})).containsExactly(4, 7, 8, 9);
        assertThat(Review.EMPTY.keptSteps(3, new int[] {1})).containsExactly(0, 1, 2);
    }

    @Test
    void refusesAnEditThatDoesNotFitTheDemoAndChangesNothing() throws Exception {
        DemoRecord demo = demos.get(0);
        assertThatThrownBy(() -> ws.edit(demo.ref(), ReviewEdit.create().verdict(Verdict.REJECTED)
                .addSegment(new Segment(10, demo.length() + 5, "place", null))))
                .isInstanceOf(WorkspaceException.InvalidEdit.class)
                .hasMessageContaining(demo.ref().toString())
                .hasMessageContaining("segment 'place' ends at step " + (demo.length() + 5))
                .hasMessageContaining("Nothing was changed");
        assertThat(ws.review(demo.ref())).isEqualTo(Review.EMPTY);
        assertThat(ws.history(demo.ref())).isEmpty();
        assertThat(ws.nextUndo()).isEmpty();
        assertThatThrownBy(() -> new Segment(5, 5, "x", null)).hasMessageContaining("0 <= FROM < TO").hasMessageContaining("got 5:5");
        assertThatThrownBy(() -> ReviewEdit.create().addTag("a,b")).hasMessageContaining("without commas");
    }

    @Test
    void namesDemosByPathByFileNameAndByNumber() throws Exception {
        DemoRecord d = demos.get(5);
        String name = d.file().getFileName().toString();
        assertThat(ws.demo(new DemoRef(name, "demo_1")).id()).isEqualTo(d.id());
        assertThat(ws.demo(DemoRef.parse("libero_small/" + name + "#1")).id()).isEqualTo(d.id());
        assertThat(ws.demo(DemoRef.parse(dir.relativize(d.file()).toString() + "#demo_1")).id()).isNotNegative();

        assertThatThrownBy(() -> ws.demo(new DemoRef(name, "demo_9")))
                .isInstanceOf(WorkspaceException.UnknownDemo.class)
                .hasMessageContaining(name + " has no demo named demo_9 (it has demos demo_0, demo_1, demo_2, demo_3)");
        assertThatThrownBy(() -> ws.demo(new DemoRef("elsewhere_demo.hdf5", "demo_0")))
                .hasMessageContaining("no file elsewhere_demo.hdf5 in workspace")
                .hasMessageContaining("index it first");
        // a second copy of the suite makes the bare name ambiguous; more of the path picks one
        Path copy = TestData.smallSuite(dir.resolve("copy"));
        ws.index(List.of(copy), Progress.NONE, () -> false);
        assertThatThrownBy(() -> ws.demo(new DemoRef(name, "demo_0")))
                .hasMessageContaining(name + " matches 2 files").hasMessageContaining("give more of its path");
        assertThat(ws.demo(DemoRef.parse("copy/libero_small/" + name + "#1")).id()).isNotEqualTo(d.id());
        assertThatThrownBy(() -> DemoRef.parse("no-hash")).hasMessageContaining("expected FILE#DEMO");
    }

    @Test
    void recordsCarrySegmentLabelsAndQueriesFilterByThem() throws Exception {
        ws.edit(demos.get(1).ref(), ReviewEdit.create().addSegment(new Segment(0, 2, "grasp", null))
                .addSegment(new Segment(2, 4, "Failed Grasp", "fingers close on air")).addSegment(new Segment(4, 5, "grasp", null)));
        ws.edit(demos.get(3).ref(), ReviewEdit.create().addSegment(new Segment(1, 3, "place", null)));
        ws.edit(demos.get(5).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED));

        assertThat(ws.demos(DemoQuery.all()).stream().filter(d -> d.id() == demos.get(1).id()).findFirst().orElseThrow()
                .segments()).containsExactly("grasp", "Failed Grasp");
        assertThat(ws.demos(DemoQuery.all()).stream().filter(d -> d.id() == demos.get(5).id()).findFirst().orElseThrow()
                .segments()).isEmpty();
        assertThat(ws.demos(DemoQuery.all().segment("failed grasp"))).extracting(DemoRecord::id)
                .containsExactly(demos.get(1).id());
        assertThat(ws.demos(DemoQuery.all().segment("grasp").segment("place"))).isEmpty();
        assertThat(ws.demos(DemoQuery.all().segment("place"))).singleElement()
                .satisfies(d -> assertThat(d.segments()).containsExactly("place"));
        assertThat(ws.demos(DemoQuery.all().segment("reach"))).isEmpty();
    }

    @Test
    void filtersDemosByVerdictTagAndLength() throws Exception {
        ws.edit(List.of(demos.get(0).ref(), demos.get(2).ref(), demos.get(4).ref()),
                ReviewEdit.create().verdict(Verdict.REJECTED).addTag("failed-grasp"));
        ws.edit(demos.get(2).ref(), ReviewEdit.create().addTag("dark"));
        ws.edit(demos.get(6).ref(), ReviewEdit.create().verdict(Verdict.ACCEPTED).addTag("dark"));

        assertThat(ws.demos(DemoQuery.all().verdict(Verdict.REJECTED))).hasSize(3);
        assertThat(ws.demos(DemoQuery.all().verdict(Verdict.UNREVIEWED))).hasSize(4);
        assertThat(ws.demos(DemoQuery.all().verdict(Verdict.REJECTED, Verdict.ACCEPTED))).hasSize(4);
        assertThat(ws.demos(DemoQuery.all().tag("dark"))).extracting(DemoRecord::id)
                .containsExactly(demos.get(2).id(), demos.get(6).id());
        assertThat(ws.demos(DemoQuery.all().verdict(Verdict.REJECTED).tag("failed-grasp").tag("dark")))
                .singleElement().satisfies(d -> assertThat(d.tags()).containsExactly("dark", "failed-grasp"));
        int len = demos.get(0).length();
        assertThat(ws.demos(DemoQuery.all().length(len, len))).allSatisfy(d -> assertThat(d.length()).isEqualTo(len));
        assertThat(ws.demos(DemoQuery.all().verdict(Verdict.REJECTED).length(0, 10))).isEmpty();
        assertThat(ws.demos(DemoQuery.all().limit(2))).hasSize(2);
        assertThat(ws.reviews(DemoQuery.all().tag("dark"))).extracting(rd -> rd.review().verdict())
                .containsExactly(Verdict.REJECTED, Verdict.ACCEPTED);
    }

    @Test
    void anEditOfSeveralDemosIsOneActionAndAnEditThatChangesNothingIsNotRecorded() throws Exception {
        List<DemoRef> refs = List.of(demos.get(0).ref(), demos.get(1).ref(), demos.get(7).ref());
        ws.edit(refs, ReviewEdit.create().verdict(Verdict.FLAGGED).addTag("check"));
        assertThat(ws.nextUndo()).hasValueSatisfying(a -> {
            assertThat(a.demos()).isEqualTo(3);
            assertThat(a.description()).isEqualTo("verdict flagged, +tag check on 3 demos");
        });
        long before = TestData.count(dir.resolve("ws"), "SELECT count(*) FROM actions");
        ws.edit(refs.get(0), ReviewEdit.create().verdict(Verdict.FLAGGED));
        assertThat(TestData.count(dir.resolve("ws"), "SELECT count(*) FROM actions")).isEqualTo(before);
    }
}
