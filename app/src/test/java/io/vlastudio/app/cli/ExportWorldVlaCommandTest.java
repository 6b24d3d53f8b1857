package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vla-studio export worldvla} on the synthetic suite: dry run, export, the libero_10-style warning, refusals. */
class ExportWorldVlaCommandTest {

    @TempDir
    Path dir;

    @Test
    void dryRunShowsCountsThenExportWritesTheLayout() throws Exception {
        Path suite = dir.resolve("data/libero_goal");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.NO_NOOPS)
                .withTasks(2).withDemosPerTask(3).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        CliRunner cli = new CliRunner(dir.resolve("home"));
        String ws = dir.resolve("ws").toString();
        assertThat(cli.run("index", suite.toString(), "--workspace", ws).exitCode()).isZero();
        assertThat(cli.run("view", "save", "all", "--filter", "verdict != rejected", "--workspace", ws).exitCode()).isZero();
        Path out = dir.resolve("export");

        CliRunner.Result dry = cli.run("export", "worldvla", "--view", "all", "--out", out.toString(), "--dry-run", "--json",
                "--workspace", ws);
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(dry.out()).get("plan");
        int trajectories = plan.get("splits").get("train").get("trajectories").asInt()
                + plan.get("splits").get("val_ind").get("trajectories").asInt();
        assertThat(trajectories).as("two tasks: both in distribution").isPositive();
        assertThat(plan.get("splits").get("val_ood").get("trajectories").asInt()).isZero();
        assertThat(dry.err()).contains("warning:").contains("resized");
        assertThat(out).doesNotExist();

        CliRunner.Result r = cli.run("export", "worldvla", "--view", "all", "--out", out.toString(), "--chunk", "4",
                "--workspace", ws);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + trajectories + " trajectories").contains("effective records").contains("split ");
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(out.resolve("configs/train.yaml")).exists();
        try (var s = Files.list(out.resolve("convs"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .contains("libero_goal_his_2_train_img_only_ck_4_256.json", "libero_goal_his_1_val_ood_a2i_256.json")
                    .hasSize(6);
        }
        CliRunner.Result again = cli.run("export", "worldvla", "--view", "all", "--out", out.toString(), "--chunk", "4",
                "--workspace", ws);
        assertThat(again.out()).contains("wrote 0 trajectories").contains("kept " + trajectories + " unchanged");

        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        CliRunner.Result refused = cli.run("export", "worldvla", "--view", "all", "--out", foreign.toString(), "--workspace", ws);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("not a VLA Studio WorldVLA export");
        assertThat(Files.readString(foreign.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(cli.run("export", "worldvla", "--view", "all", "--out", dir.resolve("x").toString(), "--resolution", "300",
                "--workspace", ws).err()).contains("256 or 512");
    }
}
