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
import io.vlastudio.store.curation.SplitSpec;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
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

/** Builds a mix in the editor and watches the live counts follow. */
@ExtendWith(ApplicationExtension.class)
class MixEditorUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private MixEditorViewModel model;

    @BeforeAll
    static void workspaceWithViewsAndASplit() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        Path suite = dir.resolve("data/libero_small");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(2).withDemosPerTask(3).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.edit(ws.demos(DemoQuery.all()).get(0).ref(), ReviewEdit.create().verdict(Verdict.REJECTED));
            ws.curation().saveView("clean", "verdict != rejected");
            ws.curation().saveView("all", "");
            ws.curation().createSplit("s", SplitSpec.stratified(1), null, false);
        }
    }

    @Start
    void start(Stage stage) {
        model = new MixEditorViewModel(context.workspaces(), dir.resolve("ws"), new InlineTaskRunner());
        stage.setScene(new Scene(new MixEditorView(model), 1000, 600));
        stage.show();
        model.load();
    }

    private static void await(FxRobot robot, String id, java.util.function.Predicate<String> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> condition.test(robot.lookup(id).queryAs(Label.class).getText()));
    }

    @Test
    void buildsAMixAndSeesTheLiveCountsChange(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#mix-demos").queryAs(Label.class).getText()).isEqualTo("0");
        ListView<?> sources = robot.lookup("#mix-sources").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sources.getItems().size() >= 5);

        robot.clickOn("view:clean");
        robot.clickOn("#mix-add");
        await(robot, "#mix-demos", "5"::equals);
        String actionOne = robot.lookup("#mix-action-samples").queryAs(Label.class).getText();
        assertThat(actionOne).isNotEqualTo("0");
        assertThat(robot.lookup("#mix-export-size").queryAs(Label.class).getText()).isNotEqualTo("0 B");
        assertThat(model.warnings()).isEmpty();

        // the whole catalog pulls in the rejected demo and duplicates the clean ones: warnings, more samples
        robot.clickOn("view:all");
        robot.clickOn("#mix-add");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.warnings().size() == 2);
        assertThat(model.warnings()).anyMatch(w -> w.contains("pulls in 1 rejected demo"))
                .anyMatch(w -> w.contains("more than one component"));
        await(robot, "#mix-action-samples", t -> !t.equals(actionOne));
        assertThat(robot.lookup("#mix-demos").queryAs(Label.class).getText()).isEqualTo("5");

        // a longer action chunk makes fewer action samples
        String actionTwo = robot.lookup("#mix-action-samples").queryAs(Label.class).getText();
        Spinner<?> chunk = robot.lookup("#mix-chunk").queryAs(Spinner.class);
        robot.interact(() -> chunk.increment(5));
        await(robot, "#mix-action-samples", t -> !t.equals(actionTwo));
        assertThat(Long.parseLong(robot.lookup("#mix-action-samples").queryAs(Label.class).getText().replace(",", "")))
                .isLessThan(Long.parseLong(actionTwo.replace(",", "")));

        robot.clickOn("#mix-save");
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            assertThat(ws.curation().mix("mix")).hasValueSatisfying(m -> {
                assertThat(m.components()).hasSize(2);
                assertThat(m.settings().chunk()).isEqualTo(10);
            });
        }
    }

    @Test
    void savesAViewFromAFilterAndOffersItAsAComponent(FxRobot robot) throws Exception {
        ListView<?> sources = robot.lookup("#mix-sources").queryAs(ListView.class);
        robot.clickOn("#new-view-name").write("short");
        robot.clickOn("#new-view-filter").write("length < 12 and");
        robot.clickOn("#new-view-save");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#mix-status").queryAs(Label.class).getText().contains("column"));
        assertThat(robot.lookup("#mix-status").queryAs(Label.class).getText()).contains("column");
        robot.clickOn("#new-view-filter").type(javafx.scene.input.KeyCode.BACK_SPACE, 4);
        robot.clickOn("#new-view-save");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sources.getItems().contains("view:short"));
        assertThat(sources.getItems().stream().map(String::valueOf).toList()).contains("view:short");
    }
}
