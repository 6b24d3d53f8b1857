package io.vlastudio.app.ui;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.browser.Shortcut;
import io.vlastudio.app.tasks.InlineTaskRunner;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** F1 shows every key the studio binds, generated from the binding table and the menus. */
@ExtendWith(ApplicationExtension.class)
class HelpUiTest {

    @TempDir
    static Path dir;
    private StudioWindow window;

    @Start
    void start(Stage stage) {
        window = new StudioWindow(new AppContext(new StudioPaths(dir.resolve("home"))), new InlineTaskRunner());
        window.show(stage);
    }

    @Test
    void theShortcutSheetListsEveryBoundKeyAndScrolls(FxRobot robot) {
        robot.interact(window::showShortcuts);
        ScrollPane scroll = robot.lookup("#shortcut-scroll").queryAs(ScrollPane.class);
        GridPane sheet = (GridPane) scroll.getContent();
        List<String> texts = sheet.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        List<Shortcut> table = window.browserView().shortcuts();
        assertThat(table).hasSizeGreaterThan(15);
        for (Shortcut s : table) {
            assertThat(texts).as(s.what()).contains(s.keys(), s.what());
        }
        // the menus' accelerators come from the menus themselves
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Open File"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Filter Demos"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Keyboard Shortcuts"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Training → Predictions"));
        // the time-axis zoom keys (the viewer's and the Predictions window's) are in the same table
        assertThat(texts).contains(Shortcut.ZOOM, "+", "−", "0");
        // no key is bound twice in the table
        assertThat(table.stream().map(s -> s.code() + "/" + s.shift()).distinct().count()).isEqualTo(table.size());
        assertThat(table.stream().flatMap(s -> s.also().stream()).distinct().count())
                .isEqualTo(table.stream().mapToLong(s -> s.also().size()).sum())
                .isEqualTo(table.stream().flatMap(s -> s.also().stream()).filter(c -> table.stream().noneMatch(s -> s.code() == c)).count());
    }

    @Test
    void theUserGuideShipsWithTheStudio() throws Exception {
        try (var in = StudioWindow.class.getResourceAsStream("/docs/user-guide.md")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("#");
        }
    }
}
