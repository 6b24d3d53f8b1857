package io.vlastudio.app.ui;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The first start says what it writes and where, with a labelled progress bar, and can be cancelled cleanly. */
@ExtendWith(ApplicationExtension.class)
class FirstStartUiTest {

    @TempDir
    static Path dir;
    private StudioWindow window;
    private FxTaskRunner runner;
    private AppContext context;

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner(2, 1);
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        window = new StudioWindow(context, runner);
        window.show(stage);
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void writingTheSampleSaysWhatAndWhereAndACancelLeavesNothingStuck(FxRobot robot) throws Exception {
        robot.interact(window::openSampleWorkspace);
        String where = context.paths().sampleWorkspace().toString();
        assertThat(text(robot, "#placeholder")).contains("sample workspace", "480 MB", where)
                .doesNotContain("Drop LIBERO");
        assertThat(text(robot, "#status-message")).contains(where);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#status-job").startsWith("Writing the sample workspace"));

        robot.interact(() -> robot.lookup("#status-cancel").queryButton().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#status-message").contains("cancelled"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#placeholder")).isEqualTo(DemoViewerViewModel.DROP_HINT);
        assertThat(robot.lookup("#status-cancel").queryButton().isVisible()).isFalse();
    }

    @Test
    void theProgressLabelNamesTheJobItsStepAndThePercentage() {
        assertThat(StatusBar.label("Writing the sample workspace", 0.25, "libero_goal: open the drawer"))
                .isEqualTo("Writing the sample workspace: libero_goal: open the drawer · 25 %");
        assertThat(StatusBar.label("Indexing", -1, "")).isEqualTo("Indexing");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
