package io.vlastudio.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A process in the middle of writing to a workspace, for {@link TwoProcessesTest}: takes SQLite's write lock, adds
 * a tag row, prints {@code locked}, and commits when a line arrives on stdin ({@code released}).
 * Arguments: workspace folder.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Connection c = TestData.connect(Path.of(args[0])); Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.executeUpdate("INSERT INTO settings (key, value) VALUES ('lock-holder', 'was here')");
            out.println("locked");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            s.execute("COMMIT");
            out.println("released");
        }
    }
}
