package io.vlastudio.app.tokens;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import javafx.application.Platform;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelling the built-in tokenizer's training on the real FX runner gives the preview back. */
@ExtendWith(ApplicationExtension.class)
class TokensCancelUiTest {

    @TempDir
    static Path dir;
    private StudioWindow window;
    private FxTaskRunner runner;
    private final List<String> offFx = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner(2, 1);
        window = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home"))), runner);
        window.show(stage);
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void cancellingTrainingLeavesNoStuckTrainingStateAndTheButtonsLive(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> window.browser().selectedProperty().get() != null);
        TokensWindow[] tokens = new TokensWindow[1];
        robot.interact(() -> tokens[0] = window.openTokens());
        TokensViewModel model = tokens[0].model();
        robot.interact(() -> {
            model.busyProperty().addListener((o, a, n) -> confined("busy"));
            model.statusProperty().addListener((o, a, n) -> confined("status"));
        });
        await(() -> model.demoProperty().get() != null);
        // long enough that the cancel lands mid-training
        PatchCodebookTrainer.Settings slow = PatchCodebookTrainer.Settings.defaults().withCodebookSize(64)
                .withIterations(100_000).withMaxPatches(2000).withFrameStride(1);
        robot.interact(() -> model.trainBuiltin(slow));
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).startsWith("Training the built-in tokenizer");
        await(() -> robot.lookup("#status-progress").queryAs(ProgressBar.class).isVisible());
        robot.interact(() -> robot.lookup("#status-cancel").queryButton().fire());
        await(() -> !model.busyProperty().get());
        assertThat(model.statusProperty().get()).startsWith("Cancelled: Training the built-in tokenizer");
        assertThat(robot.lookup("#status-cancel").queryButton().isVisible()).isFalse();
        assertThat(offFx).isEmpty();
    }

    private void confined(String what) {
        if (!Platform.isFxApplicationThread()) {
            offFx.add(what + " on " + Thread.currentThread().getName());
        }
    }

    private static void await(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
            WaitForAsyncUtils.waitForFxEvents();
        } catch (Exception e) {
            throw new AssertionError("condition not met in time", e);
        }
    }
}
