package io.vlastudio.store;

import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indexing reads several files at once (ADR 0031): the catalog it writes must be the one a one-at-a-time index
 * writes (same rows, same order, same statistics), a broken file or an {@code Error} in the middle of a batch must
 * stay that file's failure, and a cancel must leave every file fully indexed or untouched.
 */
class ConcurrentIndexingTest {

    @TempDir
    static Path shared;
    private static Path collection;

    /** Six synthetic files, a file that is not HDF5 and a truncated copy, in one folder (sorted among each other). */
    @BeforeAll
    static void writeCollection() throws Exception {
        Path suite = TestData.smallSuite(shared, TestData.SMALL.withTasks(6));
        List<Path> good;
        try (Stream<Path> s = Files.list(suite)) {
            good = s.filter(p -> p.toString().endsWith(".hdf5")).sorted().toList();
        }
        Files.writeString(suite.resolve(good.get(2).getFileName().toString().replace(".hdf5", "_broken.hdf5")),
                "not an HDF5 file");
        byte[] bytes = Files.readAllBytes(good.get(3));
        Files.write(suite.resolve(good.get(3).getFileName().toString().replace(".hdf5", "_cut.hdf5")),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        collection = suite;
    }

    /** A reader that sets {@code cancel} when it opens its {@code nth} file (1 = the first). */
    static DemoReader cancelAtOpen(int nth, AtomicBoolean cancel) {
        Hdf5DemoReader reader = new Hdf5DemoReader();
        AtomicInteger opens = new AtomicInteger();
        return file -> {
            if (opens.incrementAndGet() == nth) {
                cancel.set(true);
            }
            return reader.open(file);
        };
    }

    /** A reader that throws {@code error} for files whose name contains {@code marker}. */
    private static DemoReader throwingFor(String marker, Error error) {
        Hdf5DemoReader reader = new Hdf5DemoReader();
        return file -> {
            if (file.getFileName().toString().contains(marker)) {
                throw error;
            }
            return reader.open(file);
        };
    }

    private static SqliteWorkspaces workspaces(DemoReader reader, int threads) {
        return TestData.workspaces(new TestData.TestClock(), reader, WorkspaceOptions.defaults().withReadThreads(threads));
    }

    /** Every row of the catalog's files and demos, every column, in id order. */
    private static List<String> catalog(Path workspace) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestData.connect(workspace); Statement s = c.createStatement()) {
            for (String table : List.of("source_files", "demos")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                    ResultSetMetaData m = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= m.getColumnCount(); i++) {
                            row.append(" | ").append(m.getColumnName(i)).append('=').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static String summary(IndexReport r) {
        return r.files() + " files, " + r.added() + " added, " + r.demos() + " demos, " + r.steps() + " steps, failed "
                + r.failed().stream().map(f -> f.file().getFileName() + ":" + f.kind() + ":" + f.message())
                .collect(Collectors.joining("; ")) + ", warnings " + r.warnings().size() + ", cancelled " + r.cancelled();
    }

    @Test
    void aConcurrentIndexWritesTheCatalogAOneAtATimeIndexWrites(@TempDir Path dir) throws Exception {
        Map<Integer, List<String>> catalogs = new java.util.TreeMap<>();
        Map<Integer, String> reports = new java.util.TreeMap<>();
        for (int threads : new int[] {1, 2, 4}) {
            Path ws = dir.resolve("ws" + threads);
            try (Workspace w = workspaces(new Hdf5DemoReader(), threads).open(ws)) {
                IndexReport report = w.index(List.of(collection), Progress.NONE, () -> false);
                reports.put(threads, summary(report));
                assertThat(report.failed()).extracting(f -> f.file().getFileName().toString())
                        .anyMatch(n -> n.endsWith("_broken.hdf5")).anyMatch(n -> n.endsWith("_cut.hdf5"));
                assertThat(report.demos()).isEqualTo(6 * 4);
            }
            catalogs.put(threads, catalog(ws));
        }
        assertThat(catalogs.get(1)).hasSize(8 + 6 * 4);
        assertThat(catalogs.get(1)).anyMatch(r -> r.contains("statistics={\"actions\""));
        assertThat(catalogs.get(2)).containsExactlyElementsOf(catalogs.get(1));
        assertThat(catalogs.get(4)).containsExactlyElementsOf(catalogs.get(1));
        assertThat(reports.get(2)).isEqualTo(reports.get(1));
        assertThat(reports.get(4)).isEqualTo(reports.get(1));
    }

    @Test
    void anErrorThrownReadingOneFileInTheMiddleOfTheBatchIsThatFilesFailure(@TempDir Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(collection)) {
            files = s.filter(p -> p.toString().endsWith("_demo.hdf5")).sorted().toList();
        }
        String victim = files.get(3).getFileName().toString();
        for (Error error : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError(),
                new AssertionError("a reader bug"))) {
            Path ws = dir.resolve("ws-" + error.getClass().getSimpleName());
            try (Workspace w = workspaces(throwingFor(victim, error), 2).open(ws)) {
                IndexReport report = w.index(List.of(collection), Progress.NONE, () -> false);
                assertThat(report.cancelled()).isFalse();
                assertThat(report.failed()).filteredOn(f -> f.file().getFileName().toString().equals(victim))
                        .singleElement().satisfies(f -> assertThat(f.message())
                                .contains(victim, error.getClass().getSimpleName()));
                assertThat(report.demos()).isEqualTo(5 * 4); // every other good file is indexed
                assertThat(w.files()).filteredOn(f -> f.path().getFileName().toString().equals(victim))
                        .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(SourceFile.Status.FAILED));
            }
        }
    }

    @Test
    void aCancelMidwayLeavesEveryFileFullyIndexedOrUntouchedAndAResumeCompletesIt(@TempDir Path dir) throws Exception {
        for (int threads : new int[] {2, 4}) {
            AtomicBoolean cancel = new AtomicBoolean();
            Path ws = dir.resolve("ws" + threads);
            try (Workspace w = workspaces(cancelAtOpen(4, cancel), threads).open(ws)) {
                IndexReport report = w.index(List.of(collection), Progress.NONE, cancel::get);
                assertThat(report.cancelled()).isTrue();
                assertThat(w.files().size()).isLessThan(8);
                for (SourceFile f : w.files()) {
                    // a catalogued file has all of its demos: 4 for a good one, none for a failed one
                    long demos = w.demos(DemoQuery.all()).stream().filter(d -> d.file().equals(f.path())).count();
                    assertThat(demos).isEqualTo(f.status() == SourceFile.Status.OK ? 4 : 0);
                }
                cancel.set(false);
                IndexReport resumed = w.index(List.of(collection), Progress.NONE, () -> false);
                assertThat(resumed.cancelled()).isFalse();
                assertThat(resumed.demos()).isEqualTo(6 * 4);
                assertThat(w.demos(DemoQuery.all())).hasSize(6 * 4);
            }
        }
    }
}
