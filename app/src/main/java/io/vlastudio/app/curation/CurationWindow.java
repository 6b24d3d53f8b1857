package io.vlastudio.app.curation;

import io.vlastudio.app.theme.Theme;
import io.vlastudio.store.curation.SavedSplit;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitSpec;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Curation → Splits / Mixes / Manifests / Curated HDF5 Export: one window with a tab per CLI command group, on the
 * workspace on screen. Code-only; everything goes through {@link CurationViewModel}.
 */
public final class CurationWindow {

    public enum Page { SPLITS, MIXES, MANIFESTS, EXPORT }

    private final CurationViewModel model;
    private final Consumer<String> openMix;
    private final String theme;
    private final TabPane tabs = new TabPane();
    private Stage stage;
    /** Where choosers ask for files: the studio asks the user, tests put paths in directly. */
    private FileChoice files = new FileChoice();

    /** How the window asks for files and folders (replaced in tests). */
    public static class FileChoice {
        public Path save(Window owner, String title, String name) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            c.setInitialFileName(name);
            File f = c.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        }

        public Path open(Window owner, String title) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            File f = c.showOpenDialog(owner);
            return f == null ? null : f.toPath();
        }

        public Path folder(Window owner, String title) {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(title);
            File f = c.showDialog(owner);
            return f == null ? null : f.toPath();
        }
    }

    /**
     * @param openMix opens a saved mix in the mix editor (its name)
     */
    public CurationWindow(CurationViewModel model, String theme, Consumer<String> openMix) {
        this.model = model;
        this.theme = theme;
        this.openMix = openMix;
    }

    public CurationViewModel model() {
        return model;
    }

    public void setFileChoice(FileChoice files) {
        this.files = files;
    }

    public Stage stage() {
        return stage;
    }

    public void show(Window owner, Page page) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            tabs.getTabs().setAll(tab("Splits", splitsPage()), tab("Mixes", mixesPage()), tab("Manifests", manifestsPage()),
                    tab("Curated HDF5 Export", exportPage()));
            tabs.setId("curation-tabs");
            Label status = new Label();
            status.setId("curation-status");
            status.setWrapText(true);
            status.textProperty().bind(model.statusProperty());
            status.setMinHeight(36);
            BorderPane root = new BorderPane(tabs);
            root.setBottom(status);
            BorderPane.setMargin(status, new Insets(6, 10, 8, 10));
            root.getStyleClass().add("curation-window");
            Scene scene = new Scene(root, 900, 560);
            Theme.apply(scene, theme);
            stage.setScene(scene);
            stage.setTitle("Curation — " + model.workspace());
            stage.setMinWidth(640);
            stage.setMinHeight(420);
        }
        model.refresh();
        tabs.getSelectionModel().select(page.ordinal());
        stage.show();
        stage.toFront();
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private javafx.scene.Node splitsPage() {
        TableView<SavedSplit> table = new TableView<>(model.splits());
        table.setId("split-table");
        table.getColumns().add(column("name", s -> s.name()));
        table.getColumns().add(column("rule", s -> s.spec().mode().id()
                + (s.spec().mode() == SplitSpec.Mode.STRATIFIED ? " (seed " + s.spec().seed() + ")" : "")));
        table.getColumns().add(column("of", s -> s.source() == null ? "every demo" : "view " + s.source()));
        table.getColumns().add(column("train", s -> String.valueOf(s.sizes().getOrDefault(SplitPart.TRAIN, 0))));
        table.getColumns().add(column("val_ind", s -> String.valueOf(s.sizes().getOrDefault(SplitPart.VAL_IND, 0))));
        table.getColumns().add(column("val_ood", s -> String.valueOf(s.sizes().getOrDefault(SplitPart.VAL_OOD, 0))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No splits yet: make one on the right"));

        TextField name = new TextField();
        name.setId("split-name");
        name.setPromptText("e.g. s1");
        ChoiceBox<SplitSpec.Mode> mode = new ChoiceBox<>();
        mode.setId("split-mode");
        mode.getItems().setAll(SplitSpec.Mode.values());
        mode.setValue(SplitSpec.Mode.STRATIFIED);
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SplitSpec.Mode m) {
                return m == null ? "" : m == SplitSpec.Mode.WORLDVLA ? "WorldVLA-compatible" : "seeded, stratified by task";
            }

            @Override
            public SplitSpec.Mode fromString(String s) {
                return SplitSpec.Mode.fromId(s);
            }
        });
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 0);
        seed.setId("split-seed");
        seed.setEditable(true);
        seed.disableProperty().bind(mode.valueProperty().isEqualTo(SplitSpec.Mode.WORLDVLA));
        Spinner<Double> train = new Spinner<>(0.05, 1.0, 0.9, 0.05);
        train.setId("split-train");
        train.setEditable(true);
        TextField heldOut = new TextField();
        heldOut.setId("split-held-out");
        heldOut.setPromptText("tasks, comma separated");
        heldOut.disableProperty().bind(mode.valueProperty().isEqualTo(SplitSpec.Mode.WORLDVLA));
        ComboBox<String> view = new ComboBox<>();
        view.setId("split-view");
        view.setPromptText("every demo");
        view.setItems(model.views());
        CheckBox replace = new CheckBox("replace a split of that name");
        replace.setId("split-replace");
        Button create = new Button("Create Split");
        create.setId("split-create");
        create.setDefaultButton(true);
        create.disableProperty().bind(name.textProperty().isEmpty().or(model.busyProperty()));
        create.setOnAction(e -> model.createSplit(name.getText(), mode.getValue(), seed.getValue(), train.getValue(),
                heldOut.getText(), view.getValue(), replace.isSelected()));
        Button clearView = new Button("all");
        clearView.setTooltip(new Tooltip("Split every demo of the workspace"));
        clearView.setOnAction(e -> view.setValue(null));
        Label rule = new Label();
        rule.setWrapText(true);
        rule.getStyleClass().add("muted");
        rule.textProperty().bind(Bindings.createStringBinding(() -> mode.getValue() == SplitSpec.Mode.WORLDVLA
                ? "WorldVLA's exact rule: tasks sorted by name, the first 90% in distribution; their trajectories sorted "
                + "as strings, the first share train, the rest val_ind; the other tasks val_ood."
                : "Per task, demos shuffled with the seed: the train share goes to train, the rest to val_ind; "
                + "held-out tasks go to val_ood whole. The same seed gives the same split.", mode.valueProperty()));

        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(6);
        int r = 0;
        form.addRow(r++, new Label("name"), name);
        form.addRow(r++, new Label("rule"), mode);
        form.addRow(r++, new Label("seed"), seed);
        form.addRow(r++, new Label("train share"), train);
        form.addRow(r++, new Label("held-out tasks"), heldOut);
        form.addRow(r++, new Label("demos of view"), new HBox(4, view, clearView));
        form.add(replace, 1, r++);
        form.add(create, 1, r++);
        form.add(rule, 0, r, 2, 1);
        rule.setMaxWidth(320);
        VBox right = new VBox(6, new Label("New split"), form);
        right.setPrefWidth(340);
        right.setMinWidth(300);
        HBox page = new HBox(10, table, right);
        HBox.setHgrow(table, Priority.ALWAYS);
        page.setPadding(new Insets(10));
        return page;
    }

    private static TableColumn<SavedSplit, String> column(String title, java.util.function.Function<SavedSplit, String> f) {
        TableColumn<SavedSplit, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private javafx.scene.Node mixesPage() {
        ListView<String> list = new ListView<>(model.mixes());
        list.setId("mix-list");
        list.setPlaceholder(new Label("No mixes yet: Curation → Mix Editor… makes one"));
        Button open = new Button("Open in Mix Editor");
        open.setId("mix-open");
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openMix.accept(list.getSelectionModel().getSelectedItem()));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                openMix.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        Button newMix = new Button("New Mix…");
        newMix.setId("mix-new");
        newMix.setOnAction(e -> openMix.accept(null));
        Button manifest = new Button("Write Manifest…");
        manifest.setId("mix-write-manifest");
        manifest.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        manifest.setOnAction(e -> {
            String mix = list.getSelectionModel().getSelectedItem();
            Path file = files.save(stage, "Write the manifest of " + mix, mix + "-manifest.json");
            if (file != null) {
                model.writeManifest(mix, file);
            }
        });
        Button export = new Button("Export Curated HDF5…");
        export.setId("mix-export-hdf5");
        export.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        export.setOnAction(e -> showExport("mix:" + list.getSelectionModel().getSelectedItem()));
        Button delete = new Button("Delete");
        delete.setId("mix-delete");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            String mix = list.getSelectionModel().getSelectedItem();
            javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "Delete mix " + mix + "? Its manifests and exports stay where they are.",
                    javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
            a.initOwner(stage);
            a.setHeaderText(null);
            if (a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent()) {
                model.deleteMix(mix);
            }
        });
        VBox buttons = new VBox(6, newMix, open, manifest, export, delete);
        buttons.getChildren().forEach(n -> ((Button) n).setMaxWidth(Double.MAX_VALUE));
        buttons.setMinWidth(200);
        HBox page = new HBox(10, list, buttons);
        HBox.setHgrow(list, Priority.ALWAYS);
        page.setPadding(new Insets(10));
        return page;
    }

    private javafx.scene.Node manifestsPage() {
        TextField a = new TextField();
        a.setId("diff-a");
        a.setPromptText("first manifest.json");
        TextField b = new TextField();
        b.setId("diff-b");
        b.setPromptText("second manifest.json");
        model.lastManifestProperty().addListener((o, x, p) -> {
            if (p != null) {
                a.setText(b.getText());
                b.setText(p.toString());
            }
        });
        Button pickA = new Button("…");
        pickA.setOnAction(e -> pick(a));
        Button pickB = new Button("…");
        pickB.setOnAction(e -> pick(b));
        Button diff = new Button("Compare");
        diff.setId("diff-run");
        diff.disableProperty().bind(a.textProperty().isEmpty().or(b.textProperty().isEmpty()));
        diff.setOnAction(e -> model.diffManifests(Path.of(a.getText().strip()), Path.of(b.getText().strip())));
        ListView<String> lines = new ListView<>(model.diffLines());
        lines.setId("diff-lines");
        lines.setPlaceholder(new Label("Settings, components and demos added, removed or changed appear here"));
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(6);
        form.addRow(0, new Label("A"), a, pickA);
        form.addRow(1, new Label("B"), b, pickB);
        GridPane.setHgrow(a, Priority.ALWAYS);
        GridPane.setHgrow(b, Priority.ALWAYS);
        Label hint = new Label("Write a manifest from the Mixes tab; the last two written fill A and B.");
        hint.setWrapText(true);
        VBox page = new VBox(8, hint, form, diff, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
        page.setPadding(new Insets(10));
        return page;
    }

    private void pick(TextField field) {
        Path p = files.open(stage, "Choose a manifest");
        if (p != null) {
            field.setText(p.toString());
        }
    }

    private final ComboBox<String> exportSource = new ComboBox<>();
    private final TextField exportOut = new TextField();

    private void showExport(String source) {
        tabs.getSelectionModel().select(Page.EXPORT.ordinal());
        exportSource.setValue(source);
    }

    private javafx.scene.Node exportPage() {
        exportSource.setId("export-source");
        exportSource.setPromptText("mix:NAME or view:NAME");
        Runnable fill = () -> {
            String keep = exportSource.getValue();
            exportSource.getItems().setAll(model.mixes().stream().map(m -> "mix:" + m).toList());
            exportSource.getItems().addAll(model.views().stream().map(v -> "view:" + v).toList());
            exportSource.setValue(keep);
        };
        model.mixes().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        model.views().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        exportSource.valueProperty().addListener((o, x, s) -> model.planExport(s));
        exportOut.setId("export-out");
        exportOut.setPromptText("an empty folder");
        Button pickOut = new Button("…");
        pickOut.setOnAction(e -> {
            Path p = files.folder(stage, "Export curated HDF5 into");
            if (p != null) {
                exportOut.setText(p.toString());
            }
        });
        ListView<String> plan = new ListView<>();
        plan.setId("export-plan");
        plan.setPlaceholder(new Label("Choose a mix or a view: the files it will write appear here"));
        Label note = new Label();
        note.setWrapText(true);
        model.planProperty().addListener((o, x, p) -> {
            plan.getItems().setAll(p == null ? java.util.List.of() : p.files());
            note.setText(p == null ? "" : p.note());
        });
        Button run = new Button("Export");
        run.setId("export-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.planProperty().isNull().or(exportOut.textProperty().isEmpty())
                .or(model.exportingProperty()));
        run.setOnAction(e -> model.export(Path.of(exportOut.getText().strip())));
        Button cancel = new Button("Cancel");
        cancel.setId("export-cancel");
        cancel.disableProperty().bind(model.exportingProperty().not());
        cancel.setOnAction(e -> model.cancelExport());
        ProgressBar progress = new ProgressBar();
        progress.setId("export-progress");
        progress.progressProperty().bind(model.exportProgressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label message = new Label();
        message.setId("export-message");
        message.textProperty().bind(model.exportMessageProperty());
        message.setMinWidth(120);
        ListView<String> summary = new ListView<>(model.exportSummary());
        summary.setId("export-summary");
        summary.setPrefHeight(110);
        summary.setPlaceholder(new Label("The summary of the export appears here"));
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(6);
        form.addRow(0, new Label("export"), exportSource);
        form.addRow(1, new Label("into"), exportOut, pickOut);
        GridPane.setHgrow(exportOut, Priority.ALWAYS);
        exportSource.setMaxWidth(Double.MAX_VALUE);
        HBox actions = new HBox(8, run, cancel, progress, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(8, form, new Label("Will write"), plan, note, actions, summary);
        VBox.setVgrow(plan, Priority.ALWAYS);
        page.setPadding(new Insets(10));
        fill.run();
        return page;
    }
}
