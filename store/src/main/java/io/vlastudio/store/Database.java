package io.vlastudio.store;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The connection to one {@code workspace.db} and the only place transactions are made: every change runs in
 * {@code BEGIN IMMEDIATE ... COMMIT} (taking SQLite's write lock up front, waiting up to the busy timeout for
 * another process to finish), every SQLite failure becomes a {@link WorkspaceException} saying what was not saved.
 * WAL journal, {@code synchronous=FULL} (a returned change survives a crash or power loss), foreign keys on.
 */
final class Database implements AutoCloseable {

    /** Work inside a transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException, WorkspaceException;
    }

    private final Path directory;
    private final Connection connection;
    private final boolean readOnly;
    private final String readOnlyReason;
    private final long busyTimeoutMillis;
    private long commits;

    private Database(Path directory, Connection connection, boolean readOnly, String readOnlyReason, long busyTimeoutMillis) {
        this.directory = directory;
        this.connection = connection;
        this.readOnly = readOnly;
        this.readOnlyReason = readOnlyReason;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    static Database open(Path directory, WorkspaceOptions options) throws WorkspaceException {
        Path db = directory.resolve(Workspaces.DATABASE_FILE);
        String reason = options.readOnly() ? "opened read-only" : null;
        if (reason == null && !Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory);
            } catch (AccessDeniedException e) {
                throw new WorkspaceException(directory, "cannot create workspace folder " + directory
                        + ": permission denied. Choose a folder you can write to (--workspace DIR).", e);
            } catch (IOException e) {
                throw new WorkspaceException(directory, "cannot create workspace folder " + directory + ": "
                        + describe(e) + ". Choose another folder (--workspace DIR).", e);
            }
        }
        if (!Files.isDirectory(directory)) {
            throw new WorkspaceException(directory, "no workspace at " + directory + ": the folder does not exist");
        }
        if (reason == null && (!Files.isWritable(directory) || Files.exists(db) && !Files.isWritable(db))) {
            reason = "the folder or " + Workspaces.DATABASE_FILE + " is not writable";
        }
        boolean readOnly = reason != null;
        if (readOnly && !Files.isRegularFile(db)) {
            throw new WorkspaceException(directory, "no workspace in " + directory + " (it has no " + Workspaces.DATABASE_FILE
                    + ") and none can be created there: " + reason + ".");
        }
        // a WAL database needs its -shm file even to be read; in a folder that cannot be written SQLite cannot create
        // it, so such a workspace is opened as immutable, which is right only if no change is still in its -wal file
        boolean immutable = readOnly && !Files.isWritable(directory);
        Path wal = directory.resolve(Workspaces.DATABASE_FILE + "-wal");
        if (immutable && walHoldsChanges(wal)) {
            throw new WorkspaceException(directory, "workspace " + directory + " cannot be opened: " + reason
                    + ", and its last changes are still in " + wal.getFileName() + " because it was not closed cleanly."
                    + " Make the folder writable (or copy the workspace to a writable folder) and open it there once.");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        Connection connection;
        try {
            String url = immutable ? "jdbc:sqlite:" + db.toAbsolutePath().toUri() + "?immutable=1"
                    : "jdbc:sqlite:" + db.toAbsolutePath();
            connection = config.createConnection(url);
        } catch (SQLException e) {
            throw translate(directory, e, "opening the workspace", options.busyTimeout().toMillis());
        }
        Database database = new Database(directory, connection, readOnly, reason, options.busyTimeout().toMillis());
        try {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            if (options.maxDatabaseBytes() > 0 && !readOnly) {
                long pageSize = database.queryLong("PRAGMA page_size");
                database.exec("PRAGMA max_page_count = " + Math.max(1, options.maxDatabaseBytes() / pageSize));
            }
        } catch (SQLException e) {
            database.close();
            throw translate(directory, e, "opening the workspace", options.busyTimeout().toMillis());
        }
        return database;
    }

    private static boolean walHoldsChanges(Path wal) {
        try {
            return Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** How many write transactions this connection committed (other connections' show in data_version). */
    synchronized long commits() {
        return commits;
    }

    Path directory() {
        return directory;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Throws {@link WorkspaceException.ReadOnly} for {@code what} when changes are refused. */
    void checkWritable(String what) throws WorkspaceException {
        if (readOnly) {
            throw new WorkspaceException.ReadOnly(directory, what, readOnlyReason, null);
        }
    }

    /**
     * Runs {@code work} as one write transaction, all or nothing.
     *
     * @param what the change, for messages: {@code "the edit of x_demo.hdf5#demo_3"}
     */
    synchronized <T> T write(String what, Work<T> work) throws WorkspaceException {
        checkWritable(what);
        boolean committed = false;
        try {
            exec("BEGIN IMMEDIATE");
            T result = work.run(connection);
            exec("COMMIT");
            committed = true;
            commits++;
            return result;
        } catch (SQLException e) {
            throw translate(directory, e, what, busyTimeoutMillis);
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
        }
    }

    /** Runs {@code work} in one read transaction (a consistent snapshot). */
    synchronized <T> T read(Work<T> work) throws WorkspaceException {
        boolean done = false;
        try {
            exec("BEGIN");
            T result = work.run(connection);
            exec("COMMIT");
            done = true;
            return result;
        } catch (SQLException e) {
            throw translate(directory, e, "reading the workspace", busyTimeoutMillis);
        } finally {
            if (!done) {
                rollbackQuietly();
            }
        }
    }

    /** Runs a statement outside a transaction (pragmas). */
    synchronized void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    synchronized long queryLong(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open (BEGIN failed), or SQLite already rolled back: nothing was committed either way
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // every change was committed or rolled back already
        }
    }

    /** Turns an SQLite failure into a message for the user. */
    static WorkspaceException translate(Path directory, SQLException e, String what, long busyTimeoutMillis) {
        if (e instanceof SQLiteException se) {
            int primary = se.getResultCode().code & 0xff;
            String detail = sqliteMessage(se);
            switch (primary) {
                case 5, 6:
                    return new WorkspaceException.Busy(directory, capitalize(what), busyTimeoutMillis, e);
                case 8:
                    return new WorkspaceException.ReadOnly(directory, what, detail, e);
                case 13:
                    return new WorkspaceException.Full(directory, what, e);
                case 11, 26:
                    return new WorkspaceException.Damaged(directory, detail, e);
                case 10:
                    return new WorkspaceException(directory, "could not read or write workspace " + directory
                            + " (disk I/O error: " + detail + "): " + what + " was not saved. Check the disk and try again.", e);
                case 14:
                    return new WorkspaceException(directory, "cannot open " + directory.resolve(Workspaces.DATABASE_FILE)
                            + " (" + detail + "). Check that the folder exists and can be read.", e);
                default:
                    break;
            }
            return new WorkspaceException(directory, what + " failed in workspace " + directory + ": " + detail, e);
        }
        return new WorkspaceException(directory, what + " failed in workspace " + directory + ": " + e.getMessage(), e);
    }

    /** SQLite's own short message: "database or disk is full" rather than the driver's decorated one. */
    private static String sqliteMessage(SQLiteException e) {
        String m = e.getMessage();
        int open = m == null ? -1 : m.lastIndexOf('(');
        return open >= 0 && m.endsWith(")") ? m.substring(open + 1, m.length() - 1) : String.valueOf(m);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String describe(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
