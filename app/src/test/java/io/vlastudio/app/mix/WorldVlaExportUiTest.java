package io.vlastudio.app.mix;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.InlineTaskRunner;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.store.DemoQuery;
import io.vlastudio.store.ReviewEdit;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Export… from the Mix Editor: the dialog shows the counts before writing, writes, and says where it wrote. */
@ExtendWith(ApplicationExtension.class)
class WorldVlaExportUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private MixEditorViewModel model;

    @BeforeAll
    static void workspace() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        Path suite = dir.resolve("data/libero_goal");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(2).withDemosPerTask(3).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.edit(ws.demos(DemoQuery.all()).get(0).ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
            ws.curation().saveView("clean", "verdict != rejected");
        }
    }

    @Start
    void start(Stage stage) {
        model = new MixEditorViewModel(context.workspaces(), dir.resolve("ws"), new InlineTaskRunner(),
                context.worldVlaExporter(), "test");
        stage.setScene(new Scene(new MixEditorView(model), 1000, 600));
        stage.show();
        model.load();
    }

    @Test
    void exportFromTheMixEditorShowsTheCountsWritesAndSaysWhere(FxRobot robot) throws Exception {
        ListView<?> sources = robot.lookup("#mix-sources").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !sources.getItems().isEmpty());
        robot.clickOn("view:clean");
        robot.clickOn("#mix-add");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "5".equals(robot.lookup("#mix-demos").queryAs(Label.class).getText()));

        robot.clickOn("#mix-export");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#export-out").tryQuery().isPresent());
        Path out = dir.resolve("exports/goal");
        robot.interact(() -> robot.lookup("#export-out").queryAs(TextField.class).setText(out.toString()));
        assertThat(robot.lookup("#export-start").queryAs(Button.class).isDisabled()).as("nothing checked yet").isTrue();

        robot.clickOn("#export-check");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#export-summary").queryAs(TextArea.class).getText().contains("files, about"));
        String summary = robot.lookup("#export-summary").queryAs(TextArea.class).getText();
        assertThat(summary).contains("train").contains("val_ind").contains("val_ood").contains("free").contains("5 ");
        assertThat(robot.lookup("#export-warnings").queryAs(ListView.class).getItems())
                .anySatisfy(w -> assertThat(w.toString()).contains("resized"));
        assertThat(out).as("checking writes nothing").doesNotExist();

        robot.clickOn("#export-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#export-result").queryAs(Label.class).getText().startsWith("Wrote"));
        assertThat(robot.lookup("#export-result").queryAs(Label.class).getText()).contains("Wrote 5 trajectories")
                .contains(out.toString());
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(out.resolve("configs/train.yaml")).exists();
        try (var s = Files.list(out.resolve("convs"))) {
            assertThat(s.count()).isEqualTo(6);
        }
        assertThat(robot.lookup("#export-cancel").queryAs(Button.class).isDisabled()).isTrue();
    }
}
