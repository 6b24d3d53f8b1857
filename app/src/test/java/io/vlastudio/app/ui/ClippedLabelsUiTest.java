package io.vlastudio.app.ui;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.app.tokens.TokensWindow;
import io.vlastudio.dataset.testing.PythonFixtures;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No clipped labels at 1024 px: the main window (library filter, orientation menus, review panel with its segment
 * prompt), the overlay's toolbar and the tokenizer preview's header, each 1024 px wide. A label is clipped when its
 * skin shows less text than it has (JavaFX replaces the end with an ellipsis) or, for a text field's placeholder,
 * when the placeholder is wider than the field.
 */
@ExtendWith(ApplicationExtension.class)
class ClippedLabelsUiTest {

    private static final double WIDTH = 1024;
    private static final double HEIGHT = 720;

    @TempDir
    static Path dir;
    private StudioWindow window;
    private Stage stage;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home"))), new InlineTaskRunner());
        window.show(stage);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
    }

    @Test
    void theMainWindowTheOverlayAndTheTokenizerPreviewShowTheirLabelsWholeAt1024Px(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(List.of(dir.resolve("data/libero_goal"))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.browser().viewer().signalsProperty().get() != null);
        robot.interact(() -> window.browserView().reviewPanel().askSegmentLabel(3, 8));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> clipped = new ArrayList<>(clipped(stage.getScene().getRoot()));

        robot.interact(() -> {
            TabPane tabs = (TabPane) robot.lookup(n -> n instanceof TabPane && ((TabPane) n).getTabs().stream()
                    .anyMatch(t -> "Overlay".equals(t.getText()))).query();
            tabs.getTabs().stream().filter(t -> "Overlay".equals(t.getText())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        WaitForAsyncUtils.waitForFxEvents();
        clipped.addAll(clipped(window.browserView().overlayView()));

        TokensWindow[] tokens = new TokensWindow[1];
        robot.interact(() -> {
            tokens[0] = window.openTokens();
            tokens[0].stage().setWidth(WIDTH);
            tokens[0].stage().setHeight(HEIGHT);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        clipped.addAll(clipped(tokens[0].stage().getScene().getRoot()));
        robot.interact(() -> tokens[0].stage().close());

        assertThat(clipped).as("labels clipped at %s px", WIDTH).isEmpty();
    }

    /** Every visible label under {@code root} whose text is shown cut short, as "where: 'text' shown as 'shown'". */
    static List<String> clipped(Node root) {
        List<String> out = new ArrayList<>();
        visit(root, out);
        return out;
    }

    private static void visit(Node n, List<String> out) {
        if (!n.isVisible() || (n.getParent() != null && !n.getParent().isVisible())) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && l.getWidth() > 0) {
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && t.getStyleClass().contains("text") && t.isVisible()
                        && !t.getText().equals(l.getText()) && !t.getText().replace("\n", " ").equals(l.getText())) {
                    out.add(describe(l) + ": '" + l.getText() + "' shown as '" + t.getText() + "'");
                }
            }
        }
        if (n instanceof TextField f && f.getPromptText() != null && !f.getPromptText().isEmpty() && f.getText().isEmpty()
                && f.getWidth() > 0) {
            Text probe = new Text(f.getPromptText());
            probe.setFont(f.getFont());
            double room = f.getWidth() - f.snappedLeftInset() - f.snappedRightInset();
            if (probe.getLayoutBounds().getWidth() > room + 0.5) {
                out.add(describe(f) + ": placeholder '" + f.getPromptText() + "' needs "
                        + Math.round(probe.getLayoutBounds().getWidth()) + " px, has " + Math.round(room));
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c, out);
            }
        }
    }

    private static String describe(Node n) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        String id = n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName();
        return id + " at x=" + Math.round(b.getMinX()) + " w=" + Math.round(b.getWidth());
    }
}
