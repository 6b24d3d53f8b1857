package io.vlastudio.app.training;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.store.Workspace;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunLauncher;
import io.vlastudio.training.studio.StudioAblation;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.TableView;
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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ablation: action mask vs causal… on the real FX task runner: two studio-model runs (own JVMs, a tiny budget: one
 * epoch of a 1-layer model on a tiny export), the same seed, then the results window's table and bars of action L1
 * per chunk position for both masks.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingAblationUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private static FxTaskRunner runner;
    private static Path export;
    private TrainingViewModel model;

    @BeforeAll
    static void exportAndTokenizer() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        export = TinyStudioModelData.write(context, dir).export();
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
        stage.setScene(new Scene(new TrainingView(model), 1000, 640));
        stage.show();
        model.refresh();
    }

    @Test
    void bothMasksTrainWithTheSameSeedAndTheirL1PerPositionIsShownSideBySide(FxRobot robot) throws Exception {
        robot.clickOn("#training-ablation");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#ablation-export").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#ablation-name").queryAs(TextField.class).setText("abl");
            robot.lookup("#ablation-export").queryAs(TextField.class).setText(export.toString());
            robot.lookup("#ablation-seed").queryAs(TextField.class).setText("7");
            robot.lookup("#ablation-epochs").queryAs(TextField.class).setText("1");
            robot.lookup("#ablation-minutes").queryAs(TextField.class).setText("5");
            robot.lookup("#ablation-extra").queryAs(TextField.class)
                    .setText("layers=1 width=32 heads=2 batch_size=16 eval_samples=3 threads=1");
        });
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#ablation-table").tryQuery().isPresent());
        try {
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !model.ablationRows().isEmpty()
                    || model.ablationNoteProperty().get().startsWith("error") || model.ablationNoteProperty().get().startsWith("the "));
        } finally {
            System.out.println("ablation ui: " + model.ablationNoteProperty().get() + " / " + model.messageProperty().get());
        }
        WaitForAsyncUtils.waitForFxEvents();
        List<StudioAblation.Position> rows = List.copyOf(model.ablationRows());
        assertThat(rows).as(model.ablationNoteProperty().get()).hasSize(3); // chunk 3
        assertThat(rows).allSatisfy(p -> {
            assertThat(p.actionMask()).isFinite();
            assertThat(p.causalMask()).isFinite();
        });
        assertThat(model.ablationNoteProperty().get()).contains("abl-action vs abl-causal");
        assertThat(robot.lookup("#ablation-table").queryAs(TableView.class).getItems()).hasSize(3);
        @SuppressWarnings("unchecked")
        BarChart<String, Number> bars = robot.lookup("#ablation-bars").queryAs(BarChart.class);
        assertThat(bars.getData()).extracting(s -> s.getName()).containsExactly("action mask", "causal mask");
        assertThat(bars.getData().get(1).getData()).hasSize(3);
        assertThat(model.runs()).extracting(TrainingViewModel.RunRow::name).contains("abl-action", "abl-causal");
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            RunLauncher l = context.runLauncher(ws);
            RunConfig a = l.require("abl-action");
            RunConfig c = l.require("abl-causal");
            assertThat(a.mask()).isEqualTo("action");
            assertThat(c.mask()).isEqualTo("causal");
            assertThat(a.seed()).isEqualTo(7L).isEqualTo(c.seed());
            assertThat(a.epochs()).isEqualTo(1).isEqualTo(c.epochs());
            assertThat(a.width()).isEqualTo(32);
            assertThat(l.latest("abl-causal").orElseThrow().status).isEqualTo("succeeded");
        }
    }
}
