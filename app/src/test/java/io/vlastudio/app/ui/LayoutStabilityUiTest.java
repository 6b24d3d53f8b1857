package io.vlastudio.app.ui;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.store.Verdict;
import javafx.scene.control.SplitPane;
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

/** The layout does not depend on how many edits a session has made. */
@ExtendWith(ApplicationExtension.class)
class LayoutStabilityUiTest {

    @TempDir
    static Path dir;
    private StudioWindow window;
    private FxTaskRunner runner;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        // the real runner: jobs start and end in separate pulses, as in the studio, so the status bar shows them
        runner = new FxTaskRunner(2, 1);
        window = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home"))), runner);
        window.show(stage);
    }

    @Test
    void reviewEditsDoNotMoveTheDividers(FxRobot robot) {
        robot.interact(() -> window.openWorkspace(dir.resolve("workspace"), List.of(dir.resolve("data/libero_goal"))));
        await(() -> window.browser().viewer().signalsProperty().get() != null
                && window.browser().review().workspaceProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane viewerSplit = robot.lookup("#viewer-split").queryAs(SplitPane.class);
        SplitPane mainSplit = robot.lookup("#main-split").queryAs(SplitPane.class);
        double[] viewerBefore = viewerSplit.getDividerPositions();
        double[] mainBefore = mainSplit.getDividerPositions();
        double plotsBefore = robot.lookup("#lower-tabs").query().getLayoutBounds().getHeight();

        Verdict[] cycle = {Verdict.ACCEPTED, Verdict.REJECTED, Verdict.FLAGGED};
        for (int i = 0; i < 12; i++) {
            Verdict v = cycle[i % 3];
            robot.interact(() -> window.browser().review().setVerdict(v));
            await(() -> window.browser().review().reviewProperty().get().verdict() == v);
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewerSplit.getDividerPositions()).containsExactly(viewerBefore, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mainSplit.getDividerPositions()).containsExactly(mainBefore, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(robot.lookup("#lower-tabs").query().getLayoutBounds().getHeight()).isEqualTo(plotsBefore);
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        runner.close();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("condition not met in time", e);
        }
    }
}
