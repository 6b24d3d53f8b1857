package io.vlastudio.store;

import io.vlastudio.store.curation.SampleCounter;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.stats.DimensionStatistics;
import io.vlastudio.dataset.stats.StatisticsCalculator;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** A {@link Workspace} in an SQLite database, {@code workspace.db}. Built by {@link SqliteWorkspaces}. */
final class SqliteWorkspace implements Workspace {

    private final Database db;
    private final DemoQueries queries;
    private final Indexer indexer;
    private final ReviewExchange exchange;
    private final Clock clock;
    private final String reviewer;
    private final String id;

    private final SampleCounter counter;

    private SqliteWorkspace(Database db, Indexer indexer, Clock clock, String reviewer, String id, SampleCounter counter) {
        this.db = db;
        this.counter = counter;
        this.queries = new DemoQueries(db);
        this.indexer = indexer;
        this.clock = clock;
        this.reviewer = reviewer;
        this.id = id;
        this.exchange = new ReviewExchange(this, db, clock, reviewer);
    }

    static SqliteWorkspace open(Path directory, WorkspaceOptions options, DemoReader reader,
                                StatisticsCalculator statistics, Clock clock, String reviewer, SampleCounter counter)
            throws WorkspaceException {
        Database db = Database.open(directory, options);
        try {
            Migrations.migrate(db, Migrations.latest(), clock);
            String id = db.read(c -> setting(c, "workspace_id"));
            if (id == null && !db.readOnly()) {
                String fresh = UUID.randomUUID().toString();
                id = db.write("creating the workspace", c -> {
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT OR IGNORE INTO settings (key, value) VALUES ('workspace_id', ?), ('created_at', ?)")) {
                        p.setString(1, fresh);
                        p.setString(2, Times.format(Times.now(clock)));
                        p.executeUpdate();
                    }
                    return setting(c, "workspace_id");
                });
            }
            return new SqliteWorkspace(db, new Indexer(db, reader, statistics, clock, options.readThreads()), clock, reviewer,
                    id == null ? "" : id, counter);
        } catch (WorkspaceException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static String setting(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private SqliteCuration curation;
    private SqliteRuns runs;

    @Override
    public synchronized io.vlastudio.store.runs.Runs runs() {
        if (runs == null) {
            runs = new SqliteRuns(db, clock);
        }
        return runs;
    }

    @Override
    public synchronized io.vlastudio.store.curation.Curation curation() {
        if (curation == null) {
            curation = new SqliteCuration(this, db, clock, counter);
        }
        return curation;
    }

    @Override
    public Path directory() {
        return db.directory();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean readOnly() {
        return db.readOnly();
    }

    // ---- catalog ---------------------------------------------------------------------------------------------

    @Override
    public IndexReport index(List<Path> paths, Progress progress, BooleanSupplier cancelled) throws WorkspaceException {
        db.checkWritable("indexing");
        return indexer.index(paths, progress, cancelled);
    }

    @Override
    public List<SourceFile> files() throws WorkspaceException {
        return db.read(c -> {
            List<SourceFile> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT f.id, f.path, f.size_bytes, f.mtime_ms, f.fingerprint, f.status, f.variant, f.suite, f.task,
                           f.language, count(d.id), coalesce(sum(d.length), 0), f.error_kind, f.error_message,
                           f.indexed_at, f.missing_since
                    FROM source_files f LEFT JOIN demos d ON d.file_id = f.id AND d.present = 1
                    GROUP BY f.id ORDER BY f.path""")) {
                while (rs.next()) {
                    out.add(new SourceFile(rs.getLong(1), Path.of(rs.getString(2)), rs.getLong(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5),
                            SourceFile.Status.valueOf(rs.getString(6).toUpperCase(java.util.Locale.ROOT)), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11), rs.getLong(12),
                            rs.getString(13), rs.getString(14), Times.parse(rs.getString(15)),
                            Times.parseOrNull(rs.getString(16))));
                }
            }
            return out;
        });
    }

    @Override
    public List<DemoRecord> demos(DemoQuery query) throws WorkspaceException {
        return db.read(c -> queries.query(c, query));
    }

    List<DemoRecord> query(Connection c, DemoQuery q) throws SQLException {
        return queries.query(c, q);
    }

    @Override
    public List<ReviewedDemo> reviews(DemoQuery query) throws WorkspaceException {
        return db.read(c -> {
            List<ReviewedDemo> out = new ArrayList<>();
            for (DemoRecord d : query(c, query)) {
                out.add(new ReviewedDemo(d, ReviewTables.load(c, d.id())));
            }
            return out;
        });
    }

    @Override
    public DemoRecord demo(DemoRef ref) throws WorkspaceException {
        return db.read(c -> record(c, resolve(c, ref)));
    }

    DemoRecord record(Connection c, long demoId) throws SQLException {
        return queries.record(c, demoId);
    }

    @Override
    public int[] noOpSteps(DemoRef ref) throws WorkspaceException {
        return db.read(c -> {
            long demoId = resolve(c, ref);
            try (PreparedStatement p = c.prepareStatement("SELECT noop_steps FROM demos WHERE id = ?")) {
                p.setLong(1, demoId);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    String text = rs.getString(1);
                    String inner = text.substring(1, text.length() - 1).trim();
                    return inner.isEmpty() ? new int[0] : Arrays.stream(inner.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                }
            }
        });
    }

    @Override
    public List<DimensionStatistics> actionStatistics(DemoRef ref) throws WorkspaceException {
        String json = db.read(c -> {
            long demoId = resolve(c, ref);
            try (PreparedStatement p = c.prepareStatement("SELECT statistics FROM demos WHERE id = ?")) {
                p.setLong(1, demoId);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        if (json == null) {
            return List.of();
        }
        try {
            List<DimensionStatistics> out = new ArrayList<>();
            for (Object o : (List<?>) ((Map<?, ?>) Json.parse(json)).get("actions")) {
                Map<?, ?> d = (Map<?, ?>) o;
                out.add(new DimensionStatistics(((Number) d.get("count")).intValue(), number(d.get("min")),
                        number(d.get("max")), number(d.get("mean")), number(d.get("std")), number(d.get("q01")),
                        number(d.get("q99"))));
            }
            return out;
        } catch (Json.ParseException | RuntimeException e) {
            throw new WorkspaceException(directory(), "the statistics of " + ref + " in workspace " + directory()
                    + " are unreadable (" + e.getMessage() + "); index its file again after touching it", e);
        }
    }

    /** JSON has no NaN: statistics over no finite value were written as null. */
    private static double number(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    /**
     * The id of the demo a reference names: the file by exact path, by real path, or by a unique path suffix (its
     * name, or {@code suite/name}).
     */
    long resolve(Connection c, DemoRef ref) throws SQLException, WorkspaceException {
        long fileId = resolveFile(c, ref.file());
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM demos WHERE file_id = ? AND name = ?")) {
            p.setLong(1, fileId);
            p.setString(2, ref.demo());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        List<String> names = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM demos WHERE file_id = ? ORDER BY demo_index, name")) {
            p.setLong(1, fileId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        String has = names.isEmpty() ? "no demos" : names.size() <= 6 ? "demos " + String.join(", ", names)
                : names.size() + " demos, " + names.get(0) + " to " + names.get(names.size() - 1);
        throw new WorkspaceException.UnknownDemo(directory(), ref.file() + " has no demo named " + ref.demo() + " (it has "
                + has + ")");
    }

    private long resolveFile(Connection c, String file) throws SQLException, WorkspaceException {
        List<String> candidates = new ArrayList<>();
        try {
            Path p = Path.of(file);
            candidates.add(p.toAbsolutePath().normalize().toString());
            if (java.nio.file.Files.exists(p)) {
                candidates.add(p.toRealPath().toString());
            }
        } catch (InvalidPathException | java.io.IOException ignored) {
            // not a usable path: try it as a name below
        }
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM source_files WHERE path = ?")) {
            for (String candidate : candidates) {
                p.setString(1, candidate);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
        }
        String suffix = "/" + file.replace('\\', '/').replaceAll("^(\\./)+", "");
        List<Long> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, path FROM source_files ORDER BY path")) {
            while (rs.next()) {
                String path = rs.getString(2).replace('\\', '/');
                if (path.endsWith(suffix)) {
                    ids.add(rs.getLong(1));
                    paths.add(rs.getString(2));
                }
            }
        }
        if (ids.size() == 1) {
            return ids.get(0);
        }
        if (ids.isEmpty()) {
            throw new WorkspaceException.UnknownDemo(directory(), "no file " + file + " in workspace " + directory()
                    + "; index it first: vla-studio index " + file + " --workspace " + directory());
        }
        throw new WorkspaceException.UnknownDemo(directory(), file + " matches " + ids.size() + " files in workspace "
                + directory() + " (" + String.join(", ", paths.subList(0, Math.min(5, paths.size())))
                + (paths.size() > 5 ? ", ..." : "") + "); give more of its path");
    }

    String label(Connection c, long demoId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT f.path, d.name FROM demos d JOIN source_files f ON f.id = d.file_id WHERE d.id = ?")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Path.of(rs.getString(1)).getFileName() + "#" + rs.getString(2) : "demo " + demoId;
            }
        }
    }

    // ---- reviews ---------------------------------------------------------------------------------------------

    @Override
    public Review review(DemoRef ref) throws WorkspaceException {
        return db.read(c -> ReviewTables.load(c, resolve(c, ref)));
    }

    @Override
    public Review edit(DemoRef ref, ReviewEdit edit) throws WorkspaceException {
        return edit(List.of(ref), edit).get(0);
    }

    @Override
    public List<Review> edit(List<DemoRef> refs, ReviewEdit edit) throws WorkspaceException {
        if (refs.isEmpty()) {
            return List.of();
        }
        String what = refs.size() == 1 ? "the edit of " + refs.get(0) : "the edit of " + refs.size() + " demos";
        return db.write(what, c -> {
            Instant now = Times.now(clock);
            List<Long> ids = new ArrayList<>();
            for (DemoRef ref : refs) {
                ids.add(resolve(c, ref));
            }
            List<Review> out = new ArrayList<>();
            List<HistoryTables.Change> changes = new ArrayList<>();
            Map<Long, Review> seen = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                long demoId = ids.get(i);
                if (seen.containsKey(demoId)) {
                    out.add(seen.get(demoId));
                    continue;
                }
                Review before = ReviewTables.load(c, demoId);
                Review after;
                try {
                    after = ReviewTables.canonical(edit.applyTo(before, reviewer, now, length(c, demoId)));
                } catch (IllegalArgumentException e) {
                    throw new WorkspaceException.InvalidEdit(directory(), refs.get(i) + ": " + e.getMessage()
                            + ". Nothing was changed.");
                }
                if (!after.equals(before)) {
                    ReviewTables.store(c, demoId, after);
                    changes.add(new HistoryTables.Change(demoId, before, after));
                }
                seen.put(demoId, after);
                out.add(after);
            }
            if (!changes.isEmpty()) {
                String on = seen.size() == 1 ? label(c, ids.get(0)) : seen.size() + " demos";
                HistoryTables.append(c, HistoryAction.Kind.EDIT, edit.description() + " on " + on, reviewer, now, null, changes);
            }
            return out;
        });
    }

    private static int length(Connection c, long demoId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT length FROM demos WHERE id = ?")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    // ---- history ---------------------------------------------------------------------------------------------

    @Override
    public Optional<HistoryAction> undo() throws WorkspaceException {
        return db.write("the undo", c -> {
            int position = HistoryTables.position(c);
            Optional<HistoryAction> target = position == 0 ? Optional.empty() : HistoryTables.stackAction(c, position);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            List<HistoryTables.Change> changes = HistoryTables.changes(c, target.get().id());
            List<HistoryTables.Change> reverts = new ArrayList<>();
            for (int i = changes.size() - 1; i >= 0; i--) {
                HistoryTables.Change ch = changes.get(i);
                Review current = ReviewTables.load(c, ch.demoId());
                checkUnchanged(c, "undo", target.get(), ch.demoId(), current, ch.after());
                Review before = ReviewTables.canonical(ch.before());
                ReviewTables.store(c, ch.demoId(), before);
                reverts.add(new HistoryTables.Change(ch.demoId(), current, before));
            }
            HistoryTables.append(c, HistoryAction.Kind.UNDO, "undo: " + target.get().description(), reviewer,
                    Times.now(clock), target.get().id(), reverts);
            HistoryTables.setPosition(c, position - 1);
            return target;
        });
    }

    @Override
    public Optional<HistoryAction> redo() throws WorkspaceException {
        return db.write("the redo", c -> {
            int position = HistoryTables.position(c);
            Optional<HistoryAction> target = HistoryTables.stackAction(c, position + 1);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            List<HistoryTables.Change> changes = HistoryTables.changes(c, target.get().id());
            List<HistoryTables.Change> redone = new ArrayList<>();
            for (HistoryTables.Change ch : changes) {
                Review current = ReviewTables.load(c, ch.demoId());
                checkUnchanged(c, "redo", target.get(), ch.demoId(), current, ch.before());
                Review after = ReviewTables.canonical(ch.after());
                ReviewTables.store(c, ch.demoId(), after);
                redone.add(new HistoryTables.Change(ch.demoId(), current, after));
            }
            HistoryTables.append(c, HistoryAction.Kind.REDO, "redo: " + target.get().description(), reviewer,
                    Times.now(clock), target.get().id(), redone);
            HistoryTables.setPosition(c, position + 1);
            return target;
        });
    }

    private void checkUnchanged(Connection c, String verb, HistoryAction target, long demoId, Review current,
                                Review expected) throws SQLException, WorkspaceException {
        if (!current.equals(ReviewTables.canonical(expected))) {
            throw new WorkspaceException.HistoryConflict(directory(), "cannot " + verb + " \"" + target.description()
                    + "\": " + label(c, demoId) + " was changed since" + (current.reviewer() == null ? ""
                    : " (last by " + current.reviewer() + " at " + current.updatedAt() + ")") + ". Nothing was changed.");
        }
    }

    @Override
    public Optional<HistoryAction> nextUndo() throws WorkspaceException {
        return db.read(c -> {
            int position = HistoryTables.position(c);
            return position == 0 ? Optional.empty() : HistoryTables.stackAction(c, position);
        });
    }

    @Override
    public Optional<HistoryAction> nextRedo() throws WorkspaceException {
        return db.read(c -> HistoryTables.stackAction(c, HistoryTables.position(c) + 1));
    }

    @Override
    public List<HistoryEntry> history(DemoRef ref) throws WorkspaceException {
        return db.read(c -> HistoryTables.forDemo(c, resolve(c, ref)));
    }

    // ---- sharing ---------------------------------------------------------------------------------------------

    @Override
    public int exportReviews(DemoQuery query, Path file) throws WorkspaceException {
        return exchange.export(query, file);
    }

    @Override
    public ImportReport importReviews(Path file, ImportPolicy policy) throws WorkspaceException {
        return exchange.importFrom(file, policy);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "workspace " + directory();
    }
}
