package io.vlastudio.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A second studio process for {@link TwoProcessesTest}: opens the workspace, prints {@code ready}, waits for a line
 * on stdin, then adds {@code count} tags {@code PREFIX-i} to one demo, one edit each (read-modify-write), and
 * prints {@code done}. Arguments: workspace folder, FILE#DEMO, prefix, count.
 */
public final class TagAdderMain {

    private TagAdderMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Workspace ws = TestData.workspaces(Clock.systemUTC()).withReviewer(args[2]).open(Path.of(args[0]))) {
            DemoRef demo = DemoRef.parse(args[1]);
            out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            int count = Integer.parseInt(args[3]);
            for (int i = 0; i < count; i++) {
                ws.edit(demo, ReviewEdit.create().addTag(args[2] + "-" + i));
            }
            out.println("done");
        } catch (WorkspaceException e) {
            out.println("error " + e.getMessage());
            System.exit(3);
        }
    }
}
