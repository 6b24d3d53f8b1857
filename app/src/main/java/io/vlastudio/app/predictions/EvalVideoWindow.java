package io.vlastudio.app.predictions;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.theme.Theme;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;

/** Training → Evaluation Videos… in its own window, on the workspace on screen. Closing it stops the players. */
public final class EvalVideoWindow {

    private final EvalVideoViewModel model;
    private final String theme;
    private EvalVideoView view;
    private Stage stage;

    public EvalVideoWindow(AppContext context, TaskRunner runner, Path workspace) {
        this.theme = context.settings().theme();
        this.model = new EvalVideoViewModel(workspace, runner);
    }

    public EvalVideoViewModel model() {
        return model;
    }

    public EvalVideoView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }

    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            view = new EvalVideoView(model);
            Scene scene = new Scene(view, 1280, 760);
            Theme.apply(scene, theme);
            stage.setScene(scene);
            stage.setTitle("Evaluation Videos");
            stage.setOnHidden(e -> view.player().dispose());
            model.load();
        }
        stage.show();
        stage.toFront();
    }
}
