package io.vlastudio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes one demo's review across the {@code reviews} and {@code review_*} tables. */
final class ReviewTables {

    private ReviewTables() {
    }

    /** A blank review is stored as no row at all; this is what reading it back gives. */
    static Review canonical(Review r) {
        return r.isBlank() ? Review.EMPTY : r;
    }

    static Review load(Connection c, long demoId) throws SQLException {
        Verdict verdict;
        Trim trim = null;
        String reviewer;
        String created;
        String updated;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT verdict, trim_in, trim_out, reviewer, created_at, updated_at FROM reviews WHERE demo_id = ?")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Review.EMPTY;
                }
                verdict = Verdict.fromId(rs.getString(1));
                int in = rs.getInt(2);
                boolean hasTrim = !rs.wasNull();
                int out = rs.getInt(3);
                if (hasTrim) {
                    trim = new Trim(in, out);
                }
                reviewer = rs.getString(4);
                created = rs.getString(5);
                updated = rs.getString(6);
            }
        }
        List<String> tags = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT tag FROM review_tags WHERE demo_id = ?")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
        }
        List<Note> notes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT text, author, at FROM review_notes WHERE demo_id = ? ORDER BY position")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    notes.add(new Note(rs.getString(1), rs.getString(2), Times.parse(rs.getString(3))));
                }
            }
        }
        List<Segment> segments = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT from_step, to_step, label, text FROM review_segments WHERE demo_id = ? ORDER BY position")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    segments.add(new Segment(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<StepExclusion> exclusions = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT kind, from_step, to_step FROM review_exclusions WHERE demo_id = ? ORDER BY position")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    StepExclusion.Kind kind = StepExclusion.Kind.fromId(rs.getString(1));
                    exclusions.add(kind == StepExclusion.Kind.NO_OPS ? StepExclusion.noOps()
                            : StepExclusion.steps(rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        return new Review(verdict, tags, notes, segments, trim, exclusions, reviewer, Times.parseOrNull(created),
                Times.parseOrNull(updated));
    }

    /** The {@code reviews.tag_list} form of sorted tags (tags never hold control characters). */
    static String tagList(List<String> sortedTags) {
        return String.join("\u001f", sortedTags);
    }

    /** Replaces the demo's stored review by {@code review} (and its {@code tag_list}, the copy listings read). */
    static void store(Connection c, long demoId, Review review) throws SQLException {
        for (String table : List.of("review_tags", "review_notes", "review_segments", "review_exclusions")) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE demo_id = ?")) {
                p.setLong(1, demoId);
                p.executeUpdate();
            }
        }
        Review r = canonical(review);
        if (r.isBlank()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM reviews WHERE demo_id = ?")) {
                p.setLong(1, demoId);
                p.executeUpdate();
            }
            return;
        }
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO reviews (demo_id, verdict, trim_in, trim_out, reviewer, created_at, updated_at, tag_list)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (demo_id) DO UPDATE SET verdict = excluded.verdict, trim_in = excluded.trim_in,
                    trim_out = excluded.trim_out, reviewer = excluded.reviewer, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, tag_list = excluded.tag_list""")) {
            p.setLong(1, demoId);
            p.setString(2, r.verdict().id());
            if (r.trim() == null) {
                p.setNull(3, java.sql.Types.INTEGER);
                p.setNull(4, java.sql.Types.INTEGER);
            } else {
                p.setInt(3, r.trim().in());
                p.setInt(4, r.trim().out());
            }
            p.setString(5, r.reviewer() == null ? "unknown" : r.reviewer());
            p.setString(6, Times.format(r.createdAt() == null ? java.time.Instant.EPOCH : r.createdAt()));
            p.setString(7, Times.format(r.updatedAt() == null ? java.time.Instant.EPOCH : r.updatedAt()));
            p.setString(8, tagList(r.tags()));
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO review_tags (demo_id, tag) VALUES (?, ?)")) {
            for (String tag : r.tags()) {
                p.setLong(1, demoId);
                p.setString(2, tag);
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO review_notes (demo_id, position, text, author, at) VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (Note n : r.notes()) {
                p.setLong(1, demoId);
                p.setInt(2, i++);
                p.setString(3, n.text());
                p.setString(4, n.author());
                p.setString(5, Times.format(n.at()));
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO review_segments (demo_id, position, from_step, to_step, label, text) VALUES (?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            for (Segment s : r.segments()) {
                p.setLong(1, demoId);
                p.setInt(2, i++);
                p.setInt(3, s.from());
                p.setInt(4, s.to());
                p.setString(5, s.label());
                p.setString(6, s.text());
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO review_exclusions (demo_id, position, kind, from_step, to_step) VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (StepExclusion e : r.exclusions()) {
                p.setLong(1, demoId);
                p.setInt(2, i++);
                p.setString(3, e.kind().id());
                if (e.kind() == StepExclusion.Kind.NO_OPS) {
                    p.setNull(4, java.sql.Types.INTEGER);
                    p.setNull(5, java.sql.Types.INTEGER);
                } else {
                    p.setInt(4, e.from());
                    p.setInt(5, e.to());
                }
                p.executeUpdate();
            }
        }
    }
}
