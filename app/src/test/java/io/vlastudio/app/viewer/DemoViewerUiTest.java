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
        SignalPlot plot = window.browserView().viewer().signalPlots().get(0);
        Bounds b = plot.localToScreen(plot.getBoundsInLocal());
        robot.clickOn(b.getMaxX() - 9, b.getMinY() + 30);
        await(() -> viewer().stepProperty().get() == 9);
        assertThat(viewer().stepProperty().get()).isEqualTo(9);
    }

    @Test
    void spacePlaysAtTheRecordedRateUntilTheEndAndStops(FxRobot robot) {
        openGoal(robot);
        robot.clickOn("#step-label");
        robot.type(KeyCode.SPACE);
        await(() -> viewer().playingProperty().get());
        assertThat(viewer().playingProperty().get()).isTrue();
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
