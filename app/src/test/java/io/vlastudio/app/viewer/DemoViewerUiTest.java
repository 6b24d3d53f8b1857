package io.vlastudio.app.viewer;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.testing.PythonFixtures;
import javafx.geometry.Bounds;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The viewer as a curator uses it: seek on the timeline and plots, play, move between demos, filter. */
@ExtendWith(ApplicationExtension.class)
class DemoViewerUiTest {

    @TempDir
    static Path dir;
    private static final AtomicInteger HOMES = new AtomicInteger();
    private StudioWindow window;
    private AppContext context;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        context = new AppContext(new StudioPaths(dir.resolve("home-" + HOMES.incrementAndGet())));
        window = new StudioWindow(context, new InlineTaskRunner());
        window.show(stage);
    }

    private DemoViewerViewModel viewer() {
        return window.browser().viewer();
    }

    private void openGoal(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> viewer().signalsProperty().get() != null);
    }

    @Test
    void clickingTheTimelineSeeksToTheStepUnderThePointer(FxRobot robot) {
        openGoal(robot);
        TimelineView timeline = window.browserView().viewer().timeline();
        Bounds b = timeline.localToScreen(timeline.getBoundsInLocal());
        robot.clickOn(b.getMaxX() - 9, b.getMinY() + b.getHeight() / 2);
        await(() -> viewer().stepProperty().get() == 9);
        assertThat(viewer().stepProperty().get()).isEqualTo(9);
        robot.clickOn(b.getMinX() + 9, b.getMinY() + b.getHeight() / 2);
        await(() -> viewer().stepProperty().get() == 0);
        assertThat(viewer().stepProperty().get()).isZero();
    }

    @Test
    void theTimelineMarksTheNoOpStepsAndThePlotsShowEverySignal(FxRobot robot) {
        openGoal(robot);
        assertThat(window.browserView().viewer().timeline().noOps()).containsExactly(0, 1);
        assertThat(window.browserView().viewer().signalPlots()).extracting(p -> p.signal().title())
                .containsExactly("Actions", "Gripper", "End-effector position", "Joint states");
    }

    @Test
    void clickingAPlotSeeksToo(FxRobot robot) {
        openGoal(robot);
        SignalChart plot = window.browserView().viewer().signalPlots().get(0);
        var canvas = plot.chart().getCanvas();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        robot.clickOn(b.getMaxX() - 2, b.getMinY() + 20);
        await(() -> viewer().stepProperty().get() == 9);
        assertThat(viewer().stepProperty().get()).isEqualTo(9);
        robot.clickOn(b.getMinX() + (b.getWidth() * 4 / 9), b.getMinY() + 20);
        await(() -> viewer().stepProperty().get() == 4);
        assertThat(viewer().stepProperty().get()).isEqualTo(4);
    }

    @Test
    void everyPlotsPlayheadIsAtTheTimelinesXForTheSameStep(FxRobot robot) {
        openGoal(robot);
        DemoViewerView view = window.browserView().viewer();
        for (int step : new int[] {0, 3, 9}) {
            robot.interact(() -> viewer().seek(step));
            WaitForAsyncUtils.waitForFxEvents();
            double timelineX = fx(() -> view.timeline().sceneXOf(step));
            double timelineLine = fx(() -> view.timeline().localToScene(view.timeline().playheadLine().getStartX(), 0).getX());
            for (SignalChart plot : view.signalPlots()) {
                double plotX = fx(() -> plot.sceneXOf(step));
                double lineX = fx(() -> plot.playheadLine().localToScene(plot.playheadLine().getStartX(), 0).getX());
                assertThat(plotX).as("%s step %d", plot.signal().title(), step).isCloseTo(timelineX, org.assertj.core.data.Offset.offset(0.5));
                assertThat(lineX).as("%s playhead line at step %d", plot.signal().title(), step)
                        .isCloseTo(timelineLine, org.assertj.core.data.Offset.offset(0.5));
            }
        }
    }

    @Test
    void aFrameChangeLaysOutOnlyTheReadoutsAndTheStepCounterNotTheWindow(FxRobot robot) {
        openGoal(robot);
        robot.interact(() -> viewer().seek(3));
        WaitForAsyncUtils.waitForFxEvents();
        // the readouts and the step counter change on every step; their layout must not climb to the window
        // (split panes, tab pane, scroll pane and every plot laid out again on each frame: issue 14's scrub cost)
        boolean[] dirty = new boolean[5];
        String[] texts = new String[2];
        robot.interact(() -> {
            viewer().seek(7);
            DemoViewerView view = window.browserView().viewer();
            dirty[0] = window.root().isNeedsLayout();
            dirty[1] = ((javafx.scene.Parent) window.root().lookup("#plots")).isNeedsLayout();
            dirty[2] = ((javafx.scene.Parent) window.root().lookup("#viewer-split")).isNeedsLayout();
            dirty[3] = ((javafx.scene.Parent) window.root().lookup("#lower-tabs")).isNeedsLayout();
            dirty[4] = view.signalPlots().get(0).isNeedsLayout();
            texts[0] = ((javafx.scene.control.Label) window.root().lookup("#step-label")).getText();
            texts[1] = view.signalPlots().get(0).toggles().get(0).getText();
        });
        assertThat(dirty).containsOnly(false);
        assertThat(texts[0]).isEqualTo("step 7 / 9");
        assertThat(texts[1]).endsWith(ChartFormat.value(window.browserView().viewer().signalPlots().get(0).signal().values()[7][0]));
        WaitForAsyncUtils.waitForFxEvents();
        // and after the pulse the new texts are laid out in full (not cut short)
        robot.interact(() -> {
            var label = (javafx.scene.control.Label) window.root().lookup("#step-label");
            texts[0] = String.valueOf(label.getWidth() >= label.prefWidth(-1) - 0.5);
            var toggle = window.browserView().viewer().signalPlots().get(0).toggles().get(0);
            texts[1] = String.valueOf(toggle.getWidth() > 0 && toggle.getHeight() > 0);
        });
        assertThat(texts).containsExactly("true", "true");
    }

    @Test
    void plotsHaveTicksUnitsReadoutsTogglesAndZoomOnTheTimeAxis(FxRobot robot) {
        openGoal(robot);
        DemoViewerView view = window.browserView().viewer();
        SignalChart eef = view.signalPlots().stream().filter(p -> p.signal().title().startsWith("End-effector")).findFirst().orElseThrow();
        SignalChart joints = view.signalPlots().get(3);
        assertThat(eef.valueAxis().getName()).isEqualTo("m");
        assertThat(joints.valueAxis().getName()).isEqualTo("rad");
        assertThat(fx(() -> eef.valueAxis().getTickMarks().size())).isGreaterThan(1);
        assertThat(fx(() -> eef.timeAxis().getTickMarks().size())).isGreaterThan(1);

        // the readout at the playhead is the signal's value at that step
        robot.interact(() -> viewer().seek(5));
        double[] at5 = eef.signal().values()[5];
        assertThat(eef.toggles().get(2).getText()).isEqualTo("z    " + ChartFormat.value(at5[2]));

        // hovering shows the values under the pointer
        SignalChart actions = view.signalPlots().get(0);
        var canvas = actions.chart().getCanvas();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 7 / 9, b.getMinY() + b.getHeight() / 2));
        await(() -> actions.hoverReadout().isVisible());
        assertThat(actions.hoverReadout().getText()).startsWith("step 7\ndx  " + ChartFormat.value(actions.signal().values()[7][0]) + " norm.")
                .contains("grip  " + ChartFormat.value(actions.signal().values()[7][6]));
        assertThat(eef.hoverText(7)).startsWith("step 7\nx  " + ChartFormat.value(eef.signal().values()[7][0]) + " m");

        // a toggle hides its series and the value axis fits what is left
        double spanAll = eef.valueAxis().getMax() - eef.valueAxis().getMin();
        robot.interact(() -> eef.toggles().get(0).setSelected(false));
        robot.interact(() -> eef.toggles().get(1).setSelected(false));
        assertThat(eef.shownDimensions()).containsExactly("z");
        assertThat(eef.chart().getRenderers().get(0).getDatasets()).extracting(d -> d.getName()).containsExactly("z");
        double[] z = java.util.Arrays.stream(eef.signal().values()).mapToDouble(r -> r[2]).toArray();
        double zMin = java.util.Arrays.stream(z).min().orElseThrow();
        double zMax = java.util.Arrays.stream(z).max().orElseThrow();
        assertThat(eef.valueAxis().getMin()).isLessThanOrEqualTo(zMin);
        assertThat(eef.valueAxis().getMax()).isGreaterThanOrEqualTo(zMax);
        assertThat(eef.valueAxis().getMax() - eef.valueAxis().getMin()).isLessThanOrEqualTo(spanAll);

        // "fit each" scales every dimension to its own range; readouts keep metres
        robot.interact(() -> eef.toggles().get(0).setSelected(true));
        robot.interact(() -> eef.fitEach().setSelected(true));
        assertThat(eef.valueAxis().getName()).isEqualTo("fraction");
        assertThat(eef.valueAxis().getMin()).isLessThan(0.0);
        assertThat(eef.valueAxis().getMax()).isGreaterThan(1.0).isLessThan(1.2);
        assertThat(eef.toggles().get(0).getText()).endsWith(ChartFormat.value(eef.signal().values()[5][0]));

        // zooming one plot's time axis zooms every plot; a double click shows all steps again
        robot.interact(() -> eef.setTimeRange(2, 6));
        for (SignalChart p : view.signalPlots()) {
            assertThat(p.timeAxis().getMin()).isEqualTo(2.0);
            assertThat(p.timeAxis().getMax()).isEqualTo(6.0);
        }
        assertThat(view.timeline().zoomLabel()).isEqualTo("steps 2:7 of 10");
        // the playhead leaving the zoomed range pages every axis after it, at the same zoom
        robot.interact(() -> viewer().seek(8));
        for (SignalChart p : view.signalPlots()) {
            assertThat(p.timeAxis().getMax() - p.timeAxis().getMin()).isEqualTo(4.0);
            assertThat(p.timeAxis().getMin()).isLessThanOrEqualTo(8.0);
            assertThat(p.timeAxis().getMax()).isGreaterThanOrEqualTo(8.0);
        }
        assertThat(eef.playheadLine().isVisible()).as("the range followed the playhead to step 8").isTrue();
        robot.doubleClickOn(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        WaitForAsyncUtils.waitForFxEvents();
        for (SignalChart p : view.signalPlots()) {
            assertThat(p.timeAxis().getMin()).isEqualTo(0.0);
            assertThat(p.timeAxis().getMax()).isEqualTo(9.0);
        }
    }

    private static <T> T fx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void spacePlaysAtTheRecordedRateUntilTheEndAndStops(FxRobot robot) {
        openGoal(robot);
        // 10 steps at 20 Hz last half a second: on a loaded machine playback may be over before a poll sees it,
        // so whether it started is recorded as it happens
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> viewer().playingProperty().addListener((o, was, now) -> {
            if (now) {
                started.set(true);
            }
        }));
        robot.clickOn("#step-label");
        robot.type(KeyCode.SPACE);
        await(started::get);
        assertThat(started).isTrue();
        await(() -> !viewer().playingProperty().get());
        assertThat(viewer().stepProperty().get()).isEqualTo(9);
        assertThat(window.browserView().viewer().cameraPane("agentview").frame().rgb()[0] & 0xFF)
                .isEqualTo(io.vlastudio.dataset.testing.Formulas.pixel(0, 0, 9, 15, 0, 0));
    }

    @Test
    void downAndUpMoveToTheNextAndPreviousDemoOfTheFilter(FxRobot robot) {
        openGoal(robot);
        robot.clickOn("#step-label");
        robot.type(KeyCode.DOWN);
        await(() -> selectedName().equals("demo_1"));
        assertThat(selectedName()).isEqualTo("demo_1");
        robot.interact(() -> robot.lookup("#library-filter").queryAs(TextField.class).setText("demo_1"));
        // the filter keeps demo_1, demo_10, demo_11
        robot.clickOn("#step-label");
        robot.type(KeyCode.DOWN);
        await(() -> selectedName().equals("demo_10"));
        assertThat(selectedName()).isEqualTo("demo_10");
        robot.type(KeyCode.UP);
        await(() -> selectedName().equals("demo_1"));
        assertThat(selectedName()).isEqualTo("demo_1");
        assertThat(window.browser().visibleItems()).extracting(i -> i.summary().name())
                .containsExactly("demo_1", "demo_10", "demo_11");
    }

    @Test
    void eachCameraKeepsItsOwnOrientationAndTheStudioRemembersItPerDataset(FxRobot robot) {
        openGoal(robot);
        @SuppressWarnings("unchecked")
        ChoiceBox<Orientation> agent = robot.lookup("#orientation-agentview").queryAs(ChoiceBox.class);
        robot.interact(() -> agent.setValue(Orientation.ROT180));
        assertThat(window.browserView().viewer().cameraPane("agentview").frame().orientation()).isEqualTo(Orientation.ROT180);
        assertThat(window.browserView().viewer().cameraPane("eye_in_hand").frame().orientation()).isEqualTo(Orientation.UPRIGHT);

        // another demo of the same dataset, and a fresh window on the same settings, keep the choice
        robot.interact(() -> window.browser().selectRelative(1));
        await(() -> selectedName().equals("demo_1"));
        assertThat(viewer().orientations()).containsEntry("agentview", Orientation.ROT180);
        AppContext again = new AppContext(context.paths());
        assertThat(again.settings().orientation(dir.resolve("data/libero_goal").toAbsolutePath().toString(), "agentview"))
                .hasValue(Orientation.ROT180);
    }

    private String selectedName() {
        DemoItem item = window.browser().selectedProperty().get();
        return item == null ? "" : item.summary().name();
    }

    private static void await(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion that follows reports what was seen
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
