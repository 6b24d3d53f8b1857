package io.vlastudio.store;

import io.vlastudio.store.runs.RunAttempt;
import io.vlastudio.store.runs.Runs;
import io.vlastudio.store.runs.SavedRun;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Runs} in the workspace database (schema 5: runs, run_attempts). */
final class SqliteRuns implements Runs {

    private final Database db;
    private final Clock clock;

    SqliteRuns(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public boolean save(String name, String configJson, boolean replace) throws WorkspaceException {
        String now = Times.format(Times.now(clock));
        return db.write("saving run " + name, c -> {
            String sql = replace
                    ? "INSERT INTO runs (name, config, created_at, updated_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at"
                    : "INSERT OR IGNORE INTO runs (name, config, created_at, updated_at) VALUES (?, ?, ?, ?)";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, name);
                p.setString(2, configJson);
                p.setString(3, now);
                p.setString(4, now);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<SavedRun> get(String name) throws WorkspaceException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT name, config, created_at, updated_at FROM runs WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(run(rs)) : Optional.<SavedRun>empty();
                }
            }
        });
    }

    @Override
    public List<SavedRun> list() throws WorkspaceException {
        return db.read(c -> {
            List<SavedRun> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, config, created_at, updated_at FROM runs ORDER BY name")) {
                while (rs.next()) {
                    out.add(run(rs));
                }
            }
            return out;
        });
    }

    private static SavedRun run(ResultSet rs) throws SQLException {
        return new SavedRun(rs.getString(1), rs.getString(2), Times.parse(rs.getString(3)), Times.parse(rs.getString(4)));
    }

    @Override
    public boolean delete(String name) throws WorkspaceException {
        return db.write("deleting run " + name, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM runs WHERE name = ?")) {
                p.setString(1, name);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long startAttempt(String run, String status, String recordJson) throws WorkspaceException {
        String now = Times.format(Times.now(clock));
        return db.write("recording a start of run " + run, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO run_attempts (run, started_at, status, record) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, run);
                p.setString(2, now);
                p.setString(3, status);
                p.setString(4, recordJson);
                p.executeUpdate();
                try (ResultSet rs = p.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void updateAttempt(long id, String status, String recordJson, boolean ended) throws WorkspaceException {
        String now = Times.format(Times.now(clock));
        db.write("recording the state of run attempt " + id, c -> {
            try (PreparedStatement p = c.prepareStatement(ended
                    ? "UPDATE run_attempts SET status = ?, record = ?, ended_at = ? WHERE id = ?"
                    : "UPDATE run_attempts SET status = ?, record = ? WHERE id = ?")) {
                p.setString(1, status);
                p.setString(2, recordJson);
                if (ended) {
                    p.setString(3, now);
                    p.setLong(4, id);
                } else {
                    p.setLong(3, id);
                }
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<RunAttempt> attempts(String run) throws WorkspaceException {
        return db.read(c -> {
            List<RunAttempt> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, run, started_at, ended_at, status, record FROM run_attempts WHERE run = ? ORDER BY id")) {
                p.setString(1, run);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(attempt(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<RunAttempt> attempt(long id) throws WorkspaceException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, run, started_at, ended_at, status, record FROM run_attempts WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(attempt(rs)) : Optional.<RunAttempt>empty();
                }
            }
        });
    }

    private static RunAttempt attempt(ResultSet rs) throws SQLException {
        return new RunAttempt(rs.getLong(1), rs.getString(2), Times.parse(rs.getString(3)),
                Times.parseOrNull(rs.getString(4)), rs.getString(5), rs.getString(6));
    }
}
