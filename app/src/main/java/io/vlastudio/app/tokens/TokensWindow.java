package io.vlastudio.app.tokens;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.browser.DemoBrowserViewModel;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.theme.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/** The tokenizer preview in a window of its own, following the demo selected in the main window's library. */
public final class TokensWindow {

    private final TokensViewModel model;
    private final DemoBrowserViewModel browser;
    private final String theme;
    private Stage stage;

    public TokensWindow(AppContext context, TaskRunner runner, DemoBrowserViewModel browser) {
        this.theme = context.settings().theme();
        this.browser = browser;
        this.model = new TokensViewModel(context.actionsReader(), context.boundsCalculator(), context.imageTokenizers(),
                context.builtinTokenizer(), context.reconstructor(), runner);
        browser.selectedProperty().addListener((obs, o, n) -> follow(n));
    }

    /** Shows the window (creating it on first call) beside {@code owner}. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Tokenizer preview — VLA Studio");
            TokensView view = new TokensView(model);
            Scene scene = new Scene(view, 1100, 860);
            Theme.apply(scene, theme);
            stage.setScene(scene);
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setOnHidden(e -> model.dispose());
            model.setErrorHandler(this::showError);
        }
        follow(browser.selectedProperty().get());
        stage.show();
        stage.toFront();
    }

    private void follow(DemoItem item) {
        if (item != null && item.summary().valid()) {
            model.show(List.copyOf(browser.files()), item.file(), item.summary().name());
        }
    }

    public TokensViewModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText("Tokenizer preview");
        if (stage != null) {
            alert.initOwner(stage);
        }
        alert.show();
    }
}
