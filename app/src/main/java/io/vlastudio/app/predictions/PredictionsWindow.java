package io.vlastudio.app.predictions;

import io.vlastudio.app.browser.Shortcut;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.theme.Theme;
import io.vlastudio.app.viewer.DemoSignals;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.app.viewer.FrameCache;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyEvent;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Predictions view in a window of its own beside the studio window, on the viewer's clock: it follows the demo
 * open in the viewer, and scrubbing or playing in either window moves both. Keys: the studio's playback and zoom keys
 * (Space play/pause, ←/→ one step, Shift+←/→ ten, Home/End, J/K/L, +/−/0), from the table the F1 sheet lists.
 */
public final class PredictionsWindow {

    /** Decoded real, predicted and difference frames kept for scrubbing, flat however long. */
    static final long FRAME_CACHE_BYTES = 128L << 20;

    private final DemoViewerViewModel viewer;
    private final Supplier<Path> workspace;
    private final PredictionsViewModel model;
    private final String theme;
    private final List<Shortcut> keys;
    private Stage stage;
    private PredictionsView view;

    /**
     * @param viewer    the studio's viewer: its clock, its demo and its signals
     * @param workspace the workspace whose predictions/ folder is searched (the one on screen)
     * @param shortcuts the studio's shortcut table (the one the F1 sheet lists): its playback and zoom keys work here
     *                  too, on the viewer's clock and time window
     */
    public PredictionsWindow(java.util.function.Function<Path, io.vlastudio.training.predictions.PredictionCatalog> catalogs,
                             io.vlastudio.training.predictions.ComparisonExport exporter, TaskRunner runner,
                             DemoViewerViewModel viewer, Supplier<Path> workspace, String theme, List<Shortcut> shortcuts) {
        this.viewer = viewer;
        this.keys = shortcuts.stream().filter(k -> k.group().equals(Shortcut.PLAYBACK) || k.group().equals(Shortcut.ZOOM))
                .toList();
        this.workspace = workspace;
        this.theme = theme;
        this.model = new PredictionsViewModel(catalogs, exporter, runner, new FrameCache(FRAME_CACHE_BYTES),
                new UniformBinActionTokenizer(ActionBounds.worldVla()), viewer.stepProperty());
        viewer.demoProperty().addListener((obs, o, n) -> {
            if (stage != null && stage.isShowing()) {
                follow();
            }
        });
    }

    /** Shows the window (creating it on first call) beside {@code owner}, on the demo open in the viewer. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Predictions — VLA Studio");
            view = new PredictionsView(model, transport(), this::chooseFolder, this::chooseExport);
            var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            Scene scene = new Scene(view, Math.min(1280, screen.getWidth()), Math.min(900, screen.getHeight()));
            Theme.apply(scene, theme);
            scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
            stage.setScene(scene);
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setOnHidden(e -> model.clear());
            model.setErrorHandler(this::showError);
        }
        stage.show();
        stage.toFront();
        follow();
    }

    private void follow() {
        Demo d = viewer.demoProperty().get();
        if (d != null && viewer.currentKey() instanceof DemoItem item) {
            // the predictions are shown the way the viewer shows this camera
            Orientation o = viewer.orientations().get(PredictionsViewModel.DEFAULT_CAMERA);
            if (o != null) {
                model.displayOrientationProperty().set(o);
            }
            model.show(workspace.get(), item.file().path(), item.summary().name(), d, item);
        } else {
            model.clear();
        }
    }

    private void onKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        for (Shortcut k : keys) {
            if (k.matches(e)) {
                k.action().run();
                e.consume();
                return;
            }
        }
    }

    private PredictionsView.Transport transport() {
        return new PredictionsView.Transport() {
            @Override
            public void togglePlay() {
                viewer.togglePlay();
            }

            @Override
            public void seek(int step) {
                viewer.seek(step);
            }

            @Override
            public ObservableValue<Boolean> playing() {
                return viewer.playingProperty();
            }

            @Override
            public DemoSignals signals() {
                return viewer.signalsProperty().get();
            }

            @Override
            public ObservableValue<DemoSignals> signalsValue() {
                return viewer.signalsProperty();
            }

            @Override
            public io.vlastudio.app.viewer.TimeWindow timeWindow() {
                return viewer.timeWindow();
            }
        };
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a predictions folder (meta.json, frame_<t>.png, actions.json)");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            model.addFolder(dir.toPath());
        }
    }

    private void chooseExport() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the comparison (real | predicted | difference)");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("MP4 video (H.264)", "*.mp4"),
                new javafx.stage.FileChooser.ExtensionFilter("Animated GIF", "*.gif"),
                new javafx.stage.FileChooser.ExtensionFilter("PNG strip (up to 12 steps)", "*.png"));
        Demo d = viewer.demoProperty().get();
        chooser.setInitialFileName((d == null ? "comparison" : d.name() + "-predictions") + ".mp4");
        File out = chooser.showSaveDialog(stage);
        if (out != null) {
            Path p = out.toPath();
            if (io.vlastudio.training.predictions.ComparisonExport.Format.ofFile(p).isEmpty()) {
                String ext = chooser.getSelectedExtensionFilter() == null ? "*.mp4"
                        : chooser.getSelectedExtensionFilter().getExtensions().get(0);
                p = p.resolveSibling(p.getFileName() + ext.substring(1));
            }
            model.export(p);
        }
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText("Predictions");
        if (stage != null) {
            alert.initOwner(stage);
        }
        alert.show();
    }

    public PredictionsViewModel model() {
        return model;
    }

    public PredictionsView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
