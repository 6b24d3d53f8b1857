package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewCommandTest {

    @TempDir
    Path dir;
    private Path suite;
    private String file;
    private CliRunner cli;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void indexASuite() throws Exception {
        suite = dir.resolve("data/libero_small");
        List<Path> files = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite,
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(2).withDemosPerTask(3).withImageSize(32)
                        .withFailuresPerTask(0), Progress.NONE, () -> false);
        file = files.get(0).getFileName().toString();
        cli = new CliRunner(dir.resolve("home"));
        assertThat(cli.run("index", suite.toString()).exitCode()).isZero();
    }

    @Test
    void setsAReviewListsItAndUndoesAndRedoesIt() throws Exception {
        CliRunner.Result set = cli.run("review", "set", file + "#demo_1", "--verdict", "rejected", "--tag", "failed-grasp",
                "--tag", "dark", "--note", "drops the bowl", "--segment", "10:30:failed grasp:fingers close on air",
                "--trim", "2:60", "--drop-noops");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo(file + "#demo_1: rejected [dark, failed-grasp], 1 note, 1 segment, trim 2:60,"
                + " without no-op steps\n");

        JsonNode list = json.readTree(cli.run("review", "list", "--verdict", "rejected", "--tag", "dark", "--json").out());
        assertThat(list.size()).isEqualTo(1);
        assertThat(json.readTree(cli.run("review", "list", "--segment", "Failed Grasp", "--json").out()).size()).isEqualTo(1);
        assertThat(json.readTree(cli.run("review", "list", "--segment", "grasp", "--json").out()).size()).isZero();
        JsonNode demo = list.get(0);
        assertThat(demo.get("file").asText()).isEqualTo(suite.resolve(file).toString());
        assertThat(demo.get("demo").asText()).isEqualTo("demo_1");
        assertThat(demo.get("verdict").asText()).isEqualTo("rejected");
        assertThat(demo.get("tags").toString()).isEqualTo("[\"dark\",\"failed-grasp\"]");
        assertThat(demo.get("notes").get(0).get("text").asText()).isEqualTo("drops the bowl");
        assertThat(demo.get("notes").get(0).get("author").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(demo.get("segments").get(0).toString())
                .isEqualTo("{\"from\":10,\"to\":30,\"label\":\"failed grasp\",\"text\":\"fingers close on air\"}");
        assertThat(demo.get("trim").toString()).isEqualTo("{\"in\":2,\"out\":60}");
        assertThat(demo.get("exclusions").get(0).get("kind").asText()).isEqualTo("noops");

        assertThat(json.readTree(cli.run("review", "list", "--json").out()).size()).isEqualTo(6);
        assertThat(json.readTree(cli.run("review", "list", "--verdict", "unreviewed", "--json").out()).size()).isEqualTo(5);

        CliRunner.Result undo = cli.run("undo");
        assertThat(undo.out()).startsWith("undone: verdict rejected, +tag failed-grasp, +tag dark, note \"drops the bowl\"");
        assertThat(json.readTree(cli.run("review", "list", "--verdict", "rejected", "--json").out()).size()).isZero();
        assertThat(cli.run("undo").out()).isEqualTo("nothing to undo\n");
        assertThat(cli.run("redo").out()).startsWith("redone: verdict rejected");
        assertThat(cli.run("redo").out()).isEqualTo("nothing to redo\n");
        assertThat(json.readTree(cli.run("review", "list", "--verdict", "rejected", "--json").out()).size()).isEqualTo(1);

        CliRunner.Result history = cli.run("review", "history", file + "#1");
        assertThat(history.out().lines().toList()).hasSize(3);
        assertThat(history.out()).contains("undo: verdict rejected", "redo: verdict rejected");
    }

    @Test
    void editsSeveralDemosAsOneUndoableAction() {
        CliRunner.Result r = cli.run("review", "set", file + "#0", file + "#2", "--verdict", "accepted");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(cli.run("undo").out()).isEqualTo("undone: verdict accepted on 2 demos\n");
    }

    @Test
    void explainsBadArgumentsAndUnknownDemosWithoutAStackTrace() {
        CliRunner.Result verdict = cli.run("review", "set", file + "#0", "--verdict", "maybe");
        assertThat(verdict.exitCode()).isEqualTo(2);
        assertThat(verdict.err()).contains("unknown verdict 'maybe' (expected unreviewed, accepted, rejected or flagged)");

        CliRunner.Result nothing = cli.run("review", "set", file + "#0");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to change: give --verdict");

        CliRunner.Result unknown = cli.run("review", "set", file + "#demo_7", "--verdict", "accepted");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: " + file + " has no demo named demo_7 (it has demos demo_0, demo_1, demo_2)\n");

        CliRunner.Result outside = cli.run("review", "set", file + "#0", "--segment", "0:9999:reach");
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.err()).contains("segment 'reach' ends at step 9999").contains("Nothing was changed")
                .doesNotContain("\tat ");

        CliRunner.Result badRange = cli.run("review", "set", file + "#0", "--trim", "5");
        assertThat(badRange.exitCode()).isEqualTo(2);
        assertThat(badRange.err()).contains("--trim expects FROM:TO");

        CliRunner.Result reversed = cli.run("review", "set", file + "#0", "--exclude", "40:12");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("--exclude expects FROM:TO").contains("got 40:12");
    }

    @Test
    void aBusyWorkspaceGivesAClearMessageNotAStackTrace() throws Exception {
        Path db = dir.resolve("home/workspace/workspace.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("BEGIN IMMEDIATE");
            CliRunner.Result r = new CliRunner(dir.resolve("home"), java.time.Duration.ofMillis(200))
                    .run("review", "set", file + "#0", "--verdict", "accepted");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: workspace " + db.getParent() + " is busy: another VLA Studio process is"
                    + " writing to it and did not finish within 0.2 s. The edit of " + file + "#demo_0 was not saved;"
                    + " try again in a moment.\n");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void sharesReviewsThroughAFileAndReportsConflicts() throws Exception {
        cli.run("review", "set", file + "#0", "--verdict", "rejected", "--tag", "dark");
        cli.run("review", "set", file + "#1", "--verdict", "accepted");
        Path shared = dir.resolve("reviews.json");
        CliRunner.Result exported = cli.run("review", "export", "--out", shared.toString());
        assertThat(exported.out()).isEqualTo("exported 2 reviews to " + shared + "\n");

        // a colleague with a copy of the files elsewhere
        Path copy = Files.createDirectories(dir.resolve("elsewhere/libero_small"));
        try (var files = Files.list(suite)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        String ws = dir.resolve("colleague").toString();
        cli.run("index", copy.toString(), "--workspace", ws);
        cli.run("review", "set", file + "#1", "--verdict", "flagged", "--workspace", ws);

        CliRunner.Result imported = cli.run("review", "import", shared.toString(), "--workspace", ws);
        assertThat(imported.exitCode()).isEqualTo(3);
        assertThat(imported.out()).contains("imported 1 reviews from " + shared + " (0 already the same, 1 conflicts, 0 not matched)",
                "conflict, kept yours: " + copy.resolve(file) + "#demo_1  yours: flagged  theirs: accepted",
                "--take-theirs");
        List<String> verdicts = new ArrayList<>();
        json.readTree(cli.run("review", "list", "--workspace", ws, "--json").out())
                .forEach(d -> verdicts.add(d.get("demo").asText() + "=" + d.get("verdict").asText()));
        assertThat(verdicts).contains("demo_0=rejected", "demo_1=flagged");

        CliRunner.Result taken = cli.run("review", "import", shared.toString(), "--workspace", ws, "--take-theirs", "--json");
        assertThat(taken.exitCode()).isZero();
        assertThat(json.readTree(taken.out()).get("conflicts").get(0).get("replaced").asBoolean()).isTrue();
    }
}
