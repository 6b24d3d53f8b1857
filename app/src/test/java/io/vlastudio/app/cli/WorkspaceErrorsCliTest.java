package io.vlastudio.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every workspace command opens its workspace the same way (OpenWorkspaceCommand): a workspace that cannot be opened
 * gives one message and one exit code, whichever command was asked, and a missing one is created.
 */
class WorkspaceErrorsCliTest {

    @TempDir
    Path dir;

    /** The same workspace problem through the predictions, run, curation, review and undo commands. */
    private List<CliRunner.Result> everyKind(CliRunner cli, Path ws) throws Exception {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        List<CliRunner.Result> results = new ArrayList<>();
        for (String[] command : List.of(new String[] {"predictions", "list"}, new String[] {"predictions", "show", "run-a"},
                new String[] {"predictions", "import-videos", videos.toString()}, new String[] {"run", "list"},
                new String[] {"view", "list"}, new String[] {"review", "list"}, new String[] {"review", "history", "a.hdf5#demo_0"},
                new String[] {"review", "set", "a.hdf5#demo_0", "--verdict", "accepted"}, new String[] {"undo"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--workspace", ws.toString()));
            results.add(cli.run(args.toArray(String[]::new)));
        }
        return results;
    }

    private static void assertAllSay(List<CliRunner.Result> results, String... parts) {
        CliRunner.Result first = results.get(0);
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).startsWith("error: ").contains(parts);
        for (CliRunner.Result r : results) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(first.exitCode());
            assertThat(r.err()).isEqualTo(first.err());
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aFileWhereTheWorkspaceShouldBe() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("home"));
        Path file = Files.writeString(dir.resolve("not-a-folder"), "mine");
        assertAllSay(everyKind(cli, file), "cannot create workspace folder " + file);
        assertThat(file).hasContent("mine");
    }

    @Test
    void aDatabaseThatIsNotOne() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("home"));
        Path ws = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(ws.resolve("workspace.db"), "this is not a database, and it is mine");
        assertAllSay(everyKind(cli, ws), ws.toString());
        assertThat(ws.resolve("workspace.db")).hasContent("this is not a database, and it is mine");
    }

    @Test
    void aMissingWorkspaceIsCreatedByEveryCommand() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("home"));
        for (String[] command : List.of(new String[] {"predictions", "list"}, new String[] {"run", "list"},
                new String[] {"review", "list"})) {
            Path ws = dir.resolve("new-" + command[0]);
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--workspace", ws.toString()));
            CliRunner.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(ws.resolve("workspace.db")).isRegularFile();
        }
    }

    @Test
    void aBadCommandLineCreatesNoWorkspace() {
        CliRunner cli = new CliRunner(dir.resolve("home"));
        Path ws = dir.resolve("untouched");
        CliRunner.Result set = cli.run("review", "set", "a.hdf5#demo_0", "--workspace", ws.toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("nothing to change");
        CliRunner.Result history = cli.run("review", "history", "no-hash", "--workspace", ws.toString());
        assertThat(history.exitCode()).isEqualTo(2);
        assertThat(ws).doesNotExist();
    }
}
