package io.vlastudio.app.mix;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.theme.Theme;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;

/** The mix editor in its own window (Curation → Mix Editor…), on the user's workspace. */
public final class MixEditorWindow {

    private final MixEditorViewModel model;
    private final String theme;
    private Stage stage;

    public MixEditorWindow(AppContext context, TaskRunner runner, Path workspace) {
        this.theme = context.settings().theme();
        this.model = new MixEditorViewModel(context.workspaces(), workspace, runner, context.worldVlaExporter(),
                AppContext.studioVersion());
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
            Theme.apply(scene, theme);
            stage.setScene(scene);
            stage.setTitle("Mix Editor");
            model.load();
        }
        stage.show();
        stage.toFront();
    }
}
