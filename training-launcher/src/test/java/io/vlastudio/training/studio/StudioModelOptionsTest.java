package io.vlastudio.training.studio;

import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunPlanner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The studio model process's options have one owner: what the launcher writes is what the process parses, for every
 * option, and the defaults a run configuration takes are the process's.
 */
class StudioModelOptionsTest {

    /** Every option set to something other than its default. */
    static StudioModelOptions everyOption() {
        return new StudioModelOptions().export(Path.of("/data/export")).outputDir(Path.of("/runs/a/output"))
                .tokenizer(Path.of("/tok")).epochs(3).batchSize(16).lr(0.0025).seed(7).maxMinutes(1.5).mask("causal")
                .layers(1).width(32).heads(2).alpha(0.5).evalSamples(3).threads(2).initFrom(Path.of("/runs/b/output/epoch1"))
                .resume(false);
    }

    static void assertSameOptions(StudioModelOptions actual, StudioModelOptions expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void everyOptionRoundTripsThroughTheProcesssParser() {
        StudioModelOptions o = everyOption();
        List<String> args = o.toArgs();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(new StudioModelOptions()).options()) {
            assertThat(args).as("the test sets every option").contains(option.longestName());
        }
        StudioModelOptions parsed = StudioModelOptions.parse(args.toArray(String[]::new));
        assertSameOptions(parsed, o);
        assertThat(parsed.toArgs()).isEqualTo(args);
        assertThat(args).containsSequence("--max_minutes", "1.5").containsSequence("--lr", "0.0025")
                .containsSequence("--epochs", "3").contains("--no_auto_resume");
    }

    @Test
    void defaultsAreWrittenOutAndReadBack() {
        StudioModelOptions o = new StudioModelOptions().export(Path.of("e")).outputDir(Path.of("o"));
        assertThat(o.toArgs()).containsExactly("--export", "e", "--output_dir", "o", "--epochs", "10", "--batch_size", "8",
                "--lr", "0.001", "--seed", "0", "--max_minutes", "0", "--mask", "action", "--layers", "2", "--width", "128",
                "--heads", "4", "--alpha", "0.04", "--eval_samples", "32", "--threads", "0");
        assertSameOptions(StudioModelOptions.parse("--export", "e", "--output_dir", "o"), o);
        assertThat(o.resume()).isTrue();
        assertThatThrownBy(() -> StudioModelOptions.parse("--export", "e")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--output_dir");
    }

    @Test
    void aRunConfigurationTakesTheProcesssDefaults() {
        RunConfig c = RunConfig.fromMap(Map.of("name", "s", "export", "/e", "target", "studio-model"));
        StudioModelOptions d = new StudioModelOptions();
        assertThat(List.<Object>of(c.epochs(), c.batchSize(), c.lr(), c.seed(), c.maxMinutes(), c.mask(), c.layers(), c.width(),
                c.heads(), c.alpha(), c.evalSamples(), c.threads()))
                .isEqualTo(List.<Object>of(d.epochs(), d.batchSize(), d.lr(), d.seed(), d.maxMinutes(), d.mask(), d.layers(),
                        d.width(), d.heads(), d.alpha(), d.evalSamples(), d.threads()));
    }

    @Test
    void whatTheLauncherPlansForAStudioModelRunRoundTrips() {
        RunConfig c = RunConfig.fromMap(Map.ofEntries(Map.entry("name", "tuned"), Map.entry("export", "/data/export"),
                Map.entry("target", "studio-model"), Map.entry("tokenizerDir", "/tok"), Map.entry("epochs", 3),
                Map.entry("batch_size", 16), Map.entry("lr", 0.0025), Map.entry("seed", 7), Map.entry("max_minutes", 1.5),
                Map.entry("mask", "causal"), Map.entry("layers", 1), Map.entry("width", 32), Map.entry("heads", 2),
                Map.entry("alpha", 0.5), Map.entry("eval_samples", 3), Map.entry("threads", 2),
                Map.entry("init_from", "/runs/b/output/epoch1")));
        RunPlanner.Layout layout = new RunPlanner.Layout(Path.of("/runs/a"));
        for (boolean resume : new boolean[] {false, true}) {
            List<String> argv = new RunPlanner("/jdk/bin/java", "/cp", Path.of("/builtin")).plan(c, layout, null, resume)
                    .get(0).first().argv();
            assertThat(argv.subList(0, 5)).containsExactly("/jdk/bin/java", "-Dai.djl.offline=true", "-cp", "/cp",
                    StudioModelMain.class.getName());
            StudioModelOptions parsed = StudioModelOptions.parse(argv.subList(5, argv.size()).toArray(String[]::new));
            StudioModelOptions expected = everyOption().outputDir(layout.output()).resume(resume);
            assertSameOptions(parsed, expected);
        }
    }

    @Test
    void extraArgumentsOfARunOverrideThePlannedOnes() {
        RunConfig c = RunConfig.fromMap(Map.of("name", "x", "export", "/e", "target", "studio-model",
                "extra_args", List.of("--threads", "3")));
        List<String> argv = new RunPlanner("java", "cp", Path.of("/builtin")).plan(c, new RunPlanner.Layout(Path.of("/r")), null,
                true).get(0).first().argv();
        assertThat(StudioModelOptions.parse(argv.subList(5, argv.size()).toArray(String[]::new)).threads()).isEqualTo(3);
    }
}
