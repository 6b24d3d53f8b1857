package io.vlastudio.app.mix;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.tasks.TaskRunner;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Objects;

/** The mix editor in its own window (Curation → Mix Editor…), on the user's workspace. */
public final class MixEditorWindow {

    private final MixEditorViewModel model;
    private Stage stage;

    public MixEditorWindow(AppContext context, TaskRunner runner, Path workspace) {
        this.model = new MixEditorViewModel(context.workspaces(), workspace, runner, context.worldVlaExporter(),
                context.studioVersion());
    }

    public MixEditorViewModel model() {
        return model;
    }

    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            Scene scene = new Scene(new MixEditorView(model), 1000, 600);
            scene.getStylesheets().add(Objects.requireNonNull(
                    io.vlastudio.app.ui.StudioWindow.class.getResource("studio.css")).toExternalForm());
            stage.setScene(scene);
            stage.setTitle("Mix Editor");
            model.load();
        }
        stage.show();
        stage.toFront();
    }
}
