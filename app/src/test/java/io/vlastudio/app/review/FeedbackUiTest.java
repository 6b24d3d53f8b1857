package io.vlastudio.app.review;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.store.Verdict;
import javafx.scene.control.Label;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every edit is echoed where the eye is; U finds the next unreviewed demo; auto-advance moves on after a verdict. */
@ExtendWith(ApplicationExtension.class)
class FeedbackUiTest {

    @TempDir
    static Path dir;
    private static final AtomicInteger N = new AtomicInteger();
    private StudioWindow window;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        int n = N.incrementAndGet();
        window = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home-" + n))), new InlineTaskRunner());
        window.show(stage);
        window.openWorkspace(dir.resolve("workspace-" + n), List.of(dir.resolve("data/libero_goal")));
    }

    private String selected() {
        DemoItem item = window.browser().selectedProperty().get();
        return item == null ? "" : item.summary().name();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void verdictsTagsUndoAndRedoAreEchoedOverTheFramesAndOnTheStatusLine(FxRobot robot) throws Exception {
        await(() -> window.browser().viewer().signalsProperty().get() != null);
        robot.clickOn("#step-label");
        robot.type(KeyCode.A);
        await(() -> text(robot, "#viewer-toast").contains("demo_0"));
        assertThat(robot.lookup("#viewer-toast").query().getOpacity()).isGreaterThan(0.5);
        assertThat(text(robot, "#status-message")).isEqualTo(text(robot, "#viewer-toast"));
        robot.interact(() -> window.browser().review().addTag("grasp slip"));
        await(() -> text(robot, "#viewer-toast").contains("grasp slip"));
        robot.interact(() -> window.browser().review().undo());
        await(() -> text(robot, "#viewer-toast").startsWith("Undone: "));
        robot.interact(() -> window.browser().review().redo());
        await(() -> text(robot, "#viewer-toast").startsWith("Redone: "));
        // the same verdict twice is two echoes
        String before = text(robot, "#viewer-toast");
        robot.interact(() -> window.browser().review().setVerdict(Verdict.ACCEPTED));
        robot.interact(() -> window.browser().review().setVerdict(Verdict.ACCEPTED));
        assertThat(window.browser().review().feedbackProperty().get().seq()).isGreaterThan(4);
        assertThat(before).isNotEmpty();
    }

    @Test
    void uFindsTheNextUnreviewedDemoAndAutoAdvanceMovesOnAfterAVerdict(FxRobot robot) throws Exception {
        await(() -> window.browser().viewer().signalsProperty().get() != null);
        robot.clickOn("#step-label");
        // demo_1 already has a verdict: U from demo_0 skips it
        robot.type(KeyCode.DOWN);
        await(() -> selected().equals("demo_1"));
        robot.type(KeyCode.R);
        await(() -> window.browser().review().verdictOf(window.browser().selectedProperty().get()) == Verdict.REJECTED);
        robot.type(KeyCode.UP);
        await(() -> selected().equals("demo_0"));
        robot.type(KeyCode.U);
        await(() -> selected().equals("demo_2"));

        robot.interact(() -> window.browser().setAutoAdvance(true));
        robot.type(KeyCode.A);
        await(() -> selected().equals("demo_3"));
        assertThat(window.browser().review().verdictOf(window.browser().visibleItems().get(2))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void theLibraryFiltersByVerdictAndTagAndSaysWhenNothingMatches(FxRobot robot) {
        await(() -> window.browser().viewer().signalsProperty().get() != null);
        robot.interact(() -> window.browser().review().setVerdict(Verdict.REJECTED));
        robot.interact(() -> window.browser().review().addTag("Slip"));
        robot.interact(() -> window.browser().filterProperty().set("verdict:rejected"));
        await(() -> window.browser().visibleItems().size() == 1);
        assertThat(window.browser().visibleItems().get(0).summary().name()).isEqualTo("demo_0");
        robot.interact(() -> window.browser().filterProperty().set("tag:slip demo_0"));
        assertThat(window.browser().visibleItems()).hasSize(1);
        robot.interact(() -> window.browser().filterProperty().set("verdict:unreviewed"));
        assertThat(window.browser().visibleItems()).hasSize(11);
        // a verdict given while filtering takes the demo out of "unreviewed" at once
        robot.interact(() -> window.browser().select(window.browser().visibleItems().get(0)));
        robot.interact(() -> window.browser().review().setVerdict(Verdict.ACCEPTED));
        await(() -> window.browser().visibleItems().size() == 10);
        robot.interact(() -> window.browser().filterProperty().set("tag:nothing-has-this"));
        assertThat(window.browser().visibleItems()).isEmpty();
        assertThat(robot.lookup("#library-no-matches").queryAs(Label.class).isVisible()).isTrue();
        assertThat(text(robot, "#library-no-matches")).contains("No demo matches");
        robot.interact(() -> window.browser().filterProperty().set(""));
        assertThat(robot.lookup("#library-no-matches").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void theLibraryFiltersBySegmentLabelAndRangesReadFromColonTo(FxRobot robot) {
        await(() -> window.browser().viewer().signalsProperty().get() != null);
        robot.interact(() -> window.browser().review().addSegment(3, 8, "Failed grasp"));
        // the review panel, the echo and the history all say 3:8 (steps 3 to 7), as the command line takes it
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#segment-list .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("Failed grasp   3:8");
        robot.interact(() -> window.browser().viewer().seek(2));
        robot.interact(() -> window.browser().review().trimIn());
        robot.interact(() -> window.browser().viewer().seek(6));
        robot.interact(() -> window.browser().review().trimOut());
        await(() -> text(robot, "#trim-label").startsWith("steps 2:7"));
        assertThat(text(robot, "#trim-label")).isEqualTo("steps 2:7  (5 kept)");

        robot.interact(() -> window.browser().filterProperty().set("segment:failed-grasp"));
        await(() -> window.browser().visibleItems().size() == 1);
        assertThat(window.browser().visibleItems().get(0).summary().name()).isEqualTo("demo_0");
        robot.interact(() -> window.browser().filterProperty().set("segment:\"FAILED GRASP\" demo_0"));
        assertThat(window.browser().visibleItems()).hasSize(1);
        robot.interact(() -> window.browser().filterProperty().set("segment:grasp"));
        assertThat(window.browser().visibleItems()).isEmpty();
        assertThat(robot.lookup("#library-no-matches").queryAs(Label.class).isVisible()).isTrue();
        // a segment removed while filtering takes the demo out at once
        robot.interact(() -> window.browser().filterProperty().set("segment:failed_grasp"));
        await(() -> window.browser().visibleItems().size() == 1);
        robot.interact(() -> window.browser().select(window.browser().visibleItems().get(0)));
        robot.interact(() -> window.browser().review().removeSegment(
                window.browser().review().reviewProperty().get().segments().get(0)));
        await(() -> window.browser().visibleItems().isEmpty());
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
            WaitForAsyncUtils.waitForFxEvents();
        } catch (Exception e) {
            throw new AssertionError("condition not met in time", e);
        }
    }
}
