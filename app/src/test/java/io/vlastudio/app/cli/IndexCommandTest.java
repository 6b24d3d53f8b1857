package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IndexCommandTest {

    @TempDir
    static Path dir;
    private static Path suite;

    @BeforeAll
    static void writeData() throws Exception {
        suite = dir.resolve("data/libero_small");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(2).withDemosPerTask(3).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        PythonFixtures.writeH5pyFixtures(dir.resolve("h5py"));
    }

    @Test
    void indexesIntoTheDefaultWorkspaceAndPrintsFilesDemosStepsAndErrors() throws Exception {
        Path home = dir.resolve("home-default");
        CliRunner cli = new CliRunner(home);
        CliRunner.Result r = cli.run("index", suite.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("^2 files, 6 demos, [0-9,]+ steps, 0 errors \\(2 new, 0 changed, 0 unchanged,"
                + " 0 re-linked, 0 missing\\) in " + home.resolve("workspace"));
        assertThat(home.resolve("workspace/workspace.db")).isRegularFile();

        CliRunner.Result again = cli.run("index", suite.toString(), "--json");
        assertThat(again.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(again.out());
        assertThat(json.get("files").asInt()).isEqualTo(2);
        assertThat(json.get("unchanged").asInt()).isEqualTo(2);
        assertThat(json.get("demos").asInt()).isEqualTo(6);
        assertThat(json.get("steps").asLong()).isPositive();
        assertThat(json.get("errors").size()).isZero();
    }

    @Test
    void listsFilesThatCannotBeReadOnStderrAndExitsWithOne() throws Exception {
        Path ws = dir.resolve("ws-bad");
        CliRunner.Result r = new CliRunner(dir.resolve("home")).run("index", dir.resolve("h5py/bad").toString(),
                suite.toString(), "--workspace", ws.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: " + dir.resolve("h5py/bad/not_hdf5.hdf5") + ": expected an HDF5 file",
                "truncated.hdf5: expected at least").doesNotContain("Exception", "\tat ");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("errors").size()).isEqualTo(4);
        assertThat(json.get("errors").get(0).get("kind").asText()).isNotBlank();
        assertThat(json.get("demos").asInt()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void reportsAWorkspaceThatCannotBeOpenedInOneLine() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        CliRunner.Result r = new CliRunner(dir.resolve("home")).run("index", suite.toString(), "--workspace", notAFolder.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: cannot create workspace folder " + notAFolder).doesNotContain("\tat ");
    }
}
