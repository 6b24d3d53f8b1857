package io.vlastudio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append-only history ({@code actions}, {@code changes}) and the persisted undo stack ({@code undo_stack},
 * {@code undo_state}). See ADR 0005.
 */
final class HistoryTables {

    /** What one action did to one demo. */
    record Change(long demoId, Review before, Review after) {
    }

    private HistoryTables() {
    }

    /** Appends an action and its changes. Undoable actions (edits, imports) are pushed on the undo stack. */
    static HistoryAction append(Connection c, HistoryAction.Kind kind, String description, String reviewer, Instant at,
                                Long target, List<Change> changes) throws SQLException {
        long id;
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO actions (kind, description, reviewer, at, target) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, kind.id());
            p.setString(2, description);
            p.setString(3, reviewer);
            p.setString(4, Times.format(at));
            if (target == null) {
                p.setNull(5, java.sql.Types.INTEGER);
            } else {
                p.setLong(5, target);
            }
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO changes (action_id, demo_id, before, after) VALUES (?, ?, ?, ?)")) {
            for (Change ch : changes) {
                p.setLong(1, id);
                p.setLong(2, ch.demoId());
                p.setString(3, ReviewJson.write(ch.before()));
                p.setString(4, ReviewJson.write(ch.after()));
                p.executeUpdate();
            }
        }
        if (kind == HistoryAction.Kind.EDIT || kind == HistoryAction.Kind.IMPORT) {
            int position = position(c);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM undo_stack WHERE position > ?")) {
                p.setInt(1, position);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO undo_stack (position, action_id) VALUES (?, ?)")) {
                p.setInt(1, position + 1);
                p.setLong(2, id);
                p.executeUpdate();
            }
            setPosition(c, position + 1);
        }
        return new HistoryAction(id, kind, description, reviewer, at, changes.size());
    }

    /** How many actions of the undo stack are applied. */
    static int position(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT position FROM undo_state WHERE id = 1")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void setPosition(Connection c, int position) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE undo_state SET position = ? WHERE id = 1")) {
            p.setInt(1, position);
            p.executeUpdate();
        }
    }

    /** The action at a position of the undo stack (1-based). */
    static Optional<HistoryAction> stackAction(Connection c, int position) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT action_id FROM undo_stack WHERE position = ?")) {
            p.setInt(1, position);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? action(c, rs.getLong(1)) : Optional.empty();
            }
        }
    }

    static Optional<HistoryAction> action(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT a.id, a.kind, a.description, a.reviewer, a.at, (SELECT count(*) FROM changes WHERE action_id = a.id)
                FROM actions a WHERE a.id = ?""")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(action(rs)) : Optional.empty();
            }
        }
    }

    /** The changes of an action, in the order they were made. */
    static List<Change> changes(Connection c, long actionId) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT demo_id, before, after FROM changes WHERE action_id = ? ORDER BY id")) {
            p.setLong(1, actionId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getLong(1), ReviewJson.read(rs.getString(2)), ReviewJson.read(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** Every change to one demo, oldest first. */
    static List<HistoryEntry> forDemo(Connection c, long demoId) throws SQLException {
        List<HistoryEntry> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("""
                SELECT a.id, a.kind, a.description, a.reviewer, a.at,
                       (SELECT count(*) FROM changes WHERE action_id = a.id), ch.before, ch.after
                FROM changes ch JOIN actions a ON a.id = ch.action_id
                WHERE ch.demo_id = ? ORDER BY ch.id""")) {
            p.setLong(1, demoId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEntry(action(rs), ReviewJson.read(rs.getString(7)), ReviewJson.read(rs.getString(8))));
                }
            }
        }
        return out;
    }

    private static HistoryAction action(ResultSet rs) throws SQLException {
        return new HistoryAction(rs.getLong(1), HistoryAction.Kind.fromId(rs.getString(2)), rs.getString(3),
                rs.getString(4), Times.parse(rs.getString(5)), rs.getInt(6));
    }
}
