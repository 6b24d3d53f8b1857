package io.vlastudio.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The schema's versions and the small runner that upgrades a workspace to the latest (see ADR 0004). Each migration
 * is an SQL script under {@code io/vlastudio/store/migrations/}, applied in its own write transaction together with
 * {@code PRAGMA user_version} and a row in {@code schema_history}, so an upgrade interrupted at any point leaves the
 * workspace at the previous version, never in between. Released scripts are never edited; their checksums are
 * recorded and pinned by a test.
 */
final class Migrations {

    /** One schema version. */
    record Migration(int version, String description, String script) {

        String sql() {
            String resource = "migrations/" + script;
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource io/vlastudio/store/" + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read io/vlastudio/store/" + resource, e);
            }
        }

        String checksum() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "catalog, reviews and history", "V1__first_schema.sql"),
            new Migration(2, "notes with authors and times", "V2__notes_with_authors.sql"),
            new Migration(3, "tag list on reviews for fast listing", "V3__tag_list_for_listing.sql"),
            new Migration(4, "views, splits and mixes", "V4__views_splits_mixes.sql"),
            new Migration(5, "training runs and their attempts", "V5__runs.sql"));

    private Migrations() {
    }

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Upgrades the workspace to {@code target} (normally {@link #latest()}). Safe against another process upgrading
     * the same workspace at the same time: the version is read again inside each write transaction.
     *
     * @throws WorkspaceException.NewerVersion when the workspace is newer than this build
     */
    static void migrate(Database db, int target, Clock clock) throws WorkspaceException {
        int current = db.read(Migrations::version);
        if (current > latest()) {
            throw new WorkspaceException.NewerVersion(db.directory(), current, latest());
        }
        if (current >= target) {
            return;
        }
        if (db.readOnly()) {
            throw new WorkspaceException.ReadOnly(db.directory(), "the upgrade of the workspace from schema " + current
                    + " to " + target + " (needed to open it)", "it cannot be written", null);
        }
        try {
            // the 12-step ALTER procedure of SQLite wants foreign keys off while tables are rebuilt; they are checked
            // before each migration commits
            db.exec("PRAGMA foreign_keys = OFF");
        } catch (SQLException e) {
            throw Database.translate(db.directory(), e, "the upgrade of the workspace", 0);
        }
        try {
            for (Migration m : ALL) {
                if (m.version() > target) {
                    break;
                }
                db.write("the upgrade of the workspace to schema " + m.version(), c -> {
                    int now = version(c);
                    if (now >= m.version()) {
                        return null; // another process did it
                    }
                    apply(c, m, clock);
                    return null;
                });
            }
        } finally {
            try {
                db.exec("PRAGMA foreign_keys = ON");
            } catch (SQLException ignored) {
                // the connection is unusable anyway; the caller closes it
            }
        }
    }

    private static void apply(Connection c, Migration m, Clock clock) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_history (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                    + " checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
            s.executeUpdate(m.sql());
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                if (rs.next()) {
                    throw new SQLException("migration " + m.script() + " left a broken reference in table " + rs.getString(1));
                }
            }
            s.executeUpdate("PRAGMA user_version = " + m.version());
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO schema_history (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.description());
            p.setString(3, m.checksum());
            p.setString(4, Times.format(Times.now(clock)));
            p.executeUpdate();
        }
    }
}
