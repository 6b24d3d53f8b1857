package io.vlastudio.app.tokens;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.Progress;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.action.BoundsPreset;
import io.vlastudio.tokenizer.testing.TinyVqGan;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The tokenizer preview on the sample workspace, through the real window and the committed tiny VQ-GAN. */
@ExtendWith(ApplicationExtension.class)
class TokensUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private static Path suite;
    private static Path vqgan;
    private StudioWindow window;
    private TokensWindow tokens;

    @BeforeAll
    static void prepare() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        suite = context.sampleWorkspace().ensure(Progress.NONE, () -> false);
        vqgan = TinyVqGan.copyTo(dir.resolve("vqgan"), false);
        // a small built-in tokenizer in the workspace, so the "Built-in tokenizer" button opens it instead of training
        try (DatasetScanner.ScanResult r = context.scanner().open(List.of(suite));
             PatchCodebookTokenizer t = context.builtinTokenizer().train(r.files().subList(0, 1), PatchCodebookTrainer.Settings
                     .defaults().withCodebookSize(64).withIterations(3).withMaxPatches(3000).withFrameStride(20), Progress.NONE, () -> false)) {
            assertThat(t.codebookSize()).isEqualTo(64);
        }
    }

    @Start
    void start(Stage stage) {
        window = new StudioWindow(context, new InlineTaskRunner());
        window.show(stage);
    }

    private void openPreview(FxRobot robot) {
        robot.interact(() -> window.open(List.of(suite)));
        await(() -> window.browser().selectedProperty().get() != null);
        robot.interact(() -> tokens = window.openTokens());
        robot.interact(() -> tokens.model().useFolder(vqgan));
        await(() -> tokens.model().reconstructionProperty().get() != null);
    }

    @Test
    void previewsReconstructionsFrameByFrameWithTheCodeUnderTheMouse(FxRobot robot) {
        openPreview(robot);
        assertThat(text(robot, "#tokens-tokenizer")).startsWith("Chameleon VQ-GAN (TorchScript");
        assertThat(text(robot, "#tokens-quality")).startsWith("step 0 · PSNR ").contains("SSIM", "distinct codes");
        assertThat(text(robot, "#tokens-fit-note")).contains("128x128 frame resized to 256x256 (bicubic)");

        robot.moveTo("#tokens-grid-overlay");
        await(() -> text(robot, "#tokens-hover-code").startsWith("code "));
        int code = tokens.model().reconstructionProperty().get().codes().codeAt(8, 8);
        assertThat(text(robot, "#tokens-hover-code")).isEqualTo("code " + code + " at row 8, column 8 (token "
                + (8 * 17 + 8) + " of the image block's code rows)");

        robot.interact(() -> tokens.model().stepProperty().set(3));
        await(() -> text(robot, "#tokens-quality").startsWith("step 3 "));
        assertThat(text(robot, "#tokens-step-label")).startsWith("step 3 / ");
    }

    @Test
    void tokenizesTheWholeDemoWithTheBuiltinTokenizerForTheTimelineAndCodebookUsage(FxRobot robot) {
        openPreview(robot);
        robot.clickOn("#tokens-use-builtin");
        await(() -> text(robot, "#tokens-tokenizer").startsWith("built-in patch codebook (64 codes"));
        robot.clickOn("#tokens-tokenize-demo");
        await(() -> text(robot, "#tokens-demo-quality").contains("mean PSNR"));
        int steps = tokens.model().demoProperty().get().length();
        assertThat(text(robot, "#tokens-demo-quality")).startsWith(steps + " frames · mean PSNR");
        assertThat(text(robot, "#tokens-usage-label")).matches("This demo: \\d+ of 64 codes used, \\d+ dead\\..*")
                .contains("Every demo tokenized in this view");
        assertThat(tokens.model().demoTokenizationProperty().get().psnr()).hasSize(steps);
    }

    @Test
    void showsWhatTheModelSeesWithLossAndAttentionMasks(FxRobot robot) {
        openPreview(robot);
        robot.clickOn("What the model sees");
        await(() -> tokens.model().sequenceProperty().get() != null);
        // M = 2 history frames (only one at step 0), K = 5 actions: 1 + text block + 276 + 1 + 45 + 1
        assertThat(text(robot, "#tokens-count")).isEqualTo("at least 325 tokens of 4096 (46 trained on)");
        assertThat(text(robot, "#tokens-sequence-note")).contains("Prompt text shown as one block: no text_tokenizer.json chosen");
        assertThat(text(robot, "#tokens-mask-label")).contains("removes 810 query-key pairs in 10 blocks");

        robot.interact(() -> tokens.model().stepProperty().set(4));
        await(() -> text(robot, "#tokens-count").startsWith("at least 601 "));
        robot.moveTo("#tokens-strip");
        await(() -> text(robot, "#tokens-token-hover").startsWith("#"));

        robot.interact(() -> tokens.model().sampleKindProperty().set(TokensViewModel.SampleKind.WORLD_MODEL));
        await(() -> text(robot, "#tokens-count").startsWith("at least 565 "));
        assertThat(text(robot, "#tokens-count")).contains("(277 trained on)");
        assertThat(text(robot, "#tokens-mask-label")).contains("nothing to mask");
    }

    @Test
    void showsActionStatisticsAndTheBoundsSnippet(FxRobot robot) {
        openPreview(robot);
        robot.clickOn("Actions");
        TableView<?> table = robot.lookup("#tokens-action-table").queryAs(TableView.class);
        await(() -> table.getItems().size() == 7);
        assertThat(table.getItems()).hasSize(7);
        assertThat(text(robot, "#tokens-gripper")).contains("change sign after the round trip", "40 demos");
        assertThat(robot.lookup("#tokens-snippet").queryAs(TextArea.class).getText()).contains("WorldVLA fixed bounds",
                "min_values = np.array([-0.9375, -0.9375, -0.9375, -0.32571429, -0.375, -0.375, -1.0])");
        robot.interact(() -> tokens.model().boundsPresetProperty().set(BoundsPreset.Q01_Q99));
        await(() -> robot.lookup("#tokens-snippet").queryAs(TextArea.class).getText().contains("1st / 99th percentile"));
        assertThat(text(robot, "#tokens-step-actions")).startsWith("step 0 tokens: [");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
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
