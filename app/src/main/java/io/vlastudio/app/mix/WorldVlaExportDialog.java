package io.vlastudio.app.mix;

import io.vlastudio.training.export.WorldVlaSettings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.File;

/**
 * Export to WorldVLA: the mix, the output folder and settings; Check shows what will be written (trajectories, steps,
 * action and world samples per split, files, bytes, free space) and the warnings before anything is written; Export
 * then shows progress with Cancel, and finally where it wrote.
 */
public final class WorldVlaExportDialog {

    private final WorldVlaExportViewModel model;

    public WorldVlaExportDialog(WorldVlaExportViewModel model) {
        this.model = model;
    }

    public Stage show(Window owner) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(content(stage), 720, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets()); // the owner's theme
        }
        stage.setScene(scene);
        stage.setTitle("Export to WorldVLA");
        stage.show();
        return stage;
    }

    BorderPane content(Stage stage) {
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        int r = 0;
        if (model.mixProperty().get() != null) {
            form.addRow(r++, new Label("mix"), new Label(model.mixProperty().get().name() + " (as edited)"));
        } else {
            ChoiceBox<String> mixes = new ChoiceBox<>(model.savedMixes());
            mixes.setId("export-mix");
            mixes.valueProperty().bindBidirectional(model.savedMixProperty());
            form.addRow(r++, new Label("mix"), mixes);
        }
        TextField out = new TextField();
        out.setId("export-out");
        out.setPromptText("a new or empty folder, or an earlier export to update");
        out.textProperty().bindBidirectional(model.outProperty());
        HBox.setHgrow(out, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export folder");
            File f = chooser.showDialog(stage);
            if (f != null) {
                model.outProperty().set(f.getAbsolutePath());
            }
        });
        form.addRow(r++, new Label("output folder"), new HBox(6, out, choose));
        ChoiceBox<Integer> resolution = new ChoiceBox<>();
        resolution.setId("export-resolution");
        resolution.getItems().setAll(256, 512);
        resolution.setValue(model.resolutionProperty().get());
        resolution.valueProperty().addListener((o, a, b) -> model.resolutionProperty().set(b));
        form.addRow(r++, new Label("resolution"), resolution);
        Spinner<Integer> history = new Spinner<>(1, 16, model.historyProperty().get());
        history.setId("export-history");
        history.valueProperty().addListener((o, a, b) -> model.historyProperty().set(b));
        form.addRow(r++, new Label("history M"), history);
        Spinner<Integer> chunk = new Spinner<>(1, 64, model.chunkProperty().get());
        chunk.setId("export-chunk");
        chunk.valueProperty().addListener((o, a, b) -> model.chunkProperty().set(b));
        form.addRow(r++, new Label("chunk K"), chunk);
        form.addRow(r++, new Label("split"), choice("export-split", WorldVlaSettings.Split.values(), model.splitProperty()));
        form.addRow(r++, new Label("paths"), choice("export-paths", WorldVlaSettings.Paths.values(), model.pathsProperty()));
        form.addRow(r, new Label("prompt"), choice("export-prompt", WorldVlaSettings.Prompt.values(), model.promptProperty()));

        TextArea summary = new TextArea();
        summary.setId("export-summary");
        summary.setEditable(false);
        summary.setPrefRowCount(7);
        summary.setStyle("-fx-font-family: monospace;");
        summary.textProperty().bind(model.summaryProperty());
        ListView<String> warnings = new ListView<>(model.warnings());
        warnings.setId("export-warnings");
        warnings.setPrefHeight(110);
        ProgressBar progress = new ProgressBar();
        progress.setId("export-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        Label result = new Label();
        result.setId("export-result");
        result.setWrapText(true);
        result.textProperty().bind(model.resultProperty());

        Button check = new Button("Check");
        check.setId("export-check");
        check.disableProperty().bind(model.phaseProperty().isEqualTo(WorldVlaExportViewModel.Phase.EXPORTING)
                .or(model.phaseProperty().isEqualTo(WorldVlaExportViewModel.Phase.PLANNING)));
        check.setOnAction(e -> model.check());
        Button export = new Button("Export");
        export.setId("export-start");
        export.setDefaultButton(true);
        export.disableProperty().bind(model.canExportProperty().not());
        export.setOnAction(e -> model.export());
        Button cancel = new Button("Cancel");
        cancel.setId("export-cancel");
        cancel.disableProperty().bind(model.phaseProperty().isNotEqualTo(WorldVlaExportViewModel.Phase.EXPORTING));
        cancel.setOnAction(e -> model.cancel());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.disableProperty().bind(model.phaseProperty().isEqualTo(WorldVlaExportViewModel.Phase.EXPORTING));
        close.setOnAction(e -> stage.close());
        stage.setOnCloseRequest(e -> model.cancel());

        VBox box = new VBox(6, form, new Label("What will be written"), summary, new Label("Warnings"), warnings,
                progress, status, result, new HBox(6, check, export, cancel, close));
        box.setPadding(new Insets(10));
        return new BorderPane(box);
    }

    private static <E extends Enum<E>> ChoiceBox<E> choice(String id, E[] values, javafx.beans.property.ObjectProperty<E> p) {
        ChoiceBox<E> c = new ChoiceBox<>();
        c.setId(id);
        c.getItems().setAll(values);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        });
        c.valueProperty().bindBidirectional(p);
        return c;
    }
}
