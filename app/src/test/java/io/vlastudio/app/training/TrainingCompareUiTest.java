package io.vlastudio.app.training;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.store.Workspace;
import io.vlastudio.training.run.RecordedRuns;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
import static org.assertj.core.api.Assertions.within;

/** Runs window → Compare…: two finished runs' closs curves overlaid with a legend naming the runs; another metric. */
@ExtendWith(ApplicationExtension.class)
class TrainingCompareUiTest {

    @TempDir
    static Path dir;
    private static AppContext context;
    private static FxTaskRunner runner;
    private TrainingViewModel model;

    @BeforeAll
    static void runs() throws Exception {
        context = new AppContext(new StudioPaths(dir.resolve("home")));
        try (Workspace ws = context.workspaces().open(dir.resolve("ws"))) {
            RecordedRuns.record(ws, context.runLauncher(ws), "baseline", 1.0);
            RecordedRuns.record(ws, context.runLauncher(ws), "more-data", 0.7);
        }
        runner = new FxTaskRunner(2);
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        model = new TrainingViewModel(context.workspaces(), dir.resolve("ws"), w -> { }, runner, context::runLauncher);
        stage.setScene(new Scene(new TrainingView(model), 1000, 640));
        stage.show();
        model.refresh();
    }

    @Test
    void twoRunsCurvesAreOverlaidWithALegend(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.runs().size() == 2);
        robot.interact(() -> model.select("baseline"));
        robot.clickOn("#training-compare");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.compared().size() == 2
                && model.compared().stream().allMatch(s -> !s.getData().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        List<XYChart.Series<Number, Number>> s = model.compared();
        assertThat(s).extracting(XYChart.Series::getName).containsExactly("baseline", "more-data");
        assertThat(s.get(0).getData()).hasSize(12);
        assertThat(s.get(1).getData().get(0).getYValue().doubleValue())
                .isCloseTo(s.get(0).getData().get(0).getYValue().doubleValue() * 0.7, within(1e-3));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#compare-chart").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(2);
        assertThat(robot.lookup(".chart-legend-item").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("baseline", "more-data");
        assertThat(robot.lookup("#compare-note").queryAs(Label.class).getText()).isEqualTo("closs of baseline and more-data");

        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> metric = robot.lookup("#compare-metric").queryAs(ComboBox.class);
            assertThat(metric.getItems()).contains("closs", "lr", "grad_norm");
            metric.setValue("lr");
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "lr of baseline and more-data".equals(model.compareNoteProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.compared().get(0).getData().get(0).getYValue().doubleValue()).isEqualTo(0.002);
    }
}
