package io.vlastudio.training.predictions;

import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.StageCommand;
import io.vlastudio.training.run.StandInWorldVla;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WorldVLA generation driver run for real with Debian's python3 against the stand-in WorldVLA checkout (its
 * model package emits deterministic tokens in WorldVLA's layout), and the folder it leads to read by PredictionSet.
 */
class WorldVlaPredictorTest {

    @TempDir
    static Path root;
    private static StandInWorldVla worldVla;
    private static Path demoFile;
    private static Path checkpoint;

    @BeforeAll
    static void setUp() throws Exception {
        worldVla = StandInWorldVla.create(root.resolve("install"));
        demoFile = PredictionFixtures.demoFile(root, "open_the_top_drawer", 12, 32);
        checkpoint = root.resolve("output/epoch1");
        Files.createDirectories(checkpoint);
        Files.writeString(checkpoint.resolve("config.json"), "{\"model_type\": \"chameleon\", \"image_grid\": 4}");
        Files.write(checkpoint.resolve("model.safetensors"), new byte[8]);
    }

    private static RunConfig run() {
        return RunConfig.of("wv", worldVla.export.toString(), worldVla.checkout.toString())
                .with(Map.of("python", StandInWorldVla.PYTHON, "resolution", 256, "cpu", true));
    }

    private static WorldVlaPredictor.Request request(String mode, int start, int steps) {
        return new WorldVlaPredictor.Request(run(), checkpoint, demoFile, "demo_0", 12, mode, start, steps, 2, 5, 5,
                "open the top drawer");
    }

    @Test
    void theCommandCarriesTheStudiosPromptsAndUnmaskedGenerationSettings() {
        Path work = root.resolve("preview");
        StageCommand c = WorldVlaPredictor.command(request("open-loop", 2, 4), work);
        assertThat(c.cwd()).isEqualTo(worldVla.checkout.resolve("worldvla"));
        assertThat(c.argv()).startsWith(StandInWorldVla.PYTHON, "-u", work.resolve(WorldVlaPredictor.DRIVER).toString());
        List<String> argv = c.argv();
        assertThat(argv.get(argv.indexOf("--world_prompt") + 1)).isEqualTo(TokenSequenceBuilder.WORLD_MODEL_PROMPT);
        assertThat(argv.get(argv.indexOf("--action_prompt") + 1))
                .isEqualTo(TokenSequenceBuilder.actionPrompt("open the top drawer"));
        assertThat(argv.get(argv.indexOf("--mode") + 1)).isEqualTo("open-loop");
        assertThat(argv.get(argv.indexOf("--checkpoint") + 1)).isEqualTo(checkpoint.toString());
        assertThat(argv.get(argv.indexOf("--device") + 1)).isEqualTo("cpu");
        assertThat(c.env()).containsEntry("CUDA_VISIBLE_DEVICES", "").containsEntry("PYTHONUNBUFFERED", "1");
        assertThatThrownBy(() -> request("open-loop", 8, 4)).hasMessageContaining("12-step demo");
    }

    @Test
    void theDriverRunsEndToEndAndItsFolderReadsWithoutProblems() throws Exception {
        for (String mode : List.of("teacher-forced", "open-loop")) {
            WorldVlaPredictor.Request r = request(mode, 1, 5);
            Path work = root.resolve("work-" + mode);
            Path target = root.resolve("predictions-" + mode);
            List<String> progress = new ArrayList<>();
            try (PredictionFixtures.OpenDemo d = PredictionFixtures.open(demoFile)) {
                WorldVlaPredictor.prepare(r, d.demo(), work);
                WorldVlaPredictor.runDriver(r, work, progress::add, Duration.ofMinutes(3));
                List<String> problems = WorldVlaPredictor.finish(r, d.demo(), work, target, "wv",
                        new UniformBinActionTokenizer(ActionBounds.worldVla()));
                assertThat(problems).isEmpty();
                PredictionSet set = PredictionSet.open(target);
                assertThat(set.meta().source()).isEqualTo("worldvla");
                assertThat(set.meta().checkpoint()).isEqualTo("epoch1");
                assertThat(set.meta().mode()).isEqualTo(mode);
                assertThat(set.steps()).containsExactly(2, 3, 4, 5, 6); // the prediction FOR step t+1 from step t
                assertThat(set.problems(d.demo())).isEmpty();
                assertThat(set.frame(2).orElseThrow().width()).isEqualTo(32);
                assertThat(set.frame(2).orElseThrow().orientation()).isEqualTo(Orientation.RAW);
                // chunks every 5 steps from the start while a whole chunk fits: 1 and 6
                assertThat(set.chunks()).extracting(ActionChunk::start).containsExactly(1, 6);
                assertThat(set.chunks().get(0).actions()).hasNumberOfRows(5);
                assertThat(progress).last().asString().endsWith("done");
            }
        }
        // open-loop feeds its own frames back: from the second prediction on, the frames differ from teacher-forced
        PredictionSet tf = PredictionSet.open(root.resolve("predictions-teacher-forced"));
        PredictionSet ol = PredictionSet.open(root.resolve("predictions-open-loop"));
        assertThat(ol.frame(2).orElseThrow().rgb()).isEqualTo(tf.frame(2).orElseThrow().rgb());
        assertThat(ol.frame(4).orElseThrow().rgb()).isNotEqualTo(tf.frame(4).orElseThrow().rgb());
    }

    @Test
    void theModelClassAndItemProcessorChosenAreTheOnesTheDriverLoads() throws Exception {
        // another model class and item processor in the checkout (a WorldVLA version with other names): the driver
        // imports what the request names, and says so in its log
        Path code = worldVla.checkout.resolve("worldvla");
        Files.writeString(code.resolve("model_alt.py"), String.join("\n",
                "from model import ChameleonXLLMXForConditionalGeneration_ck as Base",
                "class OtherModel(Base):",
                "    @classmethod",
                "    def from_pretrained(cls, path, **kw):",
                "        print('other model class loaded', flush=True)",
                "        return super().from_pretrained(path, **kw)", ""));
        Files.writeString(code.resolve("data/alt_processor.py"), String.join("\n",
                "from data.pre_tokenize_action import ItemProcessor",
                "class OtherProcessor(ItemProcessor):",
                "    def __init__(self, **kw):",
                "        print('other item processor loaded', flush=True)",
                "        super().__init__(**kw)", ""));
        WorldVlaPredictor.Request defaults = request("teacher-forced", 0, 2);
        assertThat(defaults.modelClass()).isEqualTo(WorldVlaPredictor.DEFAULT_MODEL_CLASS);
        assertThat(defaults.itemProcessor()).isEqualTo(run().itemProcessor());
        WorldVlaPredictor.Request r = new WorldVlaPredictor.Request(run(), checkpoint, demoFile, "demo_0", 12,
                "teacher-forced", 0, 2, 2, 5, 0, "open the top drawer", "model_alt:OtherModel",
                "data.alt_processor:OtherProcessor");
        Path work = root.resolve("work-alt");
        StageCommand c = WorldVlaPredictor.command(r, work);
        assertThat(c.argv().get(c.argv().indexOf("--model_class") + 1)).isEqualTo("model_alt:OtherModel");
        assertThat(c.argv().get(c.argv().indexOf("--item_processor") + 1)).isEqualTo("data.alt_processor:OtherProcessor");
        try (PredictionFixtures.OpenDemo d = PredictionFixtures.open(demoFile)) {
            WorldVlaPredictor.prepare(r, d.demo(), work);
            WorldVlaPredictor.runDriver(r, work, s -> { }, Duration.ofMinutes(2));
            assertThat(Files.readString(work.resolve("predict.log")))
                    .contains("other model class loaded").contains("other item processor loaded");
            assertThat(work.resolve("generated/image_2.png")).isRegularFile();

            WorldVlaPredictor.Request missing = new WorldVlaPredictor.Request(run(), checkpoint, demoFile, "demo_0", 12,
                    "teacher-forced", 0, 2, 2, 5, 0, "open the top drawer", "model:NoSuchModel", null);
            Path work2 = root.resolve("work-missing-class");
            WorldVlaPredictor.prepare(missing, d.demo(), work2);
            assertThatThrownBy(() -> WorldVlaPredictor.runDriver(missing, work2, s -> { }, Duration.ofMinutes(2)))
                    .hasMessageContaining("failed (exit 1)")
                    .hasMessageContaining("--model_class model:NoSuchModel: module model")
                    .hasMessageContaining("has no NoSuchModel");
        }
        assertThatThrownBy(() -> new WorldVlaPredictor.Request(run(), checkpoint, demoFile, "demo_0", 12,
                "teacher-forced", 0, 2, 2, 5, 0, "t", "ChameleonXLLMXForConditionalGeneration_ck", null))
                .hasMessageContaining("model class must be module:Class")
                .hasMessageContaining("got 'ChameleonXLLMXForConditionalGeneration_ck'");
    }

    @Test
    void aFolderThatIsNoCheckpointFailsNamingIt() throws Exception {
        Path bad = root.resolve("output/not-a-checkpoint");
        Files.createDirectories(bad);
        WorldVlaPredictor.Request r = new WorldVlaPredictor.Request(run(), bad, demoFile, "demo_0", 12, "teacher-forced",
                0, 2, 2, 5, 0, "open the top drawer");
        Path work = root.resolve("work-bad");
        try (PredictionFixtures.OpenDemo d = PredictionFixtures.open(demoFile)) {
            WorldVlaPredictor.prepare(r, d.demo(), work);
            assertThatThrownBy(() -> WorldVlaPredictor.runDriver(r, work, s -> { }, Duration.ofMinutes(2)))
                    .hasMessageContaining("failed (exit 1)")
                    .hasMessageContaining(bad + ": not a WorldVLA checkpoint folder (no config.json)");
        }
    }
}
