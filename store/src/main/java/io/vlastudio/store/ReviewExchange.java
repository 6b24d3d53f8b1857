package io.vlastudio.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reviews as a JSON file curators can share:
 * <pre>{@code
 * {"format": "vla-studio-reviews", "version": 1, "workspace": "<id>", "exported_by": "ana", "exported_at": "...",
 *  "reviews": [{"file": "/data/libero_goal/open_the_drawer_demo.hdf5", "file_name": "open_the_drawer_demo.hdf5",
 *               "suite": "libero_goal", "fingerprint": "<sha-256>", "demo": "demo_3", "length": 120,
 *               "review": { ...see ReviewJson... }}]}
 * }</pre>
 */
final class ReviewExchange {

    static final String FORMAT = "vla-studio-reviews";
    static final long VERSION = 1;

    private final SqliteWorkspace workspace;
    private final Database db;
    private final Clock clock;
    private final String reviewer;

    ReviewExchange(SqliteWorkspace workspace, Database db, Clock clock, String reviewer) {
        this.workspace = workspace;
        this.db = db;
        this.clock = clock;
        this.reviewer = reviewer;
    }

    int export(DemoQuery query, Path file) throws WorkspaceException {
        List<Object> entries = db.read(c -> {
            Map<Long, String[]> files = fileFacts(c);
            List<Object> out = new ArrayList<>();
            for (DemoRecord d : workspace.query(c, query)) {
                Review r = ReviewTables.load(c, d.id());
                if (r.isBlank()) {
                    continue;
                }
                String[] f = files.get(fileId(c, d.id()));
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("file", d.file().toString());
                e.put("file_name", d.file().getFileName().toString());
                e.put("suite", d.suite());
                e.put("fingerprint", f == null ? null : f[0]);
                e.put("demo", d.demo());
                e.put("length", (long) d.length());
                e.put("review", ReviewJson.toMap(r));
                out.add(e);
            }
            return out;
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("workspace", workspace.id());
        doc.put("exported_by", reviewer);
        doc.put("exported_at", Times.format(Times.now(clock)));
        doc.put("reviews", entries);
        Path target = file.toAbsolutePath().normalize();
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(temp, Json.writePretty(doc), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort; the message below is what matters
            }
            throw new WorkspaceException(db.directory(), "cannot write reviews to " + target + " ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + "); nothing was exported.", e);
        }
        return entries.size();
    }

    /** One review of an imported file. */
    private record Entry(String file, String fileName, String suite, String fingerprint, String demo, Review review) {
        String label() {
            return file + "#" + demo;
        }
    }

    ImportReport importFrom(Path file, ImportPolicy policy) throws WorkspaceException {
        List<Entry> entries = parse(file);
        return db.write("the import of " + file, c -> {
            Map<Long, String[]> files = fileFacts(c);
            Map<String, List<Long>> byFingerprint = new HashMap<>();
            Map<String, List<Long>> bySuiteAndName = new HashMap<>();
            Map<String, Long> byPath = new HashMap<>();
            for (Map.Entry<Long, String[]> f : files.entrySet()) {
                String[] v = f.getValue();
                byFingerprint.computeIfAbsent(v[0], k -> new ArrayList<>()).add(f.getKey());
                bySuiteAndName.computeIfAbsent(v[1] + "/" + Path.of(v[2]).getFileName(), k -> new ArrayList<>()).add(f.getKey());
                byPath.put(v[2], f.getKey());
            }
            Instant now = Times.now(clock);
            int applied = 0;
            int unchanged = 0;
            List<ImportReport.Conflict> conflicts = new ArrayList<>();
            List<String> unmatched = new ArrayList<>();
            List<HistoryTables.Change> changes = new ArrayList<>();
            for (Entry e : entries) {
                Long demoId = match(c, e, byFingerprint, bySuiteAndName, byPath);
                if (demoId == null) {
                    unmatched.add(e.label() + " (no such demo in this workspace)");
                    continue;
                }
                Review theirs = ReviewTables.canonical(e.review());
                String problem = fits(theirs, length(c, demoId));
                if (problem != null) {
                    unmatched.add(e.label() + " (" + problem + ")");
                    continue;
                }
                Review mine = ReviewTables.load(c, demoId);
                if (mine.sameContent(theirs)) {
                    unchanged++;
                    continue;
                }
                boolean replace = mine.isBlank() || policy == ImportPolicy.TAKE_THEIRS;
                if (!mine.isBlank()) {
                    DemoRecord d = workspace.record(c, demoId);
                    conflicts.add(new ImportReport.Conflict(d.ref(), mine, theirs, replace));
                }
                if (replace) {
                    ReviewTables.store(c, demoId, theirs);
                    changes.add(new HistoryTables.Change(demoId, mine, theirs));
                    applied++;
                }
            }
            HistoryAction action = changes.isEmpty() ? null : HistoryTables.append(c, HistoryAction.Kind.IMPORT,
                    "import of " + applied + " reviews from " + file.getFileName(), reviewer, now, null, changes);
            return new ImportReport(applied, unchanged, conflicts, unmatched, action);
        });
    }

    private List<Entry> parse(Path file) throws WorkspaceException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceException(db.directory(), "cannot read " + file + " ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + "); nothing was imported.", e);
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new WorkspaceException.BadReviewsFile(db.directory(), file, "malformed JSON (" + e.getMessage() + ")", e);
        }
        if (!(doc instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            throw new WorkspaceException.BadReviewsFile(db.directory(), file, "expected an object with \"format\": \""
                    + FORMAT + "\"", null);
        }
        if (!(m.get("version") instanceof Long v) || v > VERSION) {
            throw new WorkspaceException.BadReviewsFile(db.directory(), file, "its version " + m.get("version")
                    + " is not one this VLA Studio reads (up to " + VERSION + ")", null);
        }
        if (!(m.get("reviews") instanceof List<?> list)) {
            throw new WorkspaceException.BadReviewsFile(db.directory(), file, "\"reviews\" must be a list", null);
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                if (!(list.get(i) instanceof Map<?, ?> e)) {
                    throw new IllegalArgumentException("must be an object");
                }
                String path = text(e.get("file"), "file");
                String demo = text(e.get("demo"), "demo");
                String name = e.get("file_name") instanceof String s ? s : Path.of(path).getFileName().toString();
                String suite = e.get("suite") instanceof String s ? s : "";
                String fingerprint = e.get("fingerprint") instanceof String s ? s : null;
                out.add(new Entry(path, name, suite, fingerprint, demo, ReviewJson.fromMap(e.get("review"))));
            } catch (IllegalArgumentException ex) {
                throw new WorkspaceException.BadReviewsFile(db.directory(), file, "review " + (i + 1) + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static String text(Object o, String what) {
        if (o instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new IllegalArgumentException("\"" + what + "\" must be a non-empty string");
    }

    /** The demo an entry names: same content (fingerprint), else same suite and file name, else same path. */
    private static Long match(Connection c, Entry e, Map<String, List<Long>> byFingerprint,
                              Map<String, List<Long>> bySuiteAndName, Map<String, Long> byPath) throws SQLException {
        List<Long> candidates = new ArrayList<>();
        if (e.fingerprint() != null) {
            candidates.addAll(byFingerprint.getOrDefault(e.fingerprint(), List.of()));
        }
        candidates.addAll(bySuiteAndName.getOrDefault(e.suite() + "/" + e.fileName(), List.of()));
        if (byPath.containsKey(e.file())) {
            candidates.add(byPath.get(e.file()));
        }
        for (Long fileId : candidates) {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM demos WHERE file_id = ? AND name = ?")) {
                p.setLong(1, fileId);
                p.setString(2, e.demo());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
        }
        return null;
    }

    private static String fits(Review r, int length) {
        for (Segment s : r.segments()) {
            if (s.to() > length) {
                return "segment '" + s.label() + "' ends at step " + s.to() + ", but the demo has " + length + " steps";
            }
        }
        if (r.trim() != null && r.trim().out() > length) {
            return "its trim ends at step " + r.trim().out() + ", but the demo has " + length + " steps";
        }
        for (StepExclusion x : r.exclusions()) {
            if (x.kind() == StepExclusion.Kind.STEPS && x.to() > length) {
                return "its excluded steps end at " + x.to() + ", but the demo has " + length + " steps";
            }
        }
        return null;
    }

    /** Per file id: fingerprint, suite, path. */
    private static Map<Long, String[]> fileFacts(Connection c) throws SQLException {
        Map<Long, String[]> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, fingerprint, suite, path FROM source_files")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return out;
    }

    private static long fileId(Connection c, long demoId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT file_id FROM demos WHERE id = ?")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static int length(Connection c, long demoId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT length FROM demos WHERE id = ?")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
