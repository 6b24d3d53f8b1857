package io.vlastudio.app.predictions;

import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.viewer.FrameCache;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.training.predictions.PredictionMetrics;
import javafx.beans.property.SimpleIntegerProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Predictions view model on the inline runner: what is shown at which step, and what it says about bad folders. */
class PredictionsViewModelTest {

    @TempDir
    static Path dir;
    static Path file;
    static DemoFile demoFile;
    static Demo demo;
    /** Predictions cover steps up to here (the demo is longer): enough to scrub, quick to write. */
    static final int LAST = 24;

    @BeforeAll
    static void suite() throws Exception {
        Path suite = dir.resolve("libero_test");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(1).withDemosPerTask(1).withFailuresPerTask(0).withImageSize(32), Progress.NONE, () -> false);
        try (Stream<Path> files = Files.list(suite)) {
            file = files.filter(p -> p.toString().endsWith(".hdf5")).findFirst().orElseThrow();
        }
        demoFile = new Hdf5DemoReader().open(file);
        demo = demoFile.openDemo(demoFile.demos().get(0).name());
    }

    @AfterAll
    static void close() throws Exception {
        demoFile.close();
    }

    private static PredictionsViewModel model(SimpleIntegerProperty clock) {
        return new PredictionsViewModel(io.vlastudio.training.predictions.PredictionCatalog::new,
                new io.vlastudio.training.predictions.ComparisonExport(), new InlineTaskRunner(), new FrameCache(64L << 20),
                new UniformBinActionTokenizer(ActionBounds.worldVla()), clock);
    }

    @Test
    void thePredictionForStepTIsShownAtTBesideTheRealFrameOfTAndTheirDifference(@TempDir Path ws) throws Exception {
        PredictionFixtures.write(ws, file, demo, "run-a", "epoch1", "teacher-forced", 0, 0, PredictionFixtures.Content.CODED,
                Set.of(), demo.length(), LAST);
        PredictionFixtures.write(ws, file, demo, "run-a", "epoch3", "teacher-forced", 0, 1, PredictionFixtures.Content.CODED,
                Set.of(), demo.length(), LAST);
        SimpleIntegerProperty clock = new SimpleIntegerProperty(0);
        PredictionsViewModel m = model(clock);
        m.show(ws, file, demo.name(), demo, "key");

        assertThat(m.messageProperty().get()).isEmpty();
        assertThat(m.columns()).extracting(PredictionsViewModel.Column::label)
                .containsExactly("run-a · epoch1 · teacher-forced", "run-a · epoch3 · teacher-forced");
        for (int t : new int[] {1, 2, 7, LAST, 3}) {
            clock.set(t);
            assertThat(m.shownStepProperty().get()).isEqualTo(t);
            Frame real = demo.frame("agentview", t, Orientation.RAW);
            assertThat(m.realProperty().get().rgb()).isEqualTo(real.rgb());
            for (PredictionsViewModel.Column c : m.columns()) {
                Frame p = c.predictedProperty().get();
                assertThat(p.rgbAt(0, 0)).as("set %d at step %d", c.index(), t).isEqualTo(PredictionFixtures.coded(t, c.index()));
                Frame expected = Heatmap.colour(PredictionMetrics.absDifference(real, p));
                assertThat(c.differenceProperty().get().rgb()).isEqualTo(expected.rgb());
                assertThat(c.placeholderProperty().get()).isEmpty();
                assertThat(c.errorProperty().get()).startsWith("mean |Δ| ");
            }
        }
        // metrics came in on the (inline) batch lane: one score per predicted frame, horizon 1 for teacher-forced
        PredictionsViewModel.SetMetrics metrics = m.columns().get(0).metricsProperty().get();
        assertThat(metrics.scores()).hasSize(LAST);
        assertThat(metrics.scores().get(0).step()).isEqualTo(1);
        assertThat(metrics.chunks()).isNotEmpty();
        assertThat(metrics.binAccuracy()).hasSize(5);
    }

    @Test
    void theScoringPassKeepsItsDecodedFramesForTheFirstScrubButNeverEvictsForThem(@TempDir Path ws) throws Exception {
        PredictionFixtures.write(ws, file, demo, "run-k", "epoch1", "teacher-forced", 0, 0, PredictionFixtures.Content.CODED,
                Set.of(), demo.length(), LAST);
        SimpleIntegerProperty clock = new SimpleIntegerProperty(0);
        PredictionsViewModel m = model(clock);
        m.show(ws, file, demo.name(), demo, "key");
        PredictionsViewModel.Column c = m.columns().get(0);
        assertThat(c.metricsProperty().get()).isNotNull();
        // every scored step is held (real, predicted, difference) before anyone scrubs to it
        assertThat(c.set().steps()).hasSizeGreaterThan(LAST / 2);
        for (int t : c.set().steps()) {
            assertThat(m.cache().contains(m.realKey(t))).as("real %d", t).isTrue();
            assertThat(m.cache().contains(PredictionsViewModel.predictedKey(c, t))).as("predicted %d", t).isTrue();
            assertThat(m.cache().contains(PredictionsViewModel.differenceKey(c, t))).as("difference %d", t).isTrue();
        }
        clock.set(LAST);
        assertThat(m.shownStepProperty().get()).isEqualTo(LAST);
        assertThat(c.errorProperty().get()).startsWith("mean |Δ| ");

        // what is kept never pushes anything out: frames go in only while they fit beside what is held
        int frameBytes = demo.frame("agentview", 0, Orientation.RAW).rgb().length;
        FrameCache small = new FrameCache(frameBytes * 2L);
        FrameCache.Key held = new FrameCache.Key("someone else's", "agentview", 0, Orientation.RAW);
        small.put(held, demo.frame("agentview", 0, Orientation.RAW));
        assertThat(small.putIfRoom(m.realKey(1), demo.frame("agentview", 1, Orientation.RAW))).isTrue();
        assertThat(small.putIfRoom(m.realKey(2), demo.frame("agentview", 2, Orientation.RAW))).isFalse();
        assertThat(small.contains(held)).isTrue();
        assertThat(small.contains(m.realKey(2))).isFalse();
        assertThat(small.bytes()).isEqualTo(frameBytes * 2L);
    }

    @Test
    void aStepWithoutAPredictionShowsAPlaceholderNotTheFrameBefore(@TempDir Path ws) throws Exception {
        PredictionFixtures.write(ws, file, demo, "run-b", "epoch2", "open-loop", 4, 0, PredictionFixtures.Content.CODED,
                Set.of(8, 9, 10), demo.length(), LAST);
        SimpleIntegerProperty clock = new SimpleIntegerProperty(0);
        PredictionsViewModel m = model(clock);
        m.show(ws, file, demo.name(), demo, "key");
        PredictionsViewModel.Column c = m.columns().get(0);
        assertThat(c.problemSummary()).isEqualTo("3 frames missing (frame_000008.png, …)");

        clock.set(7);
        assertThat(c.predictedProperty().get().rgbAt(0, 0)).isEqualTo(PredictionFixtures.coded(7, 0));
        clock.set(8);
        assertThat(m.shownStepProperty().get()).isEqualTo(8);
        assertThat(c.predictedProperty().get()).isNull();
        assertThat(c.differenceProperty().get()).isNull();
        assertThat(c.placeholderProperty().get()).isEqualTo("no prediction for step 8");
        // the real frame still moves on
        assertThat(m.realProperty().get().rgb()).isEqualTo(demo.frame("agentview", 8, Orientation.RAW).rgb());
        // before the rollout's start there is nothing either
        clock.set(2);
        assertThat(c.placeholderProperty().get()).isEqualTo("no prediction for step 2");
        clock.set(11);
        assertThat(c.predictedProperty().get().rgbAt(0, 0)).isEqualTo(PredictionFixtures.coded(11, 0));
        assertThat(c.placeholderProperty().get()).isEmpty();
    }

    @Test
    void predictionsForADemoOfAnotherLengthSayWhyAndTheRestStillShows(@TempDir Path ws) throws Exception {
        PredictionFixtures.write(ws, file, demo, "run-c", "epoch1", "teacher-forced", 0, 0, PredictionFixtures.Content.CODED,
                Set.of(), demo.length() + 40, LAST);
        SimpleIntegerProperty clock = new SimpleIntegerProperty(0);
        PredictionsViewModel m = model(clock);
        m.show(ws, file, demo.name(), demo, "key");
        PredictionsViewModel.Column c = m.columns().get(0);
        assertThat(c.problemSummary()).contains("predictions are for a " + (demo.length() + 40) + "-step demo, this one has "
                + demo.length() + " steps");
        clock.set(5);
        assertThat(c.predictedProperty().get().rgbAt(0, 0)).isEqualTo(PredictionFixtures.coded(5, 0));
    }

    @Test
    void aDemoWithoutPredictionsSaysWhichCommandMakesThem(@TempDir Path ws) {
        PredictionsViewModel m = model(new SimpleIntegerProperty(0));
        m.show(ws, file, demo.name(), demo, "key");
        assertThat(m.columns()).isEmpty();
        assertThat(m.messageProperty().get()).startsWith("No predictions for this demo — run")
                .contains("vla-studio predict RUN --demo " + file + "#" + demo.name() + " --mode open-loop");
    }

    @Test
    void aHiddenSetIsNotReadAndTheOthersStillFollowTheClock(@TempDir Path ws) throws Exception {
        PredictionFixtures.write(ws, file, demo, "r", "epoch1", "teacher-forced", 0, 0, PredictionFixtures.Content.CODED,
                Set.of(), demo.length(), LAST);
        PredictionFixtures.write(ws, file, demo, "r", "epoch2", "teacher-forced", 0, 1, PredictionFixtures.Content.CODED,
                Set.of(), demo.length(), LAST);
        SimpleIntegerProperty clock = new SimpleIntegerProperty(0);
        PredictionsViewModel m = model(clock);
        m.show(ws, file, demo.name(), demo, "key");
        PredictionsViewModel.Column hidden = m.columns().get(0);
        m.setShown(hidden, false);
        m.cache().clear(); // what the scoring pass kept; from here on only the scrub reads
        clock.set(LAST);
        assertThat(m.cache().contains(PredictionsViewModel.predictedKey(hidden, LAST))).isFalse();
        assertThat(m.columns().get(1).predictedProperty().get().rgbAt(0, 0)).isEqualTo(PredictionFixtures.coded(LAST, 1));
        // past the predictions: the placeholder, not the last predicted frame
        clock.set(LAST + 1);
        assertThat(m.columns().get(1).predictedProperty().get()).isNull();
        assertThat(m.columns().get(1).placeholderProperty().get()).isEqualTo("no prediction for step " + (LAST + 1));
    }

    @Test
    void theShownSetsExportAsAPngStripThatImageIoReads(@TempDir Path ws) throws Exception {
        PredictionFixtures.write(ws, file, demo, "r", "epoch1", "teacher-forced", 0, 0, PredictionFixtures.Content.CODED,
                Set.of(), demo.length(), LAST);
        PredictionsViewModel m = model(new SimpleIntegerProperty(0));
        m.show(ws, file, demo.name(), demo, "key");
        Path out = ws.resolve("strip.png");
        m.export(out);
        assertThat(m.statusProperty().get()).startsWith("Wrote " + out);
        var image = javax.imageio.ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isGreaterThan(image.getHeight());
    }

    @Test
    void problemsAreSummarisedInAFewWords() {
        assertThat(PredictionsViewModel.summarize(List.of())).isEmpty();
        assertThat(PredictionsViewModel.summarize(List.of("frame_000012.png is missing"))).isEqualTo("1 frame missing (frame_000012.png)");
        assertThat(PredictionsViewModel.summarize(List.of("frame_000012.png is missing", "frame_000013.png is missing",
                "… and 10 more frames are missing", "frame_000020.png: not a PNG (text)")))
                .isEqualTo("12 frames missing (frame_000012.png, …)\nframe_000020.png: not a PNG (text)");
        assertThat(PredictionsViewModel.summarize(List.of("a", "b", "c", "d", "e"))).isEqualTo("a\nb\nc\nand 2 more problems");
    }
}
