package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class IndexingTest {

    @TempDir
    static Path shared;
    private static Path h5py;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeH5pyFixtures() throws Exception {
        h5py = PythonFixtures.writeH5pyFixtures(shared.resolve("h5py"));
    }

    private static List<Path> hdf5Files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".hdf5")).sorted().toList();
        }
    }

    @Test
    void catalogsEveryDemoOfASuiteWithItsLengthLanguageAndNoOps() throws Exception {
        Path suite = TestData.smallSuite(dir);
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            IndexReport report = ws.index(List.of(suite), Progress.NONE, () -> false);

            assertThat(report.files()).isEqualTo(2);
            assertThat(report.added()).isEqualTo(2);
            assertThat(report.failed()).isEmpty();
            assertThat(report.demos()).isEqualTo(8);
            List<DemoRecord> demos = ws.demos(DemoQuery.all());
            assertThat(demos).hasSize(8);
            assertThat(report.steps()).isEqualTo(demos.stream().mapToLong(DemoRecord::length).sum());
            DemoRecord first = demos.get(0);
            assertThat(first.demo()).isEqualTo("demo_0");
            assertThat(first.suite()).isEqualTo("libero_small");
            assertThat(first.language()).isNotBlank();
            assertThat(first.length()).isGreaterThan(50);
            assertThat(first.available()).isTrue();
            assertThat(first.verdict()).isEqualTo(Verdict.UNREVIEWED);
            // the original release variant starts demos with a few no-op steps
            assertThat(demos).anyMatch(d -> d.noOps() > 0);
            assertThat(ws.noOpSteps(first.ref())).hasSize(first.noOps());
            List<io.vlastudio.dataset.stats.DimensionStatistics> stats = ws.actionStatistics(first.ref());
            assertThat(stats).hasSize(7);
            assertThat(stats.get(6).count()).isEqualTo(first.length());
            assertThat(stats.get(6).min()).isGreaterThanOrEqualTo(-1.0);
            assertThat(stats.get(6).max()).isLessThanOrEqualTo(1.0);
            assertThat(stats.get(0).std()).isPositive();

            List<SourceFile> files = ws.files();
            assertThat(files).extracting(SourceFile::status).containsOnly(SourceFile.Status.OK);
            assertThat(files).extracting(SourceFile::variant).containsOnly("original");
            assertThat(files.get(0).fingerprint()).hasSize(64);
            assertThat(files.get(0).demos()).isEqualTo(4);
        }
    }

    @Test
    void readsH5pyWrittenFilesOfEveryVariant() throws Exception {
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            IndexReport report = ws.index(List.of(h5py.resolve("libero_goal"), h5py.resolve("libero_goal_no_noops"),
                    h5py.resolve("robomimic")), Progress.NONE, () -> false);
            assertThat(report.failed()).isEmpty();
            assertThat(ws.files()).extracting(SourceFile::variant).containsExactlyInAnyOrder("original", "no_noops", "robomimic");
            List<DemoRecord> noNoops = ws.demos(DemoQuery.all().suite("libero_goal_no_noops"));
            assertThat(noNoops).extracting(DemoRecord::demo).containsExactly("demo_0", "demo_2", "demo_3", "demo_10", "demo_11");
            assertThat(noNoops.get(0).language()).isEqualTo("open the drawer");
            DemoRecord demo10 = ws.demo(DemoRef.parse(h5py.resolve("libero_goal/open_the_drawer_demo.hdf5") + "#10"));
            assertThat(demo10.length()).isEqualTo(20);
            assertThat(demo10.noOps()).isEqualTo(2);
            assertThat(demo10.language()).isEqualTo("open the middle drawer of the cabinet");
        }
    }

    @Test
    void skipsUnchangedFilesAndTreatsATouchedFileAsUnchanged() throws Exception {
        Path suite = TestData.smallSuite(dir);
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            IndexReport again = ws.index(List.of(suite), Progress.NONE, () -> false);
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(again.added() + again.changed()).isZero();

            Path file = hdf5Files(suite).get(0);
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
            IndexReport touched = ws.index(List.of(suite), Progress.NONE, () -> false);
            assertThat(touched.unchanged()).isEqualTo(2);
            assertThat(touched.changed()).isZero();
            assertThat(ws.files().get(0).modified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        }
    }

    @Test
    void rereadsAChangedFileAndKeepsTheIdentityAndReviewOfEveryDemoItStillHolds() throws Exception {
        Path suite = TestData.smallSuite(dir);
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            Path file = hdf5Files(suite).get(0);
            DemoRef demo1 = new DemoRef(file.toString(), "demo_1");
            DemoRef demo3 = new DemoRef(file.toString(), "demo_3");
            long id1 = ws.demo(demo1).id();
            ws.edit(demo1, ReviewEdit.create().verdict(Verdict.ACCEPTED));
            ws.edit(demo3, ReviewEdit.create().verdict(Verdict.REJECTED).addTag("wobbly"));

            // the same task re-generated from another seed with only 2 demos: new content, demo_3 gone
            Path other = dir.resolve("regenerated");
            new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(other,
                    TestData.SMALL.withSeed(99).withDemosPerTask(2).withFailuresPerTask(0), Progress.NONE, () -> false);
            Files.copy(other.resolve(file.getFileName()), file, StandardCopyOption.REPLACE_EXISTING);

            IndexReport report = ws.index(List.of(suite), Progress.NONE, () -> false);
            assertThat(report.changed()).isEqualTo(1);
            assertThat(report.unchanged()).isEqualTo(1);
            DemoRecord after1 = ws.demo(demo1);
            assertThat(after1.id()).isEqualTo(id1);
            assertThat(after1.verdict()).isEqualTo(Verdict.ACCEPTED);
            DemoRecord after3 = ws.demo(demo3);
            assertThat(after3.available()).isFalse();
            assertThat(ws.review(demo3).tags()).containsExactly("wobbly");
            assertThat(ws.demos(DemoQuery.all())).hasSize(8);
            assertThat(report.demos()).isEqualTo(6);
        }
    }

    @Test
    void reportsAMissingFileAndRelinksItWhenItReappearsElsewhereKeepingItsReviews() throws Exception {
        Path suite = TestData.smallSuite(dir);
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            Path file = hdf5Files(suite).get(1);
            DemoRef ref = new DemoRef(file.toString(), "demo_2");
            long id = ws.demo(ref).id();
            ws.edit(ref, ReviewEdit.create().verdict(Verdict.FLAGGED).addNote("check the gripper"));

            Path moved = Files.createDirectories(dir.resolve("archive/libero_small")).resolve(file.getFileName());
            Files.move(file, moved);
            IndexReport gone = ws.index(List.of(suite), Progress.NONE, () -> false);
            assertThat(gone.missing()).containsExactly(file);
            assertThat(ws.files()).filteredOn(f -> f.status() == SourceFile.Status.MISSING).hasSize(1);
            assertThat(ws.demo(ref).available()).isFalse();

            // copied elsewhere (a new modification time) rather than renamed: still the same content
            Files.copy(moved, dir.resolve("moved_demo.hdf5"));
            Files.delete(moved);
            Path renamed = dir.resolve("moved_demo.hdf5");
            IndexReport back = ws.index(List.of(renamed), Progress.NONE, () -> false);
            assertThat(back.relinked()).containsExactly(new IndexReport.Relink(file, renamed));
            assertThat(back.missing()).isEmpty();
            DemoRecord relinked = ws.demo(new DemoRef(renamed.toString(), "demo_2"));
            assertThat(relinked.id()).isEqualTo(id);
            assertThat(relinked.available()).isTrue();
            assertThat(relinked.verdict()).isEqualTo(Verdict.FLAGGED);
            assertThat(ws.review(relinked.ref()).notes()).extracting(Note::text).containsExactly("check the gripper");
            assertThat(ws.files()).hasSize(2);
        }
    }

    @Test
    void recordsFilesThatFailToOpenWithTheirErrorAndIndexesTheRest() throws Exception {
        Path suite = TestData.smallSuite(dir);
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            IndexReport report = ws.index(List.of(h5py.resolve("bad"), suite), Progress.NONE, () -> false);

            assertThat(report.failed()).extracting(f -> f.file().getFileName().toString())
                    .containsExactlyInAnyOrder("not_hdf5.hdf5", "truncated.hdf5", "no_data_group.hdf5", "no_demos.hdf5");
            assertThat(report.failed()).extracting(IndexReport.Failure::kind)
                    .contains("not_hdf5", "truncated_file", "no_data_group", "no_demos");
            assertThat(report.failed()).allSatisfy(f -> assertThat(f.message()).contains(f.file().toString()));
            assertThat(ws.demos(DemoQuery.all().suite("libero_small"))).hasSize(8);
            List<SourceFile> failed = ws.files().stream().filter(f -> f.status() == SourceFile.Status.FAILED).toList();
            assertThat(failed).hasSize(4).allSatisfy(f -> assertThat(f.errorMessage()).contains("expected"));
            // demos with bad actions are listed with their problem, and are not lost
            DemoRecord badShape = ws.demos(DemoQuery.all()).stream()
                    .filter(d -> d.file().getFileName().toString().equals("bad_action_shape.hdf5") && d.demo().equals("demo_1"))
                    .findFirst().orElseThrow();
            assertThat(badShape.problem()).contains("actions of shape (T,7)");
            DemoRecord nan = ws.demos(DemoQuery.all()).stream()
                    .filter(d -> d.file().getFileName().toString().equals("nan_actions.hdf5")).findFirst().orElseThrow();
            assertThat(nan.problem()).contains("non-finite", "step 4");

            // a re-index still lists the errors of files under the paths, without reading them again
            IndexReport again = ws.index(List.of(h5py.resolve("bad")), Progress.NONE, () -> false);
            assertThat(again.failed()).hasSize(4);
            assertThat(again.unchanged()).isEqualTo(again.files());
        }
    }

    @Test
    void reportsAPathThatDoesNotExistAndIndexesTheOthers() throws Exception {
        Path suite = TestData.smallSuite(dir);
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            IndexReport report = ws.index(List.of(dir.resolve("nowhere"), suite), Progress.NONE, () -> false);
            assertThat(report.failed()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo("not_found");
                assertThat(f.message()).contains("nowhere", "no such file or folder");
            });
            assertThat(report.demos()).isEqualTo(8);
        }
    }

    @Test
    void reportsProgressFileByFile() throws Exception {
        Path suite = TestData.smallSuite(dir);
        List<String> reports = new ArrayList<>();
        try (Workspace ws = TestData.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), (done, total, message) -> reports.add(done + "/" + total + " " + message), () -> false);
        }
        assertThat(reports).hasSize(3);
        assertThat(reports.get(0)).startsWith("0/2 Indexing ");
        assertThat(reports.get(2)).isEqualTo("2/2 Indexed 2 files");
    }

    @Test
    void aCancelledIndexLeavesEveryFileFullyIndexedOrUntouched() throws Exception {
        Path suite = TestData.smallSuite(dir);
        AtomicBoolean cancel = new AtomicBoolean();
        // one file at a time: the cancel comes while the second file is being read (it opens, then is stopped
        // between two of its demos), after the first was written
        SqliteWorkspaces workspaces = TestData.workspaces(new TestData.TestClock(),
                ConcurrentIndexingTest.cancelAtOpen(2, cancel), WorkspaceOptions.defaults().withReadThreads(1));
        try (Workspace ws = workspaces.open(dir.resolve("ws"))) {
            IndexReport report = ws.index(List.of(suite), Progress.NONE, cancel::get);
            assertThat(report.cancelled()).isTrue();
            assertThat(ws.files()).hasSize(1);
            assertThat(ws.demos(DemoQuery.all())).hasSize(4);

            cancel.set(false);
            IndexReport resumed = ws.index(List.of(suite), Progress.NONE, () -> false);
            assertThat(resumed.cancelled()).isFalse();
            assertThat(resumed.unchanged()).isEqualTo(1);
            assertThat(resumed.added()).isEqualTo(1);
            assertThat(ws.demos(DemoQuery.all())).hasSize(8);
        }
    }

    @Test
    void aDemoKeepsItsIdentityWhenTheFileIsIndexedFromASecondWorkspaceProcess() throws Exception {
        Path suite = TestData.smallSuite(dir);
        SqliteWorkspaces workspaces = TestData.workspaces();
        try (Workspace a = workspaces.open(dir.resolve("ws")); Workspace b = workspaces.open(dir.resolve("ws"))) {
            a.index(List.of(suite), Progress.NONE, () -> false);
            IndexReport again = b.index(List.of(suite), Progress.NONE, () -> false);
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(b.demos(DemoQuery.all())).extracting(DemoRecord::id)
                    .containsExactlyElementsOf(a.demos(DemoQuery.all()).stream().map(DemoRecord::id).toList());
        }
    }
}
