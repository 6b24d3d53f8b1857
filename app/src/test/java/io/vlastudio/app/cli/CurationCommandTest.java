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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurationCommandTest {

    @TempDir
    Path dir;
    private Path suite;
    private String ws;
    private List<Path> files;
    private CliRunner cli;

    @BeforeEach
    void indexAndReview() throws Exception {
        suite = dir.resolve("data/libero_small");
        files = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite,
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(2).withDemosPerTask(3).withImageSize(32)
                        .withFailuresPerTask(0), Progress.NONE, () -> false);
        cli = new CliRunner(dir.resolve("home"));
        ws = dir.resolve("ws").toString();
        assertThat(cli.run("index", suite.toString(), "--workspace", ws).exitCode()).isZero();
        String file = files.get(0).getFileName().toString();
        assertThat(cli.run("review", "set", file + "#demo_0", "--verdict", "rejected", "--tag", "bad grasp", "--workspace", ws)
                .exitCode()).isZero();
        assertThat(cli.run("review", "set", file + "#demo_1", "--tag", "bad grasp", "--trim", "2:30", "--workspace", ws)
                .exitCode()).isZero();
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        return r;
    }

    @Test
    void savesAViewSplitsMixesShowsCountsDiffsManifestsAndExports() throws Exception {
        assertThat(ok("view", "save", "grasp", "--filter", "verdict != rejected and length >= 10 and tag = \"bad grasp\"",
                "--workspace", ws).out()).startsWith("view grasp: verdict != rejected and length >= 10 and tag = \"bad grasp\" (1 demos)");
        ok("view", "save", "clean", "--filter", "verdict != rejected", "--workspace", ws);
        assertThat(ok("split", "create", "wv", "--mode", "worldvla", "--workspace", ws).out())
                .isEqualTo("split wv (worldvla): train 6, val_ind 0, val_ood 0\n"); // ceil(0.9*2) = 2 tasks, ceil(0.9*3) = 3 demos
        assertThat(ok("mix", "create", "m", "-c", "view:clean", "-c", "split:wv:train*2", "--workspace", ws).out())
                .contains("mix m: view:clean + split:wv:train*2").contains("warning: component split:wv:train*2 pulls in 1 rejected demo")
                .contains("in more than one component");

        JsonNode counts = new ObjectMapper().readTree(ok("mix", "show", "m", "--json", "--workspace", ws).out());
        assertThat(counts.get("demos").asInt()).isEqualTo(5);
        long action = counts.get("action_samples").asLong();
        assertThat(action).isPositive();
        assertThat(counts.get("component_counts").get(1).get("action_samples").asLong())
                .isEqualTo(2 * counts.get("component_counts").get(0).get("action_samples").asLong());

        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ok("mix", "manifest", "m", "--out", a.toString(), "--workspace", ws);
        ok("mix", "create", "m", "-c", "view:clean", "-c", "split:wv:train*2", "--chunk", "10", "--workspace", ws);
        ok("mix", "manifest", "m", "--out", b.toString(), "--workspace", ws);
        CliRunner.Result diff = cli.run("mix", "diff", a.toString(), b.toString());
        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.out()).contains("~ setting chunk: 5 -> 10").contains("0 demos added, 0 removed, 0 changed");
        assertThat(cli.run("mix", "diff", a.toString(), a.toString()).out()).isEqualTo("the manifests describe the same data\n");

        Path out = dir.resolve("export");
        assertThat(ok("export", "hdf5", "--view", "clean", "--out", out.toString(), "--workspace", ws).out())
                .startsWith("exported 5 demos, ");
        assertThat(out.resolve("libero_small").resolve(files.get(0).getFileName())).exists();
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"exported_as\"");
    }

    @Test
    void aBadFilterNamesTheColumn() {
        CliRunner.Result r = cli.run("view", "save", "x", "--filter", "length >= long", "--workspace", ws);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: column 11: expected a number after '>=', found 'long'");
    }
}
