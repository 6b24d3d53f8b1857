package io.vlastudio.store;

import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetProblem;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.FileGuard;
import io.vlastudio.dataset.FileReads;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.TaskNames;
import io.vlastudio.dataset.stats.DemoStatistics;
import io.vlastudio.dataset.stats.DimensionStatistics;
import io.vlastudio.dataset.stats.StatisticsCalculator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Brings the catalog up to date with files on disk (see {@link Workspace#index}). Files are read outside any
 * transaction; what was read is written in one short transaction per file, so the write lock is held for
 * milliseconds and a cancel or crash never leaves half a file indexed.
 */
final class Indexer {

    /** A catalogued file as the index sees it. */
    private record Known(long id, String path, long size, long mtime, String fingerprint, String status) {
    }

    /** What reading one demo gave. */
    record DemoContent(String name, int index, int length, int[] noOpSteps, String statistics, String problem) {
    }

    /** What reading one file gave: demos, or the reason it could not be read. */
    record FileContent(String variant, String suite, String task, String language, String structureHash,
                       List<DemoContent> demos, String errorKind, String errorMessage, List<String> warnings) {
        boolean ok() {
            return errorKind == null;
        }

        static FileContent failed(Path file, String kind, String message) {
            return new FileContent(null, TaskNames.suiteName(file), TaskNames.taskName(file), "", null, List.of(), kind,
                    message, List.of());
        }
    }

    /** What the read of one file decided, before anything is written. */
    private enum Step { UNCHANGED, TOUCH, READ, UNREADABLE }

    /**
     * One file as read (on a reading thread): its size, time and fingerprint, what to do with it, and for
     * {@link Step#READ} its content ({@code null}: cancelled part way); for {@link Step#UNREADABLE} the reason.
     */
    private record Prepared(Step step, long size, long mtime, String fingerprint, String problem, FileContent content) {
        Prepared with(FileContent c) {
            return new Prepared(step, size, mtime, fingerprint, problem, c);
        }
    }

    private final Database db;
    private final DemoReader reader;
    private final DatasetScanner scanner;
    private final FileGuard guard = new FileGuard();
    private final StatisticsCalculator statistics;
    private final Clock clock;
    private final int readThreads;

    Indexer(Database db, DemoReader reader, StatisticsCalculator statistics, Clock clock, int readThreads) {
        this.db = db;
        this.reader = reader;
        this.scanner = new DatasetScanner(reader);
        this.statistics = statistics;
        this.clock = clock;
        this.readThreads = readThreads;
    }

    IndexReport index(List<Path> roots, Progress progress, BooleanSupplier cancelled) throws WorkspaceException {
        long start = System.nanoTime();
        List<IndexReport.Failure> failures = new ArrayList<>();
        List<IndexReport.Failure> warnings = new ArrayList<>();
        Set<Path> found = new LinkedHashSet<>();
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                failures.add(new IndexReport.Failure(abs, "not_found", abs + ": no such file or folder"));
                continue;
            }
            try {
                DatasetScanner.Found search = scanner.find(List.of(abs));
                search.files().forEach(p -> found.add(p.toAbsolutePath().normalize()));
                for (DatasetException problem : search.problems()) {
                    failures.add(new IndexReport.Failure(problem.file(), "unreadable", problem.getMessage()));
                }
            } catch (IOException e) {
                failures.add(new IndexReport.Failure(abs, "unreadable", abs + ": cannot list the folder (" + e.getMessage() + ")"));
            }
        }
        List<Path> files = found.stream().sorted().toList();
        Map<String, Known> known = db.read(Indexer::loadKnown);

        markMissing(known, found);
        int[] counts = new int[3]; // added, changed, unchanged
        List<IndexReport.Relink> relinked = new ArrayList<>();
        AtomicBoolean halted = new AtomicBoolean(); // a file's read stopped part way by the cancel
        BooleanSupplier stop = () -> halted.get() || cancelled.getAsBoolean(); // asked on the reading threads too
        // up to readThreads files are read at once (ADR 0031); each outcome is written here, one file at a time,
        // in path order, exactly as a one-at-a-time index would write it
        boolean completed = new FileReads(readThreads, guard).<Prepared, WorkspaceException>forEach(files,
                file -> prepare(file, known.get(file.toString()), stop), stop, (i, file, read, error) -> {
                    progress.report(i, files.size(), "Indexing " + file.getFileName());
                    Known k = known.get(file.toString());
                    Prepared p = read;
                    if (error != null) {
                        // the read failed past the reader's own handling (a time limit, an Error): the file is
                        // recorded as failed, with the size, time and fingerprint it has
                        p = plan(file, k);
                        if (p.step() == Step.READ) {
                            p = p.with(FileContent.failed(file, error.kind(), error.getMessage()));
                        }
                    }
                    switch (p.step()) {
                        case UNCHANGED -> counts[2]++;
                        case TOUCH -> {
                            touch(k.id(), p.mtime()); // same content (touched, or back at its path after going missing)
                            counts[2]++;
                        }
                        case UNREADABLE -> failures.add(new IndexReport.Failure(file, "unreadable", p.problem()));
                        case READ -> {
                            FileContent content = p.content();
                            if (content == null) {
                                halted.set(true);
                                return;
                            }
                            Prepared q = p;
                            Outcome outcome = db.write("indexing " + file,
                                    c -> store(c, file, q.size(), q.mtime(), q.fingerprint(), content));
                            content.warnings().forEach(w -> warnings.add(new IndexReport.Failure(file, "warning", w)));
                            switch (outcome.kind()) {
                                case ADDED -> counts[0]++;
                                case CHANGED -> counts[1]++;
                                case RELINKED -> relinked.add(new IndexReport.Relink(Path.of(outcome.from()), file));
                            }
                        }
                    }
                });
        boolean stopped = !completed || halted.get();
        int added = counts[0];
        int changed = counts[1];
        int unchanged = counts[2];
        progress.report(files.size(), Math.max(1, files.size()), (stopped ? "Cancelled after " : "Indexed ") + files.size() + " files");
        List<Path> missing = new ArrayList<>();
        long[] totals = db.read(c -> totals(c, found, failures, missing));
        return new IndexReport(files.size(), added, changed, unchanged, relinked, missing, failures, totals[0], totals[1],
                stopped, Duration.ofNanos(System.nanoTime() - start), warnings);
    }

    private static Map<String, Known> loadKnown(Connection c) throws SQLException {
        Map<String, Known> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, path, size_bytes, mtime_ms, fingerprint, status FROM source_files")) {
            while (rs.next()) {
                Known k = new Known(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6));
                out.put(k.path(), k);
            }
        }
        return out;
    }

    /** Marks catalogued files that are gone from disk. */
    private void markMissing(Map<String, Known> known, Set<Path> found) throws WorkspaceException {
        List<Known> gone = new ArrayList<>();
        for (Known k : known.values()) {
            if (!k.status().equals("missing") && !found.contains(Path.of(k.path())) && !Files.exists(Path.of(k.path()))) {
                gone.add(k);
            }
        }
        if (!gone.isEmpty()) {
            String now = Times.format(Times.now(clock));
            db.write("marking " + gone.size() + " missing files", c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE source_files SET status = 'missing', missing_since = ? WHERE id = ? AND status <> 'missing'")) {
                    for (Known k : gone) {
                        p.setString(1, now);
                        p.setLong(2, k.id());
                        p.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    private void touch(long id, long mtime) throws WorkspaceException {
        db.write("updating the catalog", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE source_files SET mtime_ms = ?, status = 'ok', missing_since = NULL WHERE id = ?")) {
                p.setLong(1, mtime);
                p.setLong(2, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * What to do with a file, from its size, time and fingerprint against the catalog's: nothing (unchanged),
     * a touch (same content), or a read.
     */
    private static Prepared plan(Path file, Known k) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long size = attrs.size();
            long mtime = attrs.lastModifiedTime().toMillis();
            if (k != null && !k.status().equals("missing") && k.size() == size && k.mtime() == mtime) {
                return new Prepared(Step.UNCHANGED, size, mtime, null, null, null);
            }
            String fingerprint = Fingerprint.of(file);
            if (k != null && !k.status().equals("failed") && fingerprint.equals(k.fingerprint())) {
                return new Prepared(Step.TOUCH, size, mtime, fingerprint, null, null);
            }
            return new Prepared(Step.READ, size, mtime, fingerprint, null, null);
        } catch (IOException e) {
            return new Prepared(Step.UNREADABLE, 0, 0, null, file + ": cannot read the file (" + describe(e) + ")", null);
        }
    }

    /**
     * Plans a file and, when it must be read, reads its demos and their action statistics (content
     * {@code null} when cancelled part way). Runs on a reading thread, inside the file's {@link FileGuard}
     * (its own thread, a time limit, any throwable as this file's failure), so no file can stop or stall the others.
     */
    private Prepared prepare(Path file, Known k, BooleanSupplier cancelled) throws DatasetException {
        Prepared p = plan(file, k);
        return p.step() == Step.READ ? p.with(readUnguarded(file, cancelled)) : p;
    }

    private FileContent readUnguarded(Path file, BooleanSupplier cancelled) throws DatasetException {
        try (DemoFile f = reader.open(file)) {
            List<DemoContent> demos = new ArrayList<>();
            MessageDigest structure = Fingerprint.sha256();
            structure.update(f.variant().id().getBytes(StandardCharsets.UTF_8));
            for (DemoSummary s : f.demos()) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                structure.update((s.name() + ":" + s.length() + ":" + s.cameras().stream()
                        .map(CameraInfo::datasetName).toList() + ";").getBytes(StandardCharsets.UTF_8));
                demos.add(readDemo(f, s));
            }
            List<String> warnings = new ArrayList<>();
            f.problems().forEach(p -> warnings.add(p.message()));
            for (DemoContent d : demos) {
                if (d.problem() != null && f.demo(d.name()).map(DemoSummary::valid).orElse(true)) {
                    warnings.add(d.problem()); // read problems (non-finite actions, checksums) beside structural ones
                }
            }
            return new FileContent(f.variant().id(), f.suite(), f.task(), f.language(),
                    HexFormat.of().formatHex(structure.digest()), demos, null, null, warnings);
        } catch (DatasetException e) {
            return FileContent.failed(file, e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            // a parser failure the reader did not anticipate: one bad file must not stop the others
            return FileContent.failed(file, "unreadable", file + ": expected a readable HDF5 file, found " + e);
        }
    }

    private DemoContent readDemo(DemoFile f, DemoSummary s) {
        if (!s.valid()) {
            return new DemoContent(s.name(), s.index(), s.length(), new int[0], null, s.problems().get(0).message());
        }
        try {
            double[][] actions = f.openDemo(s.name()).actions();
            DemoStatistics stats = statistics.demo(f.path(), s.name(), s.hdf5Path() + "/actions", actions);
            List<DatasetProblem> nonFinite = stats.nonFinite();
            String problem = nonFinite.isEmpty() ? null
                    : nonFinite.size() + " non-finite action values; first: " + nonFinite.get(0).message();
            return new DemoContent(s.name(), s.index(), s.length(), stats.noOpSteps(), statisticsJson(stats), problem);
        } catch (DatasetException | RuntimeException e) {
            return new DemoContent(s.name(), s.index(), s.length(), new int[0], null, e.getMessage());
        } catch (StackOverflowError | OutOfMemoryError e) {
            // this demo's arrays could not be read; the others of the file still can
            return new DemoContent(s.name(), s.index(), s.length(), new int[0], null, f.path() + " at " + s.hdf5Path()
                    + ": expected actions that fit in memory, found " + e);
        }
    }

    static String statisticsJson(DemoStatistics stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> dims = new ArrayList<>();
        for (DimensionStatistics d : stats.dimensions()) {
            Map<String, Object> dim = new LinkedHashMap<>();
            dim.put("count", (long) d.count());
            dim.put("min", finiteOrNull(d.min()));
            dim.put("max", finiteOrNull(d.max()));
            dim.put("mean", finiteOrNull(d.mean()));
            dim.put("std", finiteOrNull(d.std()));
            dim.put("q01", finiteOrNull(d.q01()));
            dim.put("q99", finiteOrNull(d.q99()));
            dims.add(dim);
        }
        m.put("actions", dims);
        m.put("out_of_range", (long) stats.outOfRangeCount());
        m.put("non_finite", (long) stats.nonFinite().size());
        m.put("gripper_events", (long) stats.gripperEvents().size());
        return Json.write(m);
    }

    /**
     * A statistic over no finite value (a dimension that is all NaN) is NaN; JSON has no NaN, so the index records
     * it as {@code null} and {@code SqliteWorkspace} reads {@code null} back as NaN.
     */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    enum OutcomeKind { ADDED, CHANGED, RELINKED }

    record Outcome(OutcomeKind kind, String from) {
    }

    /** Writes one file's row and demos; runs inside the file's transaction. */
    private Outcome store(Connection c, Path file, long size, long mtime, String fingerprint, FileContent content)
            throws SQLException {
        String path = file.toString();
        String now = Times.format(Times.now(clock));
        Long id = null;
        OutcomeKind kind;
        String from = null;
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM source_files WHERE path = ?")) {
            p.setString(1, path);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
        }
        if (id != null) {
            kind = OutcomeKind.CHANGED;
        } else {
            Long candidate = null;
            try (PreparedStatement p = c.prepareStatement("""
                    SELECT id, path FROM source_files WHERE status = 'missing' AND fingerprint = ?
                      AND (? IS NULL OR structure_hash IS NULL OR structure_hash = ?)
                    ORDER BY id""")) {
                p.setString(1, fingerprint);
                p.setString(2, content.structureHash());
                p.setString(3, content.structureHash());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Path old = Path.of(rs.getString(2));
                        if (Files.exists(old)) {
                            continue; // back at its own path too: that one keeps the identity
                        }
                        boolean sameName = old.getFileName().equals(file.getFileName());
                        if (candidate == null || sameName) {
                            candidate = rs.getLong(1);
                            from = old.toString();
                            if (sameName) {
                                break;
                            }
                        }
                    }
                }
            }
            if (candidate != null) {
                id = candidate;
                kind = OutcomeKind.RELINKED;
            } else {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO source_files (path, size_bytes, mtime_ms, fingerprint, status, indexed_at) VALUES (?, 0, 0, '', 'ok', ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    p.setString(1, path);
                    p.setString(2, now);
                    p.executeUpdate();
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                kind = OutcomeKind.ADDED;
            }
        }
        try (PreparedStatement p = c.prepareStatement("""
                UPDATE source_files SET path = ?, size_bytes = ?, mtime_ms = ?, fingerprint = ?, structure_hash = ?,
                    status = ?, variant = ?, suite = ?, task = ?, language = ?, error_kind = ?, error_message = ?,
                    indexed_at = ?, missing_since = NULL
                WHERE id = ?""")) {
            p.setString(1, path);
            p.setLong(2, size);
            p.setLong(3, mtime);
            p.setString(4, fingerprint);
            p.setString(5, content.structureHash());
            p.setString(6, content.ok() ? "ok" : "failed");
            p.setString(7, content.variant());
            p.setString(8, content.suite());
            p.setString(9, content.task());
            p.setString(10, content.language());
            p.setString(11, content.errorKind());
            p.setString(12, content.errorMessage());
            p.setString(13, now);
            p.setLong(14, id);
            p.executeUpdate();
        }
        if (content.ok()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE demos SET present = 0 WHERE file_id = ?")) {
                p.setLong(1, id);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO demos (file_id, name, demo_index, length, noop_count, noop_steps, statistics, problem, present)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
                    ON CONFLICT (file_id, name) DO UPDATE SET demo_index = excluded.demo_index, length = excluded.length,
                        noop_count = excluded.noop_count, noop_steps = excluded.noop_steps,
                        statistics = excluded.statistics, problem = excluded.problem, present = 1""")) {
                for (DemoContent d : content.demos()) {
                    p.setLong(1, id);
                    p.setString(2, d.name());
                    p.setInt(3, d.index());
                    p.setInt(4, d.length());
                    p.setInt(5, d.noOpSteps().length);
                    p.setString(6, steps(d.noOpSteps()));
                    p.setString(7, d.statistics());
                    p.setString(8, d.problem());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        return new Outcome(kind, from);
    }

    static String steps(int[] steps) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < steps.length; i++) {
            s.append(i == 0 ? "" : ",").append(steps[i]);
        }
        return s.append(']').toString();
    }

    /**
     * Demos and steps of the files found, the found files that could not be read (now or at an earlier run), and every
     * catalogued file that is missing.
     */
    private static long[] totals(Connection c, Set<Path> files, List<IndexReport.Failure> failures, List<Path> missing)
            throws SQLException {
        long demos = 0;
        long steps = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT path FROM source_files WHERE status = 'missing' ORDER BY path")) {
            while (rs.next()) {
                missing.add(Path.of(rs.getString(1)));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT path, error_kind, error_message FROM source_files WHERE status = 'failed' ORDER BY path")) {
            while (rs.next()) {
                Path p = Path.of(rs.getString(1));
                if (files.contains(p)) {
                    failures.add(new IndexReport.Failure(p, rs.getString(2), rs.getString(3)));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT f.path, count(d.id), coalesce(sum(d.length), 0)
                FROM source_files f JOIN demos d ON d.file_id = f.id AND d.present = 1
                WHERE f.status = 'ok' GROUP BY f.id""")) {
            while (rs.next()) {
                if (files.contains(Path.of(rs.getString(1)))) {
                    demos += rs.getLong(2);
                    steps += rs.getLong(3);
                }
            }
        }
        return new long[] {demos, steps};
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "it disappeared";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

}
