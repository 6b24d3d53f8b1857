package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.store.Workspace;
import io.vlastudio.training.run.RecordedRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code vla-studio run compare A B [--metric M] --json} on two finished runs (the stand-in's recorded log). */
class RunCompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void comparePrintsBothSeriesOfTheMetric() throws Exception {
        Path home = dir.resolve("home");
        Path wsDir = dir.resolve("ws");
        AppContext context = new AppContext(new StudioPaths(home));
        try (Workspace ws = context.workspaces().open(wsDir)) {
            RecordedRuns.record(ws, context.runLauncher(ws), "base", 1.0);
            RecordedRuns.record(ws, context.runLauncher(ws), "lower-lr", 0.8);
        }
        CliRunner cli = new CliRunner(home);
        String w = wsDir.toString();
        CliRunner.Result r = cli.run("run", "compare", "base", "lower-lr", "--json", "--workspace", w);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("metric").asText()).isEqualTo("closs");
        assertThat(j.get("series")).hasSize(2);
        JsonNode a = j.get("series").get(0);
        JsonNode b = j.get("series").get(1);
        assertThat(a.get("run").asText()).isEqualTo("base");
        assertThat(b.get("run").asText()).isEqualTo("lower-lr");
        assertThat(a.get("points").asInt()).isEqualTo(12);
        assertThat(a.get("x")).hasSize(12);
        assertThat(a.get("y").get(0).asDouble()).isEqualTo(5.727);
        assertThat(b.get("y").get(0).asDouble()).isCloseTo(5.727 * 0.8, within(1e-4));
        assertThat(a.get("source").asText()).isEqualTo("train.log");

        JsonNode lr = new ObjectMapper().readTree(cli.run("run", "compare", "base", "lower-lr", "--metric", "lr", "--json",
                "--workspace", w).out());
        assertThat(lr.get("series").get(0).get("y").get(0).asDouble()).isEqualTo(0.002);

        CliRunner.Result text = cli.run("run", "compare", "base", "lower-lr", "--workspace", w);
        assertThat(text.out()).contains("base", "lower-lr", "train.log");

        CliRunner.Result none = cli.run("run", "compare", "base", "lower-lr", "--metric", "nope", "--workspace", w);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("run base has no nope values").contains("closs");
        // no nvidia-smi sampled for these runs: no GPU section
        JsonNode status = new ObjectMapper().readTree(cli.run("run", "status", "base", "--json", "--workspace", w).out());
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        assertThat(status.has("gpus")).isFalse();
        CliRunner.Result missing = cli.run("run", "compare", "base", "ghost", "--workspace", w);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("no run named ghost");
    }
}
