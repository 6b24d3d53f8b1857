package io.vlastudio.app.training;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.training.run.StandInWorldVla;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training → New Run → Start → the closs curve grows live → Stop → stopped, on the real FX task runner, with the
 * stand-in WorldVLA trainer through real torchrun (2 ranks, gloo).
 */
@ExtendWith(ApplicationExtension.class)
class TrainingUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private static StandInWorldVla installation;
    private static FxTaskRunner runner;
    private TrainingViewModel model;

    @BeforeAll
    static void installation() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        installation = StandInWorldVla.create(dir);
        runner = new FxTaskRunner(2);
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        // GPU use from the stand-in nvidia-smi on the launcher's PATH (a driver cannot run here)
        String gpuPath = io.vlastudio.training.run.StandInNvidiaSmi.path(io.vlastudio.training.run.StandInNvidiaSmi.install(dir.resolve("nvidia-bin")));
        model = new TrainingViewModel(context.workspaces(), dir.resolve("ws"), w -> { }, runner, ws -> new io.vlastudio.training.run.RunLauncher(
                ws.runs(), ws.directory(), io.vlastudio.training.run.RunPlanner.forThisJvm(context.builtinTokenizer().folder()),
                io.vlastudio.training.run.PythonProbe::run, java.time.Duration.ofSeconds(40), new io.vlastudio.training.run.GpuMonitor(gpuPath)));
        stage.setScene(new Scene(new TrainingView(model), 1100, 700));
        stage.show();
        model.refresh();
    }

    @Test
    void newRunStartLiveCurveStopStopped(FxRobot robot) throws Exception {
        robot.clickOn("#training-new");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-run-name").tryQuery().isPresent());
        robot.interact(() -> {
            // the studio-model target swaps in its own defaults and needs no checkout; back to local restores WorldVLA's
            @SuppressWarnings("unchecked")
            javafx.scene.control.ChoiceBox<String> target = robot.lookup("#new-run-target").queryAs(javafx.scene.control.ChoiceBox.class);
            target.setValue("studio-model");
            assertThat(robot.lookup("#new-run-epochs").queryAs(TextField.class).getText()).isEqualTo("10");
            assertThat(robot.lookup("#new-run-lr").queryAs(TextField.class).getText()).isEqualTo("1e-3");
            assertThat(robot.lookup("#new-run-worldvla").queryAs(TextField.class).isDisabled()).isTrue();
            assertThat(robot.lookup("#new-run-seed").queryAs(TextField.class).isDisabled()).isFalse();
            target.setValue("local");
            assertThat(robot.lookup("#new-run-epochs").queryAs(TextField.class).getText()).isEqualTo("40");
            assertThat(robot.lookup("#new-run-seed").queryAs(TextField.class).isDisabled()).isTrue();
            robot.lookup("#new-run-name").queryAs(TextField.class).setText("ui-run");
            robot.lookup("#new-run-export").queryAs(TextField.class).setText(installation.export.toString());
            robot.lookup("#new-run-worldvla").queryAs(TextField.class).setText(installation.checkout.toString());
            robot.lookup("#new-run-python").queryAs(TextField.class).setText(StandInWorldVla.PYTHON);
            robot.lookup("#new-run-gpus").queryAs(TextField.class).setText("2");
            robot.lookup("#new-run-epochs").queryAs(TextField.class).setText("60");
            robot.lookup("#new-run-batch_size").queryAs(TextField.class).setText("2");
            robot.lookup("#new-run-lr").queryAs(TextField.class).setText("0.01");
            robot.lookup("#new-run-cpu").queryAs(CheckBox.class).setSelected(true);
        });
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "created".equals(model.statusProperty().get())
                && "ui-run".equals(model.selectedProperty().get()));
        assertThat(model.runs()).extracting(TrainingViewModel.RunRow::name).containsExactly("ui-run");

        robot.clickOn("#training-start");
        try {
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> model.curve("closs").getData().size() >= 2
                    || "failed".equals(model.statusProperty().get()) || model.messageProperty().get().startsWith("error"));
        } finally {
            System.out.println("training ui: status=" + model.statusProperty().get() + " detail=" + model.detailProperty().get()
                    + " message=" + model.messageProperty().get() + " log=" + model.log().size() + " points="
                    + model.curve("closs").getData().size());
        }
        assertThat(model.curve("closs").getData().size()).as(model.messageProperty().get()).isGreaterThanOrEqualTo(2);
        int first = model.curve("closs").getData().size();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.curve("closs").getData().size() > first);
        assertThat(robot.lookup("#training-status").queryAs(Label.class).getText()).isEqualTo("running");
        assertThat(robot.lookup("#training-detail").queryAs(Label.class).getText()).contains("stage train");
        assertThat(model.log()).anyMatch(l -> l.contains("Epoch: [0]"));
        assertThat(robot.lookup("#training-gpus").queryAs(Label.class).getText())
                .contains("GPU 0 NVIDIA H100 80GB HBM3: 97% · 71234 / 81559 MiB").contains("GPU 3");

        robot.clickOn("#training-stop");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> "stopped".equals(robot.lookup("#training-status").queryAs(Label.class).getText()));
        // the runs list reloads from the workspace in the background after the status changes: wait for it, then check
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> java.util.List.copyOf(model.runs())).get().stream()
                        .allMatch(r -> "stopped".equals(r.status())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.runs()).extracting(TrainingViewModel.RunRow::status).containsExactly("stopped");
        assertThat(model.detailProperty().get()).contains("stopped by the user");
    }
}
