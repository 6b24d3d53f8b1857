package io.vlastudio.app.training;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.theme.Theme;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;

/** Training → Runs… in its own window, on the workspace on screen. Closing it leaves runs running (they re-attach). */
public final class TrainingWindow {

    private final TrainingViewModel model;
    private final String theme;
    private Stage stage;

    public TrainingWindow(AppContext context, TaskRunner runner, Path workspace) throws Exception {
        this.theme = context.settings().theme();
        this.model = new TrainingViewModel(context.workspaces(), workspace, runner, context::runLauncher, context.worldVlaExporter(),
                context.studioVersion());
    }

    public TrainingViewModel model() {
        return model;
    }

    /** Shows the Runs window, then Training → Ablation: action mask vs causal… over it. */
    public void showAblation(Window owner) {
        show(owner);
        TrainingView.ablationDialog(model, stage);
    }

    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            Scene scene = new Scene(new TrainingView(model), 1200, 760);
            Theme.apply(scene, theme);
            stage.setScene(scene);
            stage.setTitle("Training");
            stage.setOnHidden(e -> model.close());
            model.refresh();
        }
        stage.show();
        stage.toFront();
    }
}
