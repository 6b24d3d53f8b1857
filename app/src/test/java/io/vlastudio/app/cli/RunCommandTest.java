package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.training.run.StandInWorldVla;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vla-studio run ...} as a user types it, against the stand-in WorldVLA through real torchrun: create, preview
 * as JSON, a start that returns while a detached supervisor follows the run, status, logs, stop from another command.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void createPreviewStartStatusLogsStopAndList() throws Exception {
        StandInWorldVla wv = StandInWorldVla.create(dir);
        CliRunner cli = new CliRunner(dir.resolve("home"));
        String ws = dir.resolve("ws").toString();
        ObjectMapper json = new ObjectMapper();

        CliRunner.Result created = cli.run("run", "create", "goal-ft", "--workspace", ws, "--export", wv.export.toString(),
                "--worldvla", wv.checkout.toString(), "--python", StandInWorldVla.PYTHON, "--gpus", "2", "--epochs", "60",
                "--batch-size", "2", "--cpu", "--env", "STANDIN_ITER_SLEEP=0.2", "--env", "STANDIN_PRINT_FREQ=1");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("created run goal-ft (local, 60 epochs, 1 node(s) x 2 GPU(s))");
        assertThat(cli.run("run", "create", "goal-ft", "--workspace", ws, "--export", "x", "--worldvla", "y").err())
                .contains("exists already; pass --replace");

        CliRunner.Result preview = cli.run("run", "preview", "goal-ft", "--json", "--workspace", ws);
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        List<String> stages = new ArrayList<>();
        for (String line : preview.out().strip().split("\n")) {
            JsonNode n = json.readTree(line);
            stages.add(n.fieldNames().next());
        }
        assertThat(stages).containsExactly("pretokenize", "concat", "train");
        JsonNode train = json.readTree(preview.out().strip().split("\n")[2]).get("train");
        assertThat(train.get("argv").get(0).asText()).isEqualTo(StandInWorldVla.PYTHON);
        assertThat(train.get("argv").toString()).contains("torch.distributed.run", "--nproc_per_node=2", "--master_port={master_port}");
        assertThat(train.get("env").get("STANDIN_ITER_SLEEP").asText()).isEqualTo("0.2");
        assertThat(train.get("cwd").asText()).endsWith("worldvla/exps_512_all");
        JsonNode pretok = json.readTree(preview.out().strip().split("\n")[0]).get("pretokenize");
        assertThat(pretok.get("commands")).hasSize(2);

        cli.run("run", "create", "on-slurm", "--workspace", ws, "--export", wv.export.toString(), "--worldvla",
                wv.checkout.toString(), "--target", "slurm", "--nodes", "2", "--gpus", "8", "--partition", "gpu");
        JsonNode slurmTrain = json.readTree(cli.run("run", "preview", "on-slurm", "--json", "--workspace", ws).out().strip().split("\n")[2]).get("train");
        assertThat(slurmTrain.get("argv").get(0).asText()).isEqualTo("sbatch");
        assertThat(slurmTrain.get("sbatch_script").asText()).contains("#SBATCH --nodes=2", "#SBATCH --partition=gpu", "srun");

        CliRunner.Result noGpu = cli.run("run", "create", "needs-gpu", "--workspace", ws, "--export", wv.export.toString(),
                "--worldvla", wv.checkout.toString(), "--python", StandInWorldVla.PYTHON);
        assertThat(noGpu.exitCode()).isZero();
        CliRunner.Result refused = cli.run("run", "start", "needs-gpu", "--workspace", ws);
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("there is no GPU").contains("was not started");

        CliRunner.Result started = cli.run("run", "start", "goal-ft", "--workspace", ws);
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("started goal-ft in the background");
        JsonNode status = null;
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            status = json.readTree(cli.run("run", "status", "goal-ft", "--json", "--workspace", ws).out());
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("running");
            if ("train".equals(status.path("stage").asText()) && status.path("progress").has("iteration")) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(status.path("progress").has("iteration")).as("training progress").isTrue();
        assertThat(status.get("reattached").asBoolean()).isFalse();
        assertThat(cli.run("run", "logs", "goal-ft", "--workspace", ws, "--grep", "Epoch: [0]", "-n", "2").out()).contains("closs:");

        CliRunner.Result stopped = cli.run("run", "stop", "goal-ft", "--workspace", ws, "--json");
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(json.readTree(stopped.out()).get("status").asText()).isEqualTo("stopped");

        CliRunner.Result list = cli.run("run", "list", "--workspace", ws, "--json");
        assertThat(json.readTree(list.out()).findValuesAsText("name")).containsExactly("goal-ft", "needs-gpu", "on-slurm");
        assertThat(cli.run("run", "list", "--workspace", ws).out()).contains("goal-ft").contains("stopped");
    }
}
