package io.vlastudio.app.browser;

import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.testing.Formulas;
import io.vlastudio.dataset.testing.PythonFixtures;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens h5py-written LIBERO files in the real window and scrubs through them with the keyboard. */
@ExtendWith(ApplicationExtension.class)
class DemoBrowserUiTest {

    @TempDir
    static Path dir;
    private static final java.util.concurrent.atomic.AtomicInteger HOMES = new java.util.concurrent.atomic.AtomicInteger();
    private StudioWindow window;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        AppContext context = new AppContext(new StudioPaths(dir.resolve("home-" + HOMES.incrementAndGet())));
        window = new StudioWindow(context, new InlineTaskRunner());
        window.show(stage);
    }

    @Test
    void opensAFolderListsDemosInNumericOrderAndShowsBothCameras(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));

        TreeView<?> library = robot.lookup("#library").queryAs(TreeView.class);
        // suite → task → demos
        List<String> demos = library.getRoot().getChildren().get(0).getChildren().get(0).getChildren().stream()
                .map(i -> ((DemoItem) i.getValue()).summary().name()).toList();
        assertThat(demos).startsWith("demo_0", "demo_1", "demo_2").endsWith("demo_10", "demo_11");
        assertThat(robot.lookup("#camera-agentview").tryQuery()).isPresent();
        assertThat(robot.lookup("#camera-eye_in_hand").tryQuery()).isPresent();
        assertUprightFrame(robot, "agentview", 0, 0, 0);
        assertUprightFrame(robot, "eye_in_hand", 0, 1, 0);
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText()).contains("1 file, 12 demos");

        // every visible demo row carries a thumbnail strip: four frames, the first one is step 0 turned upright
        List<javafx.scene.control.TreeCell<?>> cells = robot.lookup(".demo-cell").queryAllAs(javafx.scene.control.TreeCell.class)
                .stream().<javafx.scene.control.TreeCell<?>>map(c -> c).filter(c -> c.getItem() instanceof DemoItem).toList();
        assertThat(cells).isNotEmpty();
        javafx.scene.control.TreeCell<?> first = cells.stream()
                .filter(c -> ((DemoItem) c.getItem()).summary().name().equals("demo_0")).findFirst().orElseThrow();
        javafx.scene.image.Image strip = ((javafx.scene.image.ImageView) first.getGraphic()).getImage();
        assertThat(strip).isNotNull();
        assertThat(strip.getWidth()).isEqualTo(Thumbnails.FRAMES * Thumbnails.SIDE);
        int rgb = strip.getPixelReader().getArgb(0, 0) & 0xFFFFFF;
        int side = Formulas.SIDE;
        int expected = Formulas.pixel(0, 0, 0, side - 1, 0, 0) << 16 | Formulas.pixel(0, 0, 0, side - 1, 0, 1) << 8
                | Formulas.pixel(0, 0, 0, side - 1, 0, 2);
        assertThat(rgb).isEqualTo(expected);
    }

    @Test
    void scrubsWithTheArrowKeysAndClampsAtTheEnd(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        robot.clickOn("#step-label");
        robot.interact(() -> window.browser().viewer().stepProperty().set(0));

        robot.type(KeyCode.RIGHT, 3);
        awaitStepLabel(robot, "step 3 / 9");
        assertUprightFrame(robot, "agentview", 0, 0, 3);

        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        awaitStepLabel(robot, "step 9 / 9");
        assertUprightFrame(robot, "eye_in_hand", 0, 1, 9);

        robot.type(KeyCode.HOME);
        awaitStepLabel(robot, "step 0 / 9");
    }

    @Test
    void switchingOrientationShowsTheStoredPixels(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        @SuppressWarnings("unchecked")
        ChoiceBox<Orientation> choice = robot.lookup("#orientation-agentview").queryAs(ChoiceBox.class);
        robot.interact(() -> choice.setValue(Orientation.RAW));
        Frame raw = cameraFrame(robot, "agentview");
        assertThat(raw.orientation()).isEqualTo(Orientation.RAW);
        assertThat(raw.rgb()[0] & 0xFF).isEqualTo(Formulas.pixel(0, 0, 0, 0, 0, 0));
    }

    @Test
    void choosingAnotherDemoInTheLibraryShowsItFromItsFirstStep(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        robot.interact(() -> window.browser().viewer().stepProperty().set(5));
        robot.clickOn(node -> node instanceof javafx.scene.control.TreeCell<?> cell && cell.getItem() instanceof DemoItem d
                && d.summary().name().equals("demo_10"));
        await(() -> window.browser().selectedProperty().get().summary().name().equals("demo_10"));
        assertThat(stepLabel(robot)).isEqualTo("step 0 / 19");
        assertUprightFrame(robot, "agentview", 10, 0, 0);
    }

    private static String stepLabel(FxRobot robot) {
        return robot.lookup("#step-label").queryAs(Label.class).getText();
    }

    /** Robot input reaches the FX thread asynchronously under Monocle: wait (bounded) for its visible effect. */
    private static void awaitStepLabel(FxRobot robot, String expected) {
        await(() -> stepLabel(robot).equals(expected));
        assertThat(stepLabel(robot)).isEqualTo(expected);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            // fall through: the assertion that follows reports what was seen instead
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Frame cameraFrame(FxRobot robot, String camera) {
        return robot.lookup("#camera-" + camera).queryAs(io.vlastudio.app.viewer.CameraPane.class).frame();
    }

    private static void assertUprightFrame(FxRobot robot, String camera, int demo, int cameraIndex, int step) {
        Frame f = cameraFrame(robot, camera);
        assertThat(f.orientation()).isEqualTo(Orientation.UPRIGHT);
        int side = Formulas.SIDE;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int expected = Formulas.pixel(demo, cameraIndex, step, side - 1 - y, x, 0);
                assertThat(f.rgb()[(y * side + x) * 3] & 0xFF).as("%s step %d (%d,%d)", camera, step, x, y).isEqualTo(expected);
            }
        }
    }
}
