package io.vlastudio.app.review;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.store.DemoRef;
import io.vlastudio.store.Review;
import io.vlastudio.store.Segment;
import io.vlastudio.store.Trim;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import javafx.scene.control.TreeCell;
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

/** The keyboard-first review loop on real files and a real SQLite workspace. */
@ExtendWith(ApplicationExtension.class)
class ReviewLoopUiTest {

    @TempDir
    static Path dir;
    private static final AtomicInteger N = new AtomicInteger();
    private StudioWindow window;
    private AppContext context;
    private Path workspaceDir;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        int n = N.incrementAndGet();
        context = new AppContext(new StudioPaths(dir.resolve("home-" + n)));
        workspaceDir = dir.resolve("workspace-" + n);
        window = new StudioWindow(context, new InlineTaskRunner());
        window.show(stage);
    }

    private ReviewViewModel review() {
        return window.browser().review();
    }

    private void openAndFocus(FxRobot robot) {
        robot.interact(() -> window.openWorkspace(workspaceDir, List.of(dir.resolve("data/libero_goal"))));
        await(() -> window.browser().viewer().signalsProperty().get() != null && review().workspaceProperty().get() != null);
        robot.clickOn("#step-label");
    }

    private String selected() {
        DemoItem item = window.browser().selectedProperty().get();
        return item == null ? "" : item.summary().name();
    }

    @Test
    void acceptRejectAndFlagAreSavedAtOnceAndShowInTheLibrary(FxRobot robot) {
        openAndFocus(robot);
        robot.type(KeyCode.A);
        await(() -> review().reviewProperty().get().verdict() == Verdict.ACCEPTED);
        robot.type(KeyCode.DOWN);
        await(() -> selected().equals("demo_1"));
        robot.type(KeyCode.R);
        await(() -> review().reviewProperty().get().verdict() == Verdict.REJECTED);
        robot.type(KeyCode.DOWN, KeyCode.F);
        await(() -> selected().equals("demo_2") && review().reviewProperty().get().verdict() == Verdict.FLAGGED);

        DemoItem first = window.browser().visibleItems().get(0);
        DemoItem second = window.browser().visibleItems().get(1);
        assertThat(review().verdictOf(first)).isEqualTo(Verdict.ACCEPTED);
        assertThat(review().verdictOf(second)).isEqualTo(Verdict.REJECTED);
        assertThat(libraryCell(robot, "demo_0")).startsWith("✔");
        assertThat(libraryCell(robot, "demo_1")).startsWith("✘");
        assertThat(libraryCell(robot, "demo_2")).startsWith("⚑");
        assertThat(libraryCell(robot, "demo_3")).startsWith("○");

        // saved in the workspace itself, not only on screen
        Workspace ws = review().workspaceProperty().get();
        assertThat(verdictInWorkspace(ws, "demo_1")).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void trimSegmentAndTagFromTheKeyboardThenUndoAndRedo(FxRobot robot) {
        openAndFocus(robot);
        robot.type(KeyCode.DOWN);
        await(() -> selected().equals("demo_1"));
        robot.interact(() -> window.browser().viewer().seek(2));
        robot.type(KeyCode.I);
        await(() -> review().reviewProperty().get().trim() != null);
        robot.interact(() -> window.browser().viewer().seek(8));
        robot.type(KeyCode.O);
        await(() -> new Trim(2, 9).equals(review().reviewProperty().get().trim()));
        assertThat(review().reviewProperty().get().trim()).isEqualTo(new Trim(2, 9));

        robot.interact(() -> window.browser().viewer().seek(3));
        robot.type(KeyCode.S);
        await(() -> review().pendingSegmentStartProperty().get() == 3);
        robot.interact(() -> window.browser().viewer().seek(6));
        robot.type(KeyCode.S);
        await(() -> robot.lookup("#segment-label").tryQuery().isPresent());
        robot.write("grasp").type(KeyCode.ENTER);
        await(() -> !review().reviewProperty().get().segments().isEmpty());
        assertThat(review().reviewProperty().get().segments()).containsExactly(new Segment(3, 7, "grasp", null));

        robot.clickOn("#step-label").type(KeyCode.T);
        robot.write("bad grasp").type(KeyCode.ENTER);
        await(() -> review().reviewProperty().get().tags().contains("bad grasp"));
        assertThat(review().reviewProperty().get().tags()).containsExactly("bad grasp");
        assertThat(review().history()).hasSize(4);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await(() -> review().reviewProperty().get().tags().isEmpty());
        assertThat(review().reviewProperty().get().tags()).isEmpty();
        assertThat(review().reviewProperty().get().segments()).hasSize(1);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> review().reviewProperty().get().tags().contains("bad grasp"));
        assertThat(review().reviewProperty().get().tags()).containsExactly("bad grasp");
    }

    @Test
    void reviewsAndUndoSurviveClosingAndReopeningTheWorkspace(FxRobot robot) {
        openAndFocus(robot);
        robot.type(KeyCode.R);
        await(() -> review().reviewProperty().get().verdict() == Verdict.REJECTED);
        robot.interact(() -> {
            Workspace ws = review().workspaceProperty().get();
            review().setWorkspace(null);
            ws.close();
        });
        robot.interact(() -> window.openWorkspace(workspaceDir, List.of()));
        await(() -> review().workspaceProperty().get() != null && selected().equals("demo_0")
                && review().reviewProperty().get().verdict() == Verdict.REJECTED);
        assertThat(review().reviewProperty().get().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(context.settings().recentWorkspaces()).first().isEqualTo(workspaceDir.toAbsolutePath().normalize());
        robot.clickOn("#step-label");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await(() -> review().reviewProperty().get().verdict() == Verdict.UNREVIEWED);
        assertThat(review().reviewProperty().get().verdict()).isEqualTo(Verdict.UNREVIEWED);
    }

    @Test
    void theSampleWorkspaceOpensWithFourTasksAndTakesReviews(FxRobot robot) {
        robot.interact(() -> window.openSampleWorkspace());
        await(() -> window.browser().visibleItems().size() == 40 && window.browser().viewer().signalsProperty().get() != null
                && review().workspaceProperty().get() != null);
        assertThat(window.browser().files()).hasSize(4);
        assertThat(review().workspaceProperty().get().directory()).isEqualTo(context.paths().sampleWorkspace());
        robot.clickOn("#step-label");
        robot.type(KeyCode.DOWN, KeyCode.DOWN);
        await(() -> selected().equals("demo_2"));
        robot.type(KeyCode.A);
        await(() -> review().reviewProperty().get().verdict() == Verdict.ACCEPTED);
        assertThat(review().verdictOf(window.browser().selectedProperty().get())).isEqualTo(Verdict.ACCEPTED);
        DemoItem shown = window.browser().selectedProperty().get();
        String cell = robot.lookup(".demo-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> shown.equals(c.getItem())).map(TreeCell::getText).findFirst().orElse("(not visible)");
        assertThat(cell).startsWith("✔");
    }

    private Verdict verdictInWorkspace(Workspace ws, String demo) {
        try {
            Review r = ws.review(new DemoRef(dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5").toAbsolutePath().toString(), demo));
            return r.verdict();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String libraryCell(FxRobot robot, String demo) {
        return robot.lookup(".demo-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() instanceof DemoItem d && d.summary().name().equals(demo))
                .map(c -> c.getText()).findFirst().orElse("(not visible)");
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
