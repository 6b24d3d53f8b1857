package io.vlastudio.app.ui;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.browser.DemoBrowserView;
import io.vlastudio.app.browser.DemoBrowserViewModel;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.theme.Theme;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.app.viewer.FrameCache;
import io.vlastudio.app.tokens.TokensWindow;
import io.vlastudio.store.Workspace;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** The studio's main window: menus, drag and drop, the demo browser and a status bar. */
public final class StudioWindow {

    private final AppContext context;
    private final TaskRunner runner;
    private final DemoBrowserViewModel browser;
    /** Decoded frames kept for scrubbing: enough for two 256² cameras over ~1,000 steps, flat however long. */
    static final long FRAME_CACHE_BYTES = 192L << 20;

    private final BorderPane root = new BorderPane();
    private final Menu recentMenu = new Menu("Open Recent");
    private MenuBar menuBar;
    private DemoBrowserView browserView;
    private Scene scene;
    private Stage stage;
    private TokensWindow tokensWindow;

    public StudioWindow(AppContext context, TaskRunner runner) {
        this.context = context;
        this.runner = runner;
        DemoViewerViewModel viewer = new DemoViewerViewModel(runner, new FrameCache(FRAME_CACHE_BYTES), context.settings());
        this.browser = new DemoBrowserViewModel(context.scanner(), runner, viewer);
    }

    /** Builds the scene into {@code stage} and shows it. */
    public void show(Stage stage) {
        this.stage = stage;
        root.setId("studio-root");
        menuBar = menuBar();
        root.setTop(menuBar);
        browserView = new DemoBrowserView(browser);
        root.setCenter(browserView);
        StatusBar statusBar = new StatusBar(browser.statusProperty());
        runner.setProgressListener(statusBar);
        root.setBottom(statusBar);
        browser.setErrorHandler(this::showError);
        browser.setOnOpened(path -> {
            context.settings().addRecent(path);
            saveSettings();
            rebuildRecent();
        });
        rebuildRecent();

        // fitted to the screen (a 720p screen shows the menu and the status bar), or where the user left it
        WindowPlacement placement = new WindowPlacement(context.settings(), this::saveSettings);
        javafx.geometry.Rectangle2D bounds = placement.initialBounds();
        scene = new Scene(root, bounds.getWidth(), bounds.getHeight());
        applyTheme(context.settings().theme());
        placement.place(stage, bounds);

        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean ok = db.hasFiles();
            if (ok) {
                browser.open(db.getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        stage.setTitle("VLA Studio");
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            browser.dispose();
            Workspace ws = browser.review().workspaceProperty().get();
            if (ws != null) {
                ws.close();
            }
        });
        stage.show();
        // the split panes' skins exist once shown
        placement.rememberDividers((javafx.scene.control.SplitPane) root.lookup("#main-split"), "main");
        placement.rememberDividers((javafx.scene.control.SplitPane) root.lookup("#viewer-split"), "viewer");
    }

    /** Opens files or folders in the browser. */
    public void open(List<Path> paths) {
        browser.open(paths);
    }

    public DemoBrowserViewModel browser() {
        return browser;
    }

    public Parent root() {
        return root;
    }

    private MenuBar menuBar() {
        MenuItem openFile = new MenuItem("Open File…");
        openFile.setId("menu-open-file");
        openFile.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        openFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open demonstration files");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HDF5 demonstrations", "*.hdf5", "*.h5"));
            List<File> files = chooser.showOpenMultipleDialog(stage);
            if (files != null && !files.isEmpty()) {
                browser.open(files.stream().map(File::toPath).toList());
            }
        });
        MenuItem openFolder = new MenuItem("Open Folder…");
        openFolder.setId("menu-open-folder");
        openFolder.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
        openFolder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a folder of demonstration files");
            File dir = chooser.showDialog(stage);
            if (dir != null) {
                browser.open(List.of(dir.toPath()));
            }
        });
        MenuItem openWorkspace = new MenuItem("Open Workspace…");
        openWorkspace.setId("menu-open-workspace");
        openWorkspace.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open or create a workspace folder (reviews, edits and mixes live there)");
            File dir = chooser.showDialog(stage);
            if (dir != null) {
                openWorkspace(dir.toPath(), List.of());
            }
        });
        MenuItem openSample = new MenuItem("Open Sample Workspace");
        openSample.setId("menu-open-sample");
        openSample.setOnAction(e -> openSampleWorkspace());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        recentMenu.setId("menu-recent");
        Menu file = new Menu("File", null, openFile, openFolder, recentMenu, new SeparatorMenuItem(), openWorkspace,
                openSample, new SeparatorMenuItem(), quit);

        MenuItem undo = new MenuItem("Undo");
        undo.setId("menu-undo");
        undo.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
        undo.setOnAction(e -> browser.review().undo());
        MenuItem redo = new MenuItem("Redo");
        redo.setId("menu-redo");
        redo.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Z"));
        redo.setOnAction(e -> browser.review().redo());
        MenuItem redoY = new MenuItem("Redo (alternative)");
        redoY.setAccelerator(KeyCombination.keyCombination("Shortcut+Y"));
        redoY.setOnAction(e -> browser.review().redo());
        MenuItem findDemo = new MenuItem("Filter Demos…");
        findDemo.setId("menu-filter");
        findDemo.setAccelerator(KeyCombination.keyCombination("Shortcut+F"));
        findDemo.setOnAction(e -> browserView.focusFilter());
        Menu edit = new Menu("Edit", null, undo, redo, redoY, new SeparatorMenuItem(), findDemo);

        MenuItem dark = new MenuItem("Dark Theme");
        dark.setOnAction(e -> setTheme("dark"));
        MenuItem light = new MenuItem("Light Theme");
        light.setOnAction(e -> setTheme("light"));
        javafx.scene.control.CheckMenuItem advance = new javafx.scene.control.CheckMenuItem("Advance After a Verdict");
        advance.setId("menu-auto-advance");
        advance.setSelected(context.settings().autoAdvance());
        browser.setAutoAdvance(advance.isSelected());
        advance.selectedProperty().addListener((obs, o, n) -> {
            browser.setAutoAdvance(n);
            context.settings().setAutoAdvance(n);
            saveSettings();
        });
        Menu view = new Menu("View", null, dark, light, new SeparatorMenuItem(), advance);

        MenuItem keys = new MenuItem("Keyboard Shortcuts");
        keys.setId("menu-shortcuts");
        keys.setAccelerator(KeyCombination.keyCombination("F1"));
        keys.setOnAction(e -> showShortcuts());
        MenuItem guide = new MenuItem("User Guide");
        guide.setId("menu-user-guide");
        guide.setOnAction(e -> showUserGuide());
        Menu help = new Menu("Help", null, keys, guide);
        MenuItem preview = new MenuItem("Tokenizer Preview…");
        preview.setId("menu-tokens");
        preview.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        preview.setOnAction(e -> openTokens());
        MenuItem mixEditor = new MenuItem("Mix Editor…");
        mixEditor.setId("menu-mix-editor");
        mixEditor.setOnAction(e -> openMixEditor(null));
        MenuItem splits = curationItem("New Split…", "menu-splits", io.vlastudio.app.curation.CurationWindow.Page.SPLITS);
        MenuItem mixes = curationItem("Mixes…", "menu-mixes", io.vlastudio.app.curation.CurationWindow.Page.MIXES);
        MenuItem manifests = curationItem("Write or Compare Manifests…", "menu-manifests",
                io.vlastudio.app.curation.CurationWindow.Page.MANIFESTS);
        MenuItem curatedExport = curationItem("Export Curated HDF5…", "menu-export-hdf5",
                io.vlastudio.app.curation.CurationWindow.Page.EXPORT);
        MenuItem training = new MenuItem("Runs…");
        training.setId("menu-training");
        training.setOnAction(e -> openTraining(false));
        MenuItem evalVideos = new MenuItem("Evaluation Videos…");
        evalVideos.setId("menu-eval-videos");
        evalVideos.setOnAction(e -> new io.vlastudio.app.predictions.EvalVideoWindow(context, runner, curationWorkspace()).show(stage));
        MenuItem predictions = new MenuItem("Predictions…");
        predictions.setId("menu-predictions");
        predictions.setAccelerator(KeyCombination.keyCombination("Shortcut+P"));
        predictions.setOnAction(e -> openPredictions());
        MenuItem ablation = new MenuItem("Ablation: action mask vs causal…");
        ablation.setId("menu-training-ablation");
        ablation.setOnAction(e -> openTraining(true));
        MenuItem exportWorldVla = new MenuItem("Export to WorldVLA…");
        exportWorldVla.setId("menu-export-worldvla");
        exportWorldVla.setOnAction(e -> {
            io.vlastudio.app.mix.WorldVlaExportViewModel m = new io.vlastudio.app.mix.WorldVlaExportViewModel(
                    context.workspaces(), curationWorkspace(), runner, context.worldVlaExporter(), AppContext.studioVersion());
            new io.vlastudio.app.mix.WorldVlaExportDialog(m).show(stage);
            m.loadSavedMixes();
        });
        return new MenuBar(file, edit, view, new Menu("Tokens", null, preview), new Menu("Curation", null, mixEditor,
                mixes, splits, new SeparatorMenuItem(), manifests, curatedExport, exportWorldVla),
                new Menu("Training", null, training, ablation, predictions, evalVideos), help);
    }

    /** The Runs window on the workspace on screen, or its ablation dialog; an alert names the workspace if it fails. */
    private void openTraining(boolean ablation) {
        Path dir = curationWorkspace();
        try {
            io.vlastudio.app.training.TrainingWindow w = new io.vlastudio.app.training.TrainingWindow(context, runner, dir);
            if (ablation) {
                w.showAblation(stage);
            } else {
                w.show(stage);
            }
        } catch (Exception ex) {
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                    "The training runs of " + dir + " cannot be opened: " + ex.getMessage()).show();
        }
    }

    /** The workspace on screen (curation windows keep their own connection to it), else the default one. */
    private Path curationWorkspace() {
        Workspace current = browser.review().workspaceProperty().get();
        return current != null ? current.directory() : context.paths().defaultWorkspace();
    }

    private io.vlastudio.app.mix.MixEditorWindow openMixEditor(String mix) {
        io.vlastudio.app.mix.MixEditorWindow w = new io.vlastudio.app.mix.MixEditorWindow(context, runner, curationWorkspace());
        w.show(stage);
        if (mix != null) {
            w.model().open(mix);
        }
        return w;
    }

    private io.vlastudio.app.curation.CurationWindow curationWindow;

    /** The curation window (splits, mixes, manifests, curated export) on the workspace on screen. */
    public io.vlastudio.app.curation.CurationWindow showCuration(io.vlastudio.app.curation.CurationWindow.Page page) {
        Path dir = curationWorkspace();
        if (curationWindow == null || !curationWindow.model().workspace().equals(dir)) {
            if (curationWindow != null && curationWindow.stage() != null) {
                curationWindow.stage().close();
            }
            curationWindow = new io.vlastudio.app.curation.CurationWindow(new io.vlastudio.app.curation.CurationViewModel(
                    context.workspaces(), dir, runner, context.reader(), AppContext.studioVersion(),
                    javafx.application.Platform::runLater), context.settings().theme(), this::openMixEditor);
        }
        curationWindow.show(stage, page);
        return curationWindow;
    }

    private MenuItem curationItem(String title, String id, io.vlastudio.app.curation.CurationWindow.Page page) {
        MenuItem item = new MenuItem(title);
        item.setId(id);
        item.setOnAction(e -> showCuration(page));
        return item;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        List<Path> workspaces = context.settings().recentWorkspaces();
        if (!workspaces.isEmpty()) {
            MenuItem header = new MenuItem("Workspaces");
            header.setDisable(true);
            recentMenu.getItems().add(header);
            for (Path p : workspaces) {
                MenuItem item = new MenuItem("   " + p);
                item.setMnemonicParsing(false);
                item.setOnAction(e -> openWorkspace(p, List.of()));
                recentMenu.getItems().add(item);
            }
            recentMenu.getItems().add(new SeparatorMenuItem());
        }
        List<Path> files = context.settings().recent();
        if (!files.isEmpty()) {
            MenuItem header = new MenuItem("Files and folders");
            header.setDisable(true);
            recentMenu.getItems().add(header);
        }
        for (Path p : files) {
            MenuItem item = new MenuItem("   " + p);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> browser.open(List.of(p)));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void setTheme(String theme) {
        context.settings().setTheme(theme);
        saveSettings();
        applyTheme(theme);
    }

    private void applyTheme(String theme) {
        // the scene's own fill is what shows before the first CSS pass: the theme's background, not white
        scene.setFill(javafx.scene.paint.Color.web(Theme.LIGHT.equals(theme) ? "#f3f4f6" : "#1e2126"));
        Theme.apply(scene, theme);
    }

    private void saveSettings() {
        String snapshot = context.settings().snapshot();
        runner.run("Saving settings", ctx -> {
            context.settings().write(snapshot);
            return null;
        }, r -> { }, e -> { });
    }

    public DemoBrowserView browserView() {
        return browserView;

    }

    /** Opens the tokenizer preview window on the selected demo. */
    public TokensWindow openTokens() {
        if (tokensWindow == null) {
            tokensWindow = new TokensWindow(context, runner, browser);
        }
        tokensWindow.show(stage);
        return tokensWindow;
    }

    private io.vlastudio.app.predictions.PredictionsWindow predictionsWindow;

    /** Opens the Predictions window on the demo open in the viewer (Training → Predictions…, Ctrl+P). */
    public io.vlastudio.app.predictions.PredictionsWindow openPredictions() {
        if (predictionsWindow == null) {
            predictionsWindow = new io.vlastudio.app.predictions.PredictionsWindow(context::predictions,
                    context.comparisonExport(), runner, browser.viewer(),
                    this::curationWorkspace, context.settings().theme(), browserView.shortcuts());
        }
        predictionsWindow.show(stage);
        return predictionsWindow;
    }

    /** The Predictions window once opened, else null. */
    public io.vlastudio.app.predictions.PredictionsWindow predictionsWindow() {
        return predictionsWindow;
    }

    /** Generates the sample workspace if needed (in the background, with progress), then opens it. */
    public void openSampleWorkspace() {
        Path where = context.paths().sampleWorkspace();
        var viewerModel = browser.viewer();
        if (!context.sampleWorkspace().isReady()) {
            // first start: say what is happening and where, instead of "drop files here" over a bare progress bar
            String what = "First start: writing the sample workspace (synthetic LIBERO demos, about 480 MB, once) to\n" + where;
            viewerModel.emptyMessageProperty().set(what + "\n\nIt opens by itself when it is ready; progress is in the status bar.");
            browser.announce("Writing the sample workspace to " + where + "…");
        }
        Runnable restore = () -> viewerModel.emptyMessageProperty().set(DemoViewerViewModel.DROP_HINT);
        runner.run(TaskRunner.Request.batch("Writing the sample workspace"),
                ctx -> context.sampleWorkspace().ensure(ctx, ctx::isCancelled),
                dir -> {
                    restore.run();
                    openWorkspace(where, List.of(dir));
                }, e -> {
                    restore.run();
                    browser.announce("The sample workspace could not be written to " + where);
                    showError("Could not prepare the sample workspace in " + where + ": " + e.getMessage());
                }, () -> {
                    restore.run();
                    browser.announce("Writing the sample workspace was cancelled; File → Open Sample Workspace starts it again.");
                });
    }

    /**
     * Opens (or creates) the workspace in {@code dir} in the background, replacing the current one, then opens
     * {@code paths} into it, or the workspace's own files when none are given.
     */
    public void openWorkspace(Path dir, List<Path> paths) {
        runner.run("Opening workspace " + dir.getFileName(), ctx -> {
            Workspace ws = context.workspaces().open(dir);
            List<Path> files = paths.isEmpty()
                    ? ws.files().stream().map(io.vlastudio.store.SourceFile::path).filter(java.nio.file.Files::exists).toList()
                    : paths;
            return new OpenedWorkspace(ws, files);
        }, opened -> {
            Workspace old = browser.review().workspaceProperty().get();
            browser.review().setWorkspace(opened.workspace());
            if (old != null) {
                runner.closeLater(old);
            }
            stage.setTitle("VLA Studio — " + dir);
            context.settings().addRecentWorkspace(dir);
            saveSettings();
            rebuildRecent();
            if (!opened.files().isEmpty()) {
                browser.openReplacing(opened.files());
            }
        }, e -> showError("Could not open the workspace in " + dir + ":\n" + e.getMessage()));
    }

    private record OpenedWorkspace(Workspace workspace, List<Path> files) {
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        alert.setHeaderText("Something could not be read");
        TextArea text = new TextArea(message);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(12, 2 + message.split("\n").length));
        alert.getDialogPane().setContent(text);
        alert.initOwner(stage);
        alert.show();
    }

    /** The F1 sheet, generated from the key table and the menus' accelerators. */
    public Alert showShortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts (Ctrl is ⌘ on macOS)");
        alert.getDialogPane().setContent(ShortcutSheet.view(ShortcutSheet.rows(browserView.shortcuts(), menuBar)));
        alert.setResizable(true);
        alert.initOwner(stage);
        alert.show();
        return alert;
    }

    /** The user guide, bundled with the studio, in a scrollable window. */
    private void showUserGuide() {
        String text;
        try (var in = StudioWindow.class.getResourceAsStream("/docs/user-guide.md")) {
            text = in == null ? "The user guide is docs/user-guide.md in the VLA Studio sources."
                    : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            text = "The user guide could not be read: " + e.getMessage();
        }
        TextArea area = new TextArea(text);
        area.setId("user-guide");
        area.setEditable(false);
        area.setWrapText(true);
        Stage guide = new Stage();
        guide.setTitle("VLA Studio user guide");
        guide.initOwner(stage);
        Scene s = new Scene(area, Math.min(900, stage.getWidth()), Math.min(700, stage.getHeight()));
        s.getStylesheets().setAll(scene.getStylesheets());
        guide.setScene(s);
        guide.show();
    }
}
