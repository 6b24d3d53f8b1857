package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.training.predictions.PredictionFixtures;
import io.vlastudio.training.predictions.PredictionSet;
import io.vlastudio.training.run.StandInWorldVla;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vla-studio predict RUN} on a WorldVLA run of the workspace, through the stand-in WorldVLA's model package. */
class WorldVlaPredictCommandTest {

    @TempDir
    Path dir;

    @Test
    void predictsFromAWorldVlaRunsLatestCheckpointIntoTheWorkspace() throws Exception {
        StandInWorldVla wv = StandInWorldVla.create(dir);
        CliRunner cli = new CliRunner(dir.resolve("home"));
        String ws = dir.resolve("ws").toString();
        CliRunner.Result created = cli.run("run", "create", "wv", "--workspace", ws, "--export", wv.export.toString(),
                "--worldvla", wv.checkout.toString(), "--python", StandInWorldVla.PYTHON, "--gpus", "1", "--cpu");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Path demo = PredictionFixtures.demoFile(dir, "open_the_top_drawer", 8, 32);
        String demoArg = demo + "#demo_0";

        CliRunner.Result none = cli.run("predict", "wv", "--workspace", ws, "--demo", demoArg, "--mode", "open-loop");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("holds no WorldVLA checkpoint (epoch<E>/ with config.json): train the run first");

        for (String epoch : new String[] {"epoch0", "epoch1"}) {
            Path ckpt = Path.of(ws, "runs", "wv", "output", epoch);
            Files.createDirectories(ckpt);
            Files.writeString(ckpt.resolve("config.json"), "{\"model_type\": \"chameleon\", \"image_grid\": 4}");
            Files.write(ckpt.resolve("model.safetensors"), new byte[8]);
        }

        CliRunner.Result preview = cli.run("predict", "wv", "--workspace", ws, "--demo", demoArg, "--mode", "open-loop",
                "--preview");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        JsonNode cmd = new ObjectMapper().readTree(preview.out()).get("predict");
        assertThat(cmd.get("cwd").asText()).isEqualTo(wv.checkout.resolve("worldvla").toString());
        assertThat(cmd.get("argv").get(2).asText()).endsWith("studio_worldvla_predict.py");
        assertThat(cmd.get("argv").toString()).contains("epoch1").contains("What action should the robot take to open the top drawer?");

        // the default model class and the run's item processor, or the ones named
        java.util.List<String> argv = new java.util.ArrayList<>();
        cmd.get("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv.get(argv.indexOf("--model_class") + 1)).isEqualTo("model:ChameleonXLLMXForConditionalGeneration_ck");
        assertThat(argv.get(argv.indexOf("--item_processor") + 1)).isEqualTo("data.pre_tokenize_action:ItemProcessor");
        CliRunner.Result chosen = cli.run("predict", "wv", "--workspace", ws, "--demo", demoArg, "--mode", "open-loop",
                "--preview", "--model-class", "model:ChameleonXLLMXForConditionalGeneration",
                "--item-processor", "data.pre_tokenize_action_state:ItemProcessor");
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        JsonNode chosenArgv = new ObjectMapper().readTree(chosen.out()).get("predict").get("argv");
        java.util.List<String> args = new java.util.ArrayList<>();
        chosenArgv.forEach(a -> args.add(a.asText()));
        assertThat(args.get(args.indexOf("--model_class") + 1)).isEqualTo("model:ChameleonXLLMXForConditionalGeneration");
        assertThat(args.get(args.indexOf("--item_processor") + 1)).isEqualTo("data.pre_tokenize_action_state:ItemProcessor");
        CliRunner.Result bad = cli.run("predict", "wv", "--workspace", ws, "--demo", demoArg, "--mode", "open-loop",
                "--preview", "--model-class", "ChameleonXLLMXForConditionalGeneration_ck");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--model-class must be module:Class").contains("got 'ChameleonXLLMXForConditionalGeneration_ck'");

        CliRunner.Result r = cli.run("predict", "wv", "--workspace", ws, "--demo", demoArg, "--mode", "open-loop",
                "--steps", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path folder = Path.of(ws, "predictions", "wv", "epoch1", "open-loop", "open_the_top_drawer_demo#demo_0");
        assertThat(r.out()).contains("wrote WorldVLA predictions (3 frames) to " + folder);
        PredictionSet set = PredictionSet.open(folder);
        assertThat(set.meta().source()).isEqualTo("worldvla");
        assertThat(set.steps()).containsExactly(1, 2, 3);
        try (PredictionFixtures.OpenDemo d = PredictionFixtures.open(demo)) {
            assertThat(set.problems(d.demo())).isEmpty();
        }
    }
}
