package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.training.studio.StudioModelMain;
import io.vlastudio.training.studio.StudioModelOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vla-studio model train|ablation} hand their options to the training process through its own option set
 * ({@link StudioModelOptions}): every option the user gives arrives, by the process's parser, as given.
 */
class ModelCommandArgsTest {

    @TempDir
    Path dir;

    private ModelCommand.Training parse(String... args) {
        CommandLine cl = ModelCommand.create(new AppContext(new StudioPaths(dir.resolve("home"))));
        CommandLine.ParseResult r = cl.parseArgs(args);
        return r.subcommand().commandSpec().commandLine().getCommand();
    }

    private static StudioModelOptions throughTheChild(StudioModelOptions o) {
        List<String> cmd = StudioModelMain.commandForThisJvm(o);
        int main = cmd.indexOf(StudioModelMain.class.getName());
        assertThat(main).isPositive();
        return StudioModelOptions.parse(cmd.subList(main + 1, cmd.size()).toArray(String[]::new));
    }

    @Test
    void everyTrainOptionReachesTheTrainingProcess() throws Exception {
        ModelCommand.Train train = (ModelCommand.Train) parse("train", "--export", "/data/export", "--out", "/runs/a",
                "--epochs", "3", "--seed", "7", "--max-minutes", "1.5", "--tokenizer", "/tok", "--layers", "1", "--width", "32",
                "--heads", "2", "--batch-size", "16", "--lr", "0.0025", "--eval-samples", "3", "--no-resume", "--mask", "causal");
        StudioModelOptions child = throughTheChild(train.options(train.out, train.mask));
        assertThat(child.export()).isEqualTo(Path.of("/data/export"));
        assertThat(child.outputDir()).isEqualTo(Path.of("/runs/a"));
        assertThat(child.tokenizer()).isEqualTo(Path.of("/tok"));
        assertThat(child.epochs()).isEqualTo(3);
        assertThat(child.seed()).isEqualTo(7);
        assertThat(child.maxMinutes()).isEqualTo(1.5);
        assertThat(child.layers()).isEqualTo(1);
        assertThat(child.width()).isEqualTo(32);
        assertThat(child.heads()).isEqualTo(2);
        assertThat(child.batchSize()).isEqualTo(16);
        assertThat(child.lr()).isEqualTo(0.0025);
        assertThat(child.evalSamples()).isEqualTo(3);
        assertThat(child.resume()).isFalse();
        assertThat(child.mask()).isEqualTo("causal");
    }

    @Test
    void theDefaultsAreTheTrainingProcesssAndAblationSetsTheMaskPerRun() throws Exception {
        ModelCommand.Training ablation = parse("ablation", "--export", "/e", "--out", "/abl", "--tokenizer", "/tok");
        StudioModelOptions defaults = new StudioModelOptions().export(Path.of("/e")).tokenizer(Path.of("/tok"));
        for (String mask : List.of("action", "causal")) {
            StudioModelOptions child = throughTheChild(ablation.options(Path.of("/abl", mask), mask));
            assertThat(child).usingRecursiveComparison()
                    .isEqualTo(defaults.outputDir(Path.of("/abl", mask)).mask(mask));
        }
        ModelCommand.Train train = (ModelCommand.Train) parse("train", "--export", "/e", "--out", "/o", "--tokenizer", "/tok");
        assertThat(throughTheChild(train.options(train.out, train.mask))).usingRecursiveComparison()
                .isEqualTo(defaults.outputDir(Path.of("/o")).mask("action"));
    }

    @Test
    void helpShowsTheTrainingProcesssDefaults() {
        CommandLine cl = ModelCommand.create(new AppContext(new StudioPaths(dir.resolve("home"))));
        String usage = cl.getSubcommands().get("train").getUsageMessage();
        assertThat(usage).contains("epochs (default: 10)").contains("seed (default: 0)");
    }
}
