package io.vlastudio.app.predictions;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.app.viewer.SignalChart;
import io.vlastudio.app.viewer.TimeWindow;
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
import io.vlastudio.training.predictions.PredictionMetrics;
import javafx.geometry.Bounds;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A curator opens a demo with predictions from two checkpoints, opens Training → Predictions (Ctrl+P), scrubs the
 * predictions timeline and the viewer's, and sees the real, both predicted and both difference columns move together
 * to the right step (the prediction for step t beside the real frame of step t). On the real FX task runner.
 */
@ExtendWith(ApplicationExtension.class)
class PredictionsUiTest {

    @TempDir
    static Path dir;
    static Path suite;
    static Path workspace;
    static Demo demo;
    static DemoFile demoFile;
    static FxTaskRunner runner;
    static final int LAST = 30;
    private StudioWindow window;
    private Stage stage;

    @BeforeAll
    static void fixtures() throws Exception {
        suite = dir.resolve("libero_ui");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(1).withDemosPerTask(1).withFailuresPerTask(0).withImageSize(64), Progress.NONE, () -> false);
        Path file;
        try (Stream<Path> files = Files.list(suite)) {
            file = files.filter(p -> p.toString().endsWith(".hdf5")).findFirst().orElseThrow();
        }
        demoFile = new Hdf5DemoReader().open(file);
        demo = demoFile.openDemo(demoFile.demos().get(0).name());
        workspace = dir.resolve("ws");
        PredictionFixtures.write(workspace, file, demo, "small", "epoch1", "teacher-forced", 0, 0,
                PredictionFixtures.Content.CODED, Set.of(), demo.length(), LAST);
        PredictionFixtures.write(workspace, file, demo, "small", "epoch9", "teacher-forced", 0, 1,
                PredictionFixtures.Content.CODED, Set.of(), demo.length(), LAST);
        runner = new FxTaskRunner(2);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
        demoFile.close();
    }

    @Start
    void start(Stage stage) {
        // the window is built in the test, with a generous wait: TestFX gives @Start 10 s, too little on a loaded machine
        this.stage = stage;
    }

    @Test
    void scrubbingMovesRealBothPredictedAndBothDifferenceColumnsTogether(FxRobot robot) throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> {
            StudioWindow w = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home"))), runner);
            w.show(stage);
            return w;
        }).get(120, TimeUnit.SECONDS);
        DemoViewerViewModel viewer = window.browser().viewer();
        robot.interact(() -> window.openWorkspace(workspace, List.of(suite)));
        await(() -> viewer.demoProperty().get() != null && viewer.signalsProperty().get() != null, 60);
        robot.clickOn("#cameras");
        robot.push(KeyCode.CONTROL, KeyCode.P);
        await(() -> window.predictionsWindow() != null && window.predictionsWindow().model().columns().size() == 2
                && window.predictionsWindow().model().shownStepProperty().get() == 0, 60);
        PredictionsWindow pw = window.predictionsWindow();
        PredictionsViewModel m = pw.model();
        assertThat(m.columns()).extracting(PredictionsViewModel.Column::label)
                .containsExactly("small · epoch1 · teacher-forced", "small · epoch9 · teacher-forced");

        // scrub on the predictions window's timeline: the viewer's clock moves, and every column with it
        var timeline = pw.view().timeline();
        for (int step : new int[] {12, 5, 27}) {
            double sceneX = fx(() -> timeline.sceneXOf(step));
            Bounds b = fx(() -> timeline.localToScreen(timeline.getBoundsInLocal()));
            double screenX = b.getMinX() + (sceneX - fx(() -> timeline.localToScene(0, 0).getX()));
            robot.moveTo(new javafx.geometry.Point2D(screenX, b.getMinY() + b.getHeight() / 2)).press(javafx.scene.input.MouseButton.PRIMARY)
                    .release(javafx.scene.input.MouseButton.PRIMARY);
            await(() -> m.shownStepProperty().get() == step, 30);
            assertThat(viewer.stepProperty().get()).isEqualTo(step);
            assertColumnsShow(pw, step);
        }

        // scrub the viewer: the predictions follow (one clock)
        robot.interact(() -> viewer.seek(9));
        await(() -> m.shownStepProperty().get() == 9, 30);
        assertColumnsShow(pw, 9);
        robot.interact(() -> viewer.stepBy(1));
        await(() -> m.shownStepProperty().get() == 10, 30);
        assertColumnsShow(pw, 10);

        // keys in the predictions window drive the same clock
        robot.clickOn("#prediction-grid");
        robot.push(KeyCode.RIGHT);
        await(() -> m.shownStepProperty().get() == 11, 30);
        assertColumnsShow(pw, 11);

        // past the predictions: placeholders, not the last predicted frames
        robot.interact(() -> viewer.seek(LAST + 3));
        await(() -> m.shownStepProperty().get() == LAST + 3, 30);
        for (PredictionsViewModel.Column c : m.columns()) {
            FramePane[] panes = fx(() -> pw.view().panes(c));
            assertThat(fx(() -> panes[0].frame())).isNull();
            assertThat(fx(() -> panes[0].placeholderText())).isEqualTo("no prediction for step " + (LAST + 3));
        }
        assertThat(fx(() -> pw.view().stepCharts().size())).isEqualTo(2);
    }

    @Test
    void zoomingTheTimeAxesZoomsEveryChartAndTheTimelineWhichFollowThePlayhead(FxRobot robot) throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> {
            StudioWindow w = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home-zoom"))), runner);
            w.show(stage);
            return w;
        }).get(120, TimeUnit.SECONDS);
        DemoViewerViewModel viewer = window.browser().viewer();
        robot.interact(() -> window.openWorkspace(workspace, List.of(suite)));
        await(() -> viewer.demoProperty().get() != null && viewer.signalsProperty().get() != null, 60);
        robot.clickOn("#cameras");
        robot.push(KeyCode.CONTROL, KeyCode.P);
        await(() -> window.predictionsWindow() != null && window.predictionsWindow().model().columns().size() == 2
                && window.predictionsWindow().model().columns().stream().allMatch(c -> c.metricsProperty().get() != null)
                && window.predictionsWindow().view().actionPlots().size() == 7, 60);
        PredictionsWindow pw = window.predictionsWindow();
        PredictionsView view = pw.view();
        TimeWindow time = viewer.timeWindow();
        int last = demo.length() - 1;

        // at 1024 px the header keeps every control whole: the sets are a menu of tick boxes, not a row that wraps
        robot.interact(() -> {
            pw.stage().setWidth(1024);
            pw.stage().setHeight(768);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#prediction-toggles", "#prediction-orientation", "#prediction-add-folder",
                "#prediction-export", "#prediction-play", "#prediction-step")) {
            javafx.scene.layout.Region r = fx(() -> (javafx.scene.layout.Region) view.lookup(id));
            assertThat(fx(r::getWidth)).as("%s is not cut", id).isGreaterThanOrEqualTo(fx(() -> r.prefWidth(-1)) - 0.5);
        }
        assertThat(fx(() -> ((javafx.scene.control.MenuButton) view.lookup("#prediction-toggles")).getText()))
                .isEqualTo("Prediction sets: 2 of 2");
        // a set hidden from the menu's tick box loses its column; ticked again, it is back
        PredictionsViewModel.Column second = fx(() -> pw.model().columns().get(1));
        robot.interact(() -> view.toggle(second).setSelected(false));
        assertThat(fx(() -> view.panes(second))).isNull();
        assertThat(fx(() -> ((javafx.scene.control.MenuButton) view.lookup("#prediction-toggles")).getText()))
                .isEqualTo("Prediction sets: 1 of 2");
        robot.interact(() -> view.toggle(second).setSelected(true));
        await(() -> view.panes(second) != null && view.stepCharts().size() == 2 && view.actionPlots().size() == 7, 30);

        robot.interact(() -> viewer.seek(10));
        assertThat(fx(time::isZoomed)).isFalse();

        // + in the predictions window (the shortcut table's key) zooms around the playhead: every step axis shows the range
        robot.clickOn("#prediction-grid");
        robot.push(KeyCode.EQUALS).push(KeyCode.EQUALS).push(KeyCode.EQUALS);
        WaitForAsyncUtils.waitForFxEvents();
        TimeWindow.Range zoomed = fx(time::range);
        assertThat(zoomed.span()).isLessThan(last / 3.0);
        assertThat(zoomed.contains(10)).isTrue();
        assertAxesShow(view, zoomed);
        assertThat(fx(() -> view.lookup("#prediction-zoom-range") instanceof javafx.scene.control.Label l ? l.getText() : ""))
                .startsWith("steps ");
        assertThat(fx(() -> ((javafx.scene.control.Slider) view.lookup("#prediction-zoom-slider")).getValue())).isGreaterThan(0);
        // the viewer's own plots share the zoom (one time window on one clock)
        for (SignalChart p : fx(() -> window.browserView().viewer().signalPlots())) {
            assertThat(fx(() -> p.timeAxis().getMin())).isEqualTo(zoomed.from());
            assertThat(fx(() -> p.timeAxis().getMax())).isEqualTo(zoomed.to());
        }

        // scrub on the timeline past the right edge of the range: the clock goes there and every axis follows
        var timeline = view.timeline();
        Bounds tb = fx(() -> timeline.localToScreen(timeline.getBoundsInLocal()));
        double originX = fx(() -> timeline.localToScene(0, 0).getX());
        double inside = tb.getMinX() + fx(() -> timeline.sceneXOf(zoomed.to() - 1)) - originX;
        double y = tb.getMinY() + tb.getHeight() / 2;
        robot.moveTo(new javafx.geometry.Point2D(inside, y)).press(javafx.scene.input.MouseButton.PRIMARY);
        robot.moveTo(new javafx.geometry.Point2D(tb.getMaxX() + 40, y));
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int step = fx(() -> viewer.stepProperty().get());
        assertThat(step).as("scrubbed past the range").isGreaterThan((int) zoomed.to());
        TimeWindow.Range followed = fx(time::range);
        assertThat(followed.contains(step)).isTrue();
        assertThat(followed.span()).isCloseTo(zoomed.span(), org.assertj.core.api.Assertions.within(1e-6));
        assertAxesShow(view, followed);
        for (SignalChart c : fx(view::stepCharts)) {
            assertThat(fx(() -> c.playheadLine().isVisible())).as("the playhead is in view").isTrue();
        }

        // stepping past the edge with → pages too
        robot.interact(() -> viewer.seek((int) Math.floor(time.range().to())));
        robot.clickOn("#prediction-grid");
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        int next = fx(() -> viewer.stepProperty().get());
        assertThat(fx(time::range).contains(next)).isTrue();
        assertAxesShow(view, fx(time::range));

        // Ctrl + wheel over a plot zooms around the pointer; Fit (and 0) shows every step again
        SignalChart psnr = fx(() -> view.stepCharts().get(0));
        Bounds pb = fx(() -> psnr.chart().getCanvas().localToScreen(psnr.chart().getCanvas().getBoundsInLocal()));
        double before = fx(time::range).span();
        robot.moveTo(new javafx.geometry.Point2D(pb.getMinX() + pb.getWidth() / 2, pb.getMinY() + pb.getHeight() / 2));
        robot.press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.DOWN).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(time::range).span()).isNotEqualTo(before);
        assertAxesShow(view, fx(time::range));
        robot.clickOn("#prediction-zoom-fit");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(time::isZoomed)).isFalse();
        assertAxesShow(view, new TimeWindow.Range(0, last));
        robot.clickOn("#prediction-grid");
        robot.push(KeyCode.MINUS);
        robot.push(KeyCode.EQUALS);
        assertThat(fx(time::isZoomed)).isTrue();
        robot.push(KeyCode.DIGIT0);
        assertThat(fx(time::isZoomed)).isFalse();
    }

    /** Per-frame charts, action plots and the timeline all show {@code r}, a step at one x on each. */
    private static void assertAxesShow(PredictionsView view, TimeWindow.Range r) throws Exception {
        List<SignalChart> charts = fx(view::stepCharts);
        assertThat(charts).hasSize(2);
        for (SignalChart c : charts) {
            assertThat(fx(() -> c.timeAxis().getMin())).isCloseTo(r.from(), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(fx(() -> c.timeAxis().getMax())).isCloseTo(r.to(), org.assertj.core.api.Assertions.within(1e-6));
        }
        for (LinePlot p : fx(view::actionPlots)) {
            assertThat(fx(() -> p.chart().getXAxis().getMin())).isCloseTo(r.from(), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(fx(() -> p.chart().getXAxis().getMax())).isCloseTo(r.to(), org.assertj.core.api.Assertions.within(1e-6));
        }
        double mid = Math.round((r.from() + r.to()) / 2);
        double onChart = fx(() -> charts.get(0).sceneXOf(mid));
        double onTimeline = fx(() -> view.timeline().sceneXOf(mid));
        assertThat(onTimeline).as("step %s on the timeline and on the charts", mid).isCloseTo(onChart,
                org.assertj.core.api.Assertions.within(2.0));
    }

    /** The real pane shows real step t, each predicted pane its set's frame for t, each difference pane their difference. */
    private static void assertColumnsShow(PredictionsWindow pw, int step) throws Exception {
        Frame real = demo.frame("agentview", step, Orientation.RAW);
        assertThat(fx(() -> pw.view().realPane().frame().rgb())).as("real at %d", step).isEqualTo(real.rgb());
        for (PredictionsViewModel.Column c : pw.model().columns()) {
            FramePane[] panes = fx(() -> pw.view().panes(c));
            Frame predicted = fx(() -> panes[0].frame());
            assertThat(predicted.rgbAt(0, 0)).as("set %d at %d", c.index(), step).isEqualTo(PredictionFixtures.coded(step, c.index()));
            Frame expected = Heatmap.colour(PredictionMetrics.absDifference(real, predicted));
            assertThat(fx(() -> panes[1].frame().rgb())).as("difference of set %d at %d", c.index(), step).isEqualTo(expected.rgb());
            assertThat(fx(() -> panes[0].caption())).isEqualTo("step " + step);
        }
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
    }

    /** Polls {@code condition} on the FX thread; a busy FX thread (a loaded machine) only delays it. */
    private static void await(Callable<Boolean> condition, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                try {
                    return WaitForAsyncUtils.asyncFx(condition).get(seconds, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException busy) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion that follows reports what was seen
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
