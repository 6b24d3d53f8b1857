package io.vlastudio.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists demos for {@link Workspace#demos}. Filters run in SQLite on the demo, review and tag tables (indexes on
 * verdict, tag and length); tags come from {@code reviews.tag_list} (schema 3) rather than a subquery per row; segment
 * labels from {@code review_segments} (its key starts with the demo), looked up only for demos that have a review. What
 * each row shares with its file (path, suite, task, language) comes from a small per-file cache, reloaded whenever
 * the database changed (SQLite's {@code data_version} for other connections, a commit counter for this one), and rows
 * are sorted by file path and demo number in Java. Fewer columns per row matter: each one read through JDBC is a
 * native call.
 */
final class DemoQueries {

    private record FileFacts(long id, Path path, String suite, String task, String language, boolean ok, int rank) {
    }

    private static final String COLUMNS = """
            SELECT d.id, d.file_id, d.name, d.demo_index, d.length, d.noop_count, r.verdict, d.present, d.problem,
                   r.tag_list,
                   CASE WHEN r.demo_id IS NULL THEN NULL ELSE
                       (SELECT group_concat(label, char(31)) FROM review_segments s WHERE s.demo_id = d.id) END
            FROM demos d LEFT JOIN reviews r ON r.demo_id = d.id
            """;

    private final Database db;
    private Map<Long, FileFacts> files = Map.of();
    private long cachedDataVersion = -1;
    private long cachedCommits = -1;

    DemoQueries(Database db) {
        this.db = db;
    }

    List<DemoRecord> query(Connection c, DemoQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!q.verdicts().isEmpty()) {
            boolean unreviewed = q.verdicts().contains(Verdict.UNREVIEWED);
            sql.append(unreviewed ? " AND coalesce(r.verdict, 'unreviewed') IN (" : " AND r.verdict IN (");
            int i = 0;
            for (Verdict v : q.verdicts()) {
                sql.append(i++ == 0 ? "?" : ", ?");
                args.add(v.id());
            }
            sql.append(')');
        }
        for (String tag : q.tags()) {
            sql.append(" AND d.id IN (SELECT demo_id FROM review_tags WHERE tag = ?)");
            args.add(tag);
        }
        for (String label : q.segments()) {
            sql.append(" AND d.id IN (SELECT demo_id FROM review_segments WHERE lower(label) = ?)");
            args.add(label);
        }
        if (q.minLength() > 0) {
            sql.append(" AND d.length >= ?");
            args.add(q.minLength());
        }
        if (q.maxLength() < Integer.MAX_VALUE) {
            sql.append(" AND d.length <= ?");
            args.add(q.maxLength());
        }
        if (q.suite() != null) {
            sql.append(" AND d.file_id IN (SELECT id FROM source_files WHERE suite = ?)");
            args.add(q.suite());
        }
        if (q.task() != null) {
            sql.append(" AND d.file_id IN (SELECT id FROM source_files WHERE task = ?)");
            args.add(q.task());
        }
        if (q.limit() < Integer.MAX_VALUE) {
            sql.append(" ORDER BY (SELECT path FROM source_files WHERE id = d.file_id), d.demo_index, d.name LIMIT ?");
            args.add(q.limit());
        }
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            return records(c, p);
        }
    }

    DemoRecord record(Connection c, long demoId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(COLUMNS + "WHERE d.id = ?")) {
            p.setLong(1, demoId);
            return records(c, p).get(0);
        }
    }

    private List<DemoRecord> records(Connection c, PreparedStatement p) throws SQLException {
        Map<Long, FileFacts> facts = files(c);
        List<DemoRecord> out = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                FileFacts f = facts.get(rs.getLong(2));
                if (f == null) {
                    cachedDataVersion = -1; // a file this connection has not seen yet (written in this transaction)
                    facts = files(c);
                    f = facts.get(rs.getLong(2));
                }
                String verdict = rs.getString(7);
                String tags = rs.getString(10);
                List<String> tagList = tags == null || tags.isEmpty() ? List.of()
                        : tags.indexOf('\u001f') < 0 ? List.of(tags) : List.of(tags.split("\u001f"));
                String labels = rs.getString(11);
                List<String> segmentList = labels == null || labels.isEmpty() ? List.of() : List.of(labels.split("\u001f"));
                out.add(new DemoRecord(rs.getLong(1), f.path(), rs.getString(3), rs.getInt(4), rs.getInt(5), f.suite(),
                        f.task(), f.language(), rs.getInt(6), verdict(verdict),
                        tagList, f.ok() && rs.getBoolean(8), rs.getString(9), segmentList));
                ranks.add(f.rank());
            }
        }
        Integer[] order = new Integer[out.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(ranks::get)
                .thenComparingInt(i -> out.get(i).index()).thenComparing(i -> out.get(i).demo()));
        List<DemoRecord> sorted = new ArrayList<>(order.length);
        for (Integer i : order) {
            sorted.add(out.get(i));
        }
        return sorted;
    }

    private static Verdict verdict(String id) {
        if (id == null) {
            return Verdict.UNREVIEWED;
        }
        return switch (id) {
            case "accepted" -> Verdict.ACCEPTED;
            case "rejected" -> Verdict.REJECTED;
            case "flagged" -> Verdict.FLAGGED;
            default -> Verdict.fromId(id);
        };
    }

    /** Per-file facts, reloaded when anything was committed since they were read. */
    private synchronized Map<Long, FileFacts> files(Connection c) throws SQLException {
        long version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            version = rs.getLong(1);
        }
        long commits = db.commits();
        if (version == cachedDataVersion && commits == cachedCommits) {
            return files;
        }
        List<FileFacts> list = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, path, suite, task, language, status FROM source_files ORDER BY path")) {
            int rank = 0;
            while (rs.next()) {
                list.add(new FileFacts(rs.getLong(1), Path.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), "ok".equals(rs.getString(6)), rank++));
            }
        }
        Map<Long, FileFacts> map = new HashMap<>();
        list.forEach(f -> map.put(f.id(), f));
        files = map;
        cachedDataVersion = version;
        cachedCommits = commits;
        return files;
    }
}
