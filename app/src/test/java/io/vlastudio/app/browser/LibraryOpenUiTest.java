package io.vlastudio.app.browser;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.testing.PythonFixtures;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening files on the real FX task runner: opening adds to the library, and a failed or cancelled open leaves the
 * library, the selection and the status line as they were. Every property change the view sees must happen on the
 * FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class LibraryOpenUiTest {

    @TempDir
    static Path dir;
    private static final java.util.concurrent.atomic.AtomicInteger HOMES = new java.util.concurrent.atomic.AtomicInteger();
    private StudioWindow window;
    private FxTaskRunner runner;
    private final List<String> offFx = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        AppContext context = new AppContext(new StudioPaths(dir.resolve("home-" + HOMES.incrementAndGet())));
        runner = new FxTaskRunner(2, 1);
        window = new StudioWindow(context, runner);
        window.show(stage);
        DemoBrowserViewModel b = window.browser();
        b.statusProperty().addListener((o, a, n) -> confined("status " + n));
        b.selectedProperty().addListener((o, a, n) -> confined("selected " + n));
        b.files().addListener((javafx.collections.ListChangeListener<Object>) c -> confined("files"));
        b.visibleItems().addListener((javafx.collections.ListChangeListener<Object>) c -> confined("visible"));
        b.viewer().stepProperty().addListener((o, a, n) -> confined("step " + n));
        b.review().reviewProperty().addListener((o, a, n) -> confined("review"));
    }

    private void confined(String what) {
        if (!Platform.isFxApplicationThread()) {
            offFx.add(what + " on " + Thread.currentThread().getName());
        }
    }

    @AfterEach
    void stop() {
        assertThat(offFx).as("property changes off the FX thread").isEmpty();
        runner.close();
    }

    @Test
    void openingASecondFolderAddsItToTheLibrary(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> window.browser().selectedProperty().get() != null);
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_10"))));
        await(() -> window.browser().files().size() == 2);
        assertThat(status(robot)).startsWith("2 files, ");
        // opening what is open already changes nothing
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> status(robot).contains("already open"));
        assertThat(window.browser().files()).hasSize(2);
    }

    @Test
    void aFileThatCannotBeOpenedLeavesTheLibraryAsItWas(FxRobot robot) {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> window.browser().selectedProperty().get() != null);
        DemoItem selected = window.browser().selectedProperty().get();
        int demos = window.browser().visibleItems().size();

        robot.interact(() -> window.open(List.of(dir.resolve("data/bad/truncated.hdf5"))));
        await(() -> dialogText(robot).contains("truncated.hdf5"));
        closeDialogs(robot);
        assertThat(window.browser().files()).hasSize(1);
        assertThat(window.browser().visibleItems()).hasSize(demos);
        assertThat(window.browser().selectedProperty().get()).isEqualTo(selected);
        assertThat(status(robot)).startsWith("1 file, 12 demos").doesNotContain("Opening");
        assertThat(window.browser().review().itemProperty().get()).isEqualTo(selected);
        // the review panel still shows the demo, with live verdict buttons
        assertThat(robot.lookup("#verdict-accepted").query().isDisabled()).isFalse();
    }

    @Test
    void aCancelledOpenLeavesNoStaleStatusAndTheLibraryAsItWas(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> status(robot).contains("▸"));
        String before = status(robot);

        // keep the batch lane busy so that the open waits in the queue, then cancel it from the status bar
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        robot.interact(() -> runner.run("Reading ahead (test blocker)", ctx -> {
            blocking.countDown();
            release.await();
            return null;
        }, r -> { }, e -> { }));
        assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_10"))));
        assertThat(status(robot)).startsWith("Opening libero_10");
        robot.clickOn("#status-cancel");
        release.countDown();
        await(() -> !status(robot).startsWith("Opening"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status(robot)).isEqualTo(before);
        assertThat(window.browser().files()).hasSize(1);
        assertThat(robot.lookup("#status-cancel").queryAs(Button.class).isVisible()).isFalse();
    }

    @Test
    void withNoDemoShownTheVerdictControlsAreOff(FxRobot robot) {
        assertThat(robot.lookup("#review-title").queryAs(Label.class).getText()).isEqualTo("No demo");
        for (String id : List.of("#verdict-accepted", "#verdict-rejected", "#trim-clear", "#tag-field", "#note-add")) {
            assertThat(robot.lookup(id).query().isDisabled()).as(id).isTrue();
        }
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        await(() -> window.browser().selectedProperty().get() != null);
        assertThat(robot.lookup("#verdict-accepted").query().isDisabled()).isFalse();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status-message").queryAs(Label.class).getText();
    }

    private static String dialogText(FxRobot robot) {
        return robot.lookup(".dialog-pane").tryQueryAs(javafx.scene.control.DialogPane.class)
                .map(p -> p.getContent() instanceof javafx.scene.control.TextArea t ? t.getText() : p.getContentText())
                .orElse("");
    }

    private static void closeDialogs(FxRobot robot) {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.getModality() != null && s.getScene() != null
                        && s.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .forEach(Window::hide));
    }

    private static void await(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
            WaitForAsyncUtils.waitForFxEvents();
        } catch (Exception e) {
            throw new AssertionError("condition not met in time", e);
        }
    }
}
