package io.vlastudio.store.bench;

import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.store.DemoQuery;
import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.IndexReport;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.TestCounting;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The workspace benchmark ({@code ./mvnw -Pbench -pl store -am verify}; figures in {@code docs/benchmarks.md}):
 * <ol>
 *   <li>writes a LIBERO-scale tree ({@link LiberoScaleTree}: 130 files, 6,500 demos, real shapes, sparse pixels),
 *       kept between runs;</li>
 *   <li>indexes it into a new workspace (cold catalog), then again with nothing changed, in the same process and
 *       after reopening the workspace;</li>
 *   <li>fills another workspace with 100,000 synthetic catalog rows with reviews and tags, and times filtering them
 *       by verdict, tag and length through {@link Workspace#demos}.</li>
 * </ol>
 * Argument: the benchmark folder (default {@code target/bench}).
 */
public final class StoreBenchmark {

    private static final int FILTER_DEMOS = 100_000;
    private static final int DEMOS_PER_FILE = 50;
    private static final List<String> TAGS = List.of("failed-grasp", "slow", "dark", "occluded", "jerky", "collision",
            "regrasp", "drift", "wrong-object", "pause", "retry", "fast", "clean", "edge-case", "camera-shake", "blur",
            "overshoot", "hesitation", "partial", "recovery");

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        Files.createDirectories(dir);
        StringBuilder report = new StringBuilder();
        line(report, "VLA Studio workspace benchmark, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ", SQLite " + sqliteVersion());
        line(report, "");

        Path tree = dir.resolve("libero-tree");
        Path marker = tree.resolve(".complete-v1");
        if (!Files.exists(marker)) {
            deleteTree(tree);
            long t0 = System.nanoTime();
            List<Path> files = new LiberoScaleTree(2026).write(tree);
            Files.writeString(marker, files.size() + " files\n");
            line(report, String.format(Locale.ROOT, "generated the tree in %.1f s", seconds(t0)));
        }
        long[] sizes = sizes(tree);
        line(report, String.format(Locale.ROOT, "tree: %d files, %.1f GB apparent, %.2f GB on disk (du)", sizes[0],
                sizes[1] / 1e9, sizes[2] / 1e9));

        SqliteWorkspaces workspaces = new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()),
                Clock.systemUTC(), "bench", WorkspaceOptions.defaults(), TestCounting.worldVla());
        Path ws = dir.resolve("workspace-index");
        deleteTree(ws);
        line(report, "");
        line(report, "| index | files | demos | steps | time |");
        line(report, "|---|---:|---:|---:|---:|");
        try (Workspace w = workspaces.open(ws)) {
            long t0 = System.nanoTime();
            IndexReport cold = w.index(List.of(tree), (done, total, message) -> {
                if (done % 26 == 0) {
                    System.err.printf("\r%d/%d %s          ", done, total, message);
                }
            }, () -> false);
            double coldSeconds = seconds(t0);
            System.err.println();
            check(cold.files() == 130 && cold.demos() == 6500 && cold.failed().isEmpty(), "cold index: " + cold);
            row(report, "cold (new workspace)", cold, coldSeconds);
            t0 = System.nanoTime();
            IndexReport again = w.index(List.of(tree), (d, t, m) -> { }, () -> false);
            double againSeconds = seconds(t0);
            check(again.unchanged() == 130, "re-index: " + again);
            row(report, "nothing changed, same session", again, againSeconds);
        }
        try (Workspace w = workspaces.open(ws)) {
            long t0 = System.nanoTime();
            IndexReport reopened = w.index(List.of(tree), (d, t, m) -> { }, () -> false);
            double s = seconds(t0);
            check(reopened.unchanged() == 130, "re-index after reopening: " + reopened);
            row(report, "nothing changed, workspace reopened", reopened, s);
        }
        line(report, String.format(Locale.ROOT, "workspace.db after indexing: %.1f MB", Files.size(ws.resolve("workspace.db")) / 1e6));

        Path filterWs = dir.resolve("workspace-filter");
        deleteTree(filterWs);
        workspaces.open(filterWs).close();
        long t0 = System.nanoTime();
        fill(filterWs, FILTER_DEMOS);
        line(report, "");
        line(report, String.format(Locale.ROOT, "filter workspace: %,d demos in %,d files, %,d reviewed, inserted in %.1f s",
                FILTER_DEMOS, FILTER_DEMOS / DEMOS_PER_FILE, count(filterWs, "SELECT count(*) FROM reviews"), seconds(t0)));
        line(report, "");
        line(report, "| filter (Workspace.demos) | matches | median | p95 | max |");
        line(report, "|---|---:|---:|---:|---:|");
        try (Workspace w = workspaces.open(filterWs)) {
            filter(report, w, "verdict rejected + tag failed-grasp + length 100..300",
                    DemoQuery.all().verdict(Verdict.REJECTED).tag("failed-grasp").length(100, 300));
            filter(report, w, "verdict flagged + tags dark & slow + length >= 200",
                    DemoQuery.all().verdict(Verdict.FLAGGED).tag("dark").tag("slow").length(200, Integer.MAX_VALUE));
            filter(report, w, "tag occluded", DemoQuery.all().tag("occluded"));
            filter(report, w, "verdict rejected", DemoQuery.all().verdict(Verdict.REJECTED));
            filter(report, w, "length 150..160", DemoQuery.all().length(150, 160));
            filter(report, w, "verdict unreviewed + length <= 100", DemoQuery.all().verdict(Verdict.UNREVIEWED).length(0, 100));
            filter(report, w, "everything", DemoQuery.all());
        }
        System.out.println();
        System.out.println(report);
        Files.writeString(dir.resolve("results.md"), report.toString(), StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder report, String what, IndexReport r, double seconds) {
        line(report, String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %.2f s |", what, r.files(), r.demos(), r.steps(), seconds));
    }

    private static void filter(StringBuilder report, Workspace w, String what, DemoQuery q) throws Exception {
        int matches = 0;
        for (int i = 0; i < 5; i++) {
            matches = w.demos(q).size();
        }
        int runs = 25;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            List<DemoRecord> found = w.demos(q);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            check(found.size() == matches, "stable result");
        }
        Arrays.sort(ms);
        line(report, String.format(Locale.ROOT, "| %s | %,d | %.1f ms | %.1f ms | %.1f ms |", what, matches, ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1]));
    }

    /** Synthetic catalog rows: files, demos with LIBERO-like lengths, 60 % reviewed, 0-3 tags each. */
    private static void fill(Path ws, int demos) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Verdict[] verdicts = {Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.REJECTED, Verdict.FLAGGED};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve("workspace.db"));
             Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try (PreparedStatement file = c.prepareStatement("INSERT INTO source_files (id, path, size_bytes, mtime_ms,"
                    + " fingerprint, status, variant, suite, task, language, indexed_at) VALUES (?, ?, 1, 1, ?, 'ok', 'original', ?, ?, ?, '2026-01-01T00:00:00Z')");
                 PreparedStatement demo = c.prepareStatement("INSERT INTO demos (id, file_id, name, demo_index, length, noop_count)"
                         + " VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement review = c.prepareStatement("INSERT INTO reviews (demo_id, verdict, reviewer, created_at,"
                         + " updated_at, tag_list) VALUES (?, ?, 'bench', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?)");
                 PreparedStatement tag = c.prepareStatement("INSERT INTO review_tags (demo_id, tag) VALUES (?, ?)")) {
                for (int f = 0; f < demos / DEMOS_PER_FILE; f++) {
                    String suite = "suite_" + (f % 20);
                    file.setInt(1, f + 1);
                    file.setString(2, "/data/" + suite + "/task_" + f + "_demo.hdf5");
                    file.setString(3, Long.toHexString(random.nextLong()));
                    file.setString(4, suite);
                    file.setString(5, "task_" + f);
                    file.setString(6, "do task " + f);
                    file.addBatch();
                    for (int d = 0; d < DEMOS_PER_FILE; d++) {
                        int id = f * DEMOS_PER_FILE + d + 1;
                        demo.setInt(1, id);
                        demo.setInt(2, f + 1);
                        demo.setString(3, "demo_" + d);
                        demo.setInt(4, d);
                        demo.setInt(5, (int) Math.max(60, Math.min(520, 170 + random.nextGaussian() * 70)));
                        demo.setInt(6, random.nextInt(6));
                        demo.addBatch();
                        if (random.nextInt(10) < 6) {
                            int tags = random.nextInt(4);
                            List<String> chosen = new ArrayList<>();
                            while (chosen.size() < tags) {
                                String t = TAGS.get(random.nextInt(TAGS.size()));
                                if (!chosen.contains(t)) {
                                    chosen.add(t);
                                    tag.setInt(1, id);
                                    tag.setString(2, t);
                                    tag.addBatch();
                                }
                            }
                            chosen.sort(null);
                            review.setInt(1, id);
                            review.setString(2, verdicts[random.nextInt(verdicts.length)].id());
                            review.setString(3, String.join("\u001f", chosen));
                            review.addBatch();
                        }
                    }
                }
                file.executeBatch();
                demo.executeBatch();
                review.executeBatch();
                tag.executeBatch();
            }
            s.execute("COMMIT");
            s.execute("ANALYZE");
        }
    }

    private static long count(Path ws, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve("workspace.db"));
             Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String sqliteVersion() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    /** Files, apparent bytes, and bytes on disk (from du, if there is one; -1 otherwise). */
    private static long[] sizes(Path tree) throws Exception {
        long files = 0;
        long apparent = 0;
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".hdf5")).toList()) {
                files++;
                apparent += Files.size(p);
            }
        }
        long onDisk = -1;
        try {
            Process du = new ProcessBuilder("du", "-s", "--block-size=1", tree.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (du.waitFor(60, TimeUnit.SECONDS) && du.exitValue() == 0) {
                onDisk = Long.parseLong(out.split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException e) {
            // no du: report apparent size only
        }
        return new long[] {files, apparent, onDisk};
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark sanity check failed: " + what);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void line(StringBuilder report, String text) {
        report.append(text).append('\n');
        System.err.println(text);
    }
}
