package io.vlastudio.app.overlay;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.testing.PythonFixtures;
import javafx.geometry.Point2D;
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

@ExtendWith(ApplicationExtension.class)
class OverlayUiTest {

    @TempDir
    static Path dir;
    private StudioWindow window;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        window = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home"))), new InlineTaskRunner());
        window.show(stage);
    }

    @Test
    void clickingACurveOpensThatDemoAtThatStep(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        robot.clickOn("Overlay");
        robot.clickOn("#overlay-time");
        OverlayViewModel overlay = window.browser().overlay();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> overlay.overlayProperty().get() != null);
        assertThat(overlay.overlayProperty().get().curves()).hasSize(12);
        assertThat(overlay.choiceProperty().get().label()).isEqualTo("end-effector z");

        OverlayViewModel.Curve demo7 = overlay.overlayProperty().get().curves().stream()
                .filter(c -> c.item().summary().name().equals("demo_7")).findFirst().orElseThrow();
        OverlayView view = window.browserView().overlayView();
        double[] p = view.pointOf(demo7, 5);
        Point2D screen = view.canvas().localToScreen(p[0], p[1]);
        robot.clickOn(screen.getX(), screen.getY());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.browser().selectedProperty().get().summary().name().equals("demo_7"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.browser().selectedProperty().get().summary().name()).isEqualTo("demo_7");
        assertThat(window.browser().viewer().stepProperty().get()).isEqualTo(5);
    }
}
