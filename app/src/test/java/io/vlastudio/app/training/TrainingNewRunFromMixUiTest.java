package io.vlastudio.app.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.training.run.AttemptState;
import io.vlastudio.training.run.RunConfig;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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

/**
 * Training → New Run → "a saved mix": the mix's WorldVLA export is written first (the export dialog's code path, with
 * progress) under the workspace, then the run is created on it with the mix name in its configuration (provenance);
 * cancelling the export creates no run and leaves no export folder.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingNewRunFromMixUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private static FxTaskRunner runner;
    private TrainingViewModel model;

    @BeforeAll
    static void workspaceWithAMix() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        Path suite = dir.resolve("data/libero_goal");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(1).withDemosPerTask(3).withImageSize(32).withFailuresPerTask(0), Progress.NONE, () -> false);
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.curation().saveView("all", "");
            ws.curation().saveMix(new Mix("goal-all", List.of(MixComponent.view("all", 1)), MixSettings.defaults()));
        }
        runner = new FxTaskRunner(2);
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        model = new TrainingViewModel(context.workspaces(), dir.resolve("ws"), runner, context::runLauncher,
                context.worldVlaExporter(), "test");
        stage.setScene(new Scene(new TrainingView(model), 1100, 700));
        stage.show();
        model.refresh();
    }

    @Test
    void aRunFromASavedMixExportsItFirstAndRecordsTheMix(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.savedMixes().contains("goal-all"));
        fillNewRun(robot, "from-mix");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("created")
                || model.messageProperty().get().startsWith("error"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.messageProperty().get()).isEqualTo("created run from-mix");
        assertThat(model.exportingProperty().get()).isFalse();
        Path export = model.mixExportDir("from-mix", "goal-all");
        assertThat(export).isEqualTo(dir.resolve("ws/exports/from-mix-goal-all"));
        JsonNode manifest = new ObjectMapper().readTree(export.resolve("manifest.json").toFile());
        assertThat(manifest.get("trajectories")).hasSize(3);
        assertThat(manifest.path("settings").path("resolution").asInt()).isEqualTo(256);
        assertThat(manifest.path("mix").toString()).contains("goal-all");
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            RunConfig c = context.runLauncher(ws).require("from-mix");
            assertThat(c.export()).isEqualTo(export.toString());
            assertThat(c.mix()).isEqualTo("goal-all");
            assertThat(c.target().id()).isEqualTo("studio-model");
            assertThat(c.resolution()).isEqualTo(256);
        }

        // the same, cancelled while the export runs: no run, no export folder
        fillNewRun(robot, "cancelled");
        robot.interact(() -> model.exportStatusProperty().addListener((o, a, b) -> {
            if (b != null && b.contains(" into ")) {
                model.cancelMixExport();
            }
        }));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("error"));
        assertThat(model.messageProperty().get()).contains("the run was not created").contains("Cancelled");
        assertThat(model.runs()).extracting(TrainingViewModel.RunRow::name).containsExactly("from-mix");
        Path cancelled = model.mixExportDir("cancelled", "goal-all");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            try (var s = Files.list(cancelled.getParent())) {
                return s.noneMatch(p -> p.getFileName().toString().startsWith("cancelled-goal-all"));
            }
        });
        assertThat(cancelled).doesNotExist();
    }

    @SuppressWarnings("unchecked")
    private void fillNewRun(FxRobot robot, String name) throws Exception {
        robot.clickOn("#training-new");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-run-source").tryQuery().isPresent());
        robot.interact(() -> {
            ChoiceBox<String> source = robot.lookup("#new-run-source").queryAs(ChoiceBox.class);
            source.setValue(TrainingView.MIX_SOURCE);
            assertThat(robot.lookup("#new-run-export").queryAs(TextField.class).isDisabled()).isTrue();
            assertThat(robot.lookup("#new-run-mix").queryAs(ChoiceBox.class).getValue()).isEqualTo("goal-all");
            robot.lookup("#new-run-target").queryAs(ChoiceBox.class).setValue("studio-model");
            robot.lookup("#new-run-name").queryAs(TextField.class).setText(name);
        });
    }
}
