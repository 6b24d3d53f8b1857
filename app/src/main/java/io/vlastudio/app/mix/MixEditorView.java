package io.vlastudio.app.mix;

import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixSettings;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The mix editor: sources (views and split parts) on the left, the mix's weighted components and settings in the
 * middle, live counts and warnings on the right. Code-only; everything it does goes through the view model.
 */
public final class MixEditorView extends BorderPane {

    public MixEditorView(MixEditorViewModel model) {
        setPadding(new Insets(8));

        ComboBox<String> saved = new ComboBox<>(model.savedMixes());
        saved.setId("mix-saved");
        saved.setPromptText("saved mixes");
        saved.setPrefWidth(200);
        Button open = new Button("Load");
        open.setId("mix-load");
        open.disableProperty().bind(saved.valueProperty().isNull());
        open.setOnAction(e -> model.open(saved.getValue()));
        saved.setOnAction(e -> model.open(saved.getValue()));
        Button newMix = new Button("New");
        newMix.setId("mix-new");
        newMix.setOnAction(e -> model.newMix());
        Button delete = new Button("Delete Saved");
        delete.setId("mix-delete");
        delete.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.savedMixes().contains(model.nameProperty().get()),
                model.savedMixes(), model.nameProperty()));
        delete.setOnAction(e -> model.delete());
        HBox top = new HBox(6, new Label("Mix"), saved, open, newMix, delete);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        ListView<String> sources = new ListView<>(model.sources());
        sources.setId("mix-sources");
        sources.setPrefWidth(220);
        Spinner<Double> weight = new Spinner<>(0.1, 100, 1, 0.5);
        weight.setId("mix-weight");
        weight.setEditable(true);
        weight.setPrefWidth(90);
        Button add = new Button("Add →");
        add.setId("mix-add");
        add.disableProperty().bind(sources.getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(e -> model.add(sources.getSelectionModel().getSelectedItem(), weight.getValue()));
        javafx.scene.control.TextField viewName = new javafx.scene.control.TextField();
        viewName.setId("new-view-name");
        viewName.setPromptText("view name, e.g. good");
        javafx.scene.control.TextField viewFilter = new javafx.scene.control.TextField();
        viewFilter.setId("new-view-filter");
        viewFilter.setPromptText("verdict != rejected and length >= 50");
        javafx.scene.control.Button saveView = new javafx.scene.control.Button("Save view");
        saveView.setId("new-view-save");
        saveView.setOnAction(e -> model.saveView(viewName.getText(), viewFilter.getText()));
        viewFilter.setOnAction(e -> model.saveView(viewName.getText(), viewFilter.getText()));
        VBox newView = new VBox(4, new Label("New view from a filter"), viewName, viewFilter, saveView);
        VBox left = new VBox(6, new Label("Views and split parts"), sources, new HBox(6, new Label("weight"), weight, add),
                newView);
        setLeft(left);

        ListView<MixComponent> components = new ListView<>(model.components());
        components.setId("mix-components");
        components.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(MixComponent c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.label());
            }
        });
        Button remove = new Button("Remove");
        remove.setId("mix-remove");
        remove.setOnAction(e -> model.remove(components.getSelectionModel().getSelectedIndex()));

        TextField name = new TextField();
        name.setId("mix-name");
        name.textProperty().bindBidirectional(model.nameProperty());
        ChoiceBox<MixSettings.Samples> samples = new ChoiceBox<>();
        samples.setId("mix-samples");
        samples.getItems().setAll(MixSettings.Samples.values());
        samples.valueProperty().bindBidirectional(model.samplesProperty());
        Spinner<Integer> history = new Spinner<>(1, 16, model.historyProperty().get());
        history.setId("mix-history");
        history.getValueFactory().valueProperty().addListener((o, a, b) -> model.historyProperty().set(b));
        model.historyProperty().addListener((o, a, b) -> history.getValueFactory().setValue(b.intValue()));
        Spinner<Integer> chunk = new Spinner<>(1, 64, model.chunkProperty().get());
        chunk.setId("mix-chunk");
        chunk.getValueFactory().valueProperty().addListener((o, a, b) -> model.chunkProperty().set(b));
        model.chunkProperty().addListener((o, a, b) -> chunk.getValueFactory().setValue(b.intValue()));
        ChoiceBox<Integer> resolution = new ChoiceBox<>();
        resolution.setId("mix-resolution");
        resolution.getItems().setAll(256, 512);
        resolution.setValue(model.resolutionProperty().get());
        resolution.valueProperty().addListener((o, a, b) -> model.resolutionProperty().set(b));
        ChoiceBox<MixSettings.Prompt> prompt = new ChoiceBox<>();
        prompt.setId("mix-prompt");
        prompt.getItems().setAll(MixSettings.Prompt.values());
        prompt.valueProperty().bindBidirectional(model.promptProperty());
        ChoiceBox<String> bounds = new ChoiceBox<>();
        bounds.getItems().setAll("worldvla", "minmax", "q01q99");
        bounds.valueProperty().bindBidirectional(model.boundsProperty());
        ChoiceBox<String> orientation = new ChoiceBox<>();
        orientation.getItems().setAll("rotate180", "upright", "raw");
        orientation.valueProperty().bindBidirectional(model.orientationProperty());
        Button save = new Button("Save Mix");
        save.setId("mix-save");
        save.setOnAction(e -> model.save());

        GridPane settings = new GridPane();
        settings.setHgap(6);
        settings.setVgap(4);
        int r = 0;
        settings.addRow(r++, new Label("name"), name);
        settings.addRow(r++, new Label("samples"), samples);
        settings.addRow(r++, new Label("history M"), history);
        settings.addRow(r++, new Label("chunk K"), chunk);
        settings.addRow(r++, new Label("resolution"), resolution);
        settings.addRow(r++, new Label("prompt"), prompt);
        settings.addRow(r++, new Label("bounds"), bounds);
        settings.addRow(r, new Label("orientation"), orientation);
        Button export = new Button("Export…");
        export.setId("mix-export");
        export.setDisable(!model.exportAvailable());
        export.setOnAction(e -> {
            try {
                new WorldVlaExportDialog(model.exportModel()).show(getScene().getWindow());
            } catch (IllegalArgumentException ex) {
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, ex.getMessage()).show();
            }
        });
        VBox center = new VBox(6, new Label("Components"), components, new HBox(6, remove, save, export), settings);
        center.setPadding(new Insets(0, 8, 0, 8));
        setCenter(center);

        GridPane counts = new GridPane();
        counts.setHgap(8);
        counts.setVgap(4);
        counts.addRow(0, new Label("demos"), value("mix-demos", model.demosProperty()));
        counts.addRow(1, new Label("steps"), value("mix-steps", model.stepsProperty()));
        counts.addRow(2, new Label("action samples"), value("mix-action-samples", model.actionSamplesProperty()));
        counts.addRow(3, new Label("world samples"), value("mix-world-samples", model.worldSamplesProperty()));
        counts.addRow(4, new Label("tokens"), value("mix-tokens", model.tokensProperty()));
        counts.addRow(5, new Label("export size"), value("mix-export-size", model.exportSizeProperty()));
        ListView<String> warnings = new ListView<>(model.warnings());
        warnings.setId("mix-warnings");
        warnings.setPrefWidth(320);
        Label status = value("mix-status", model.statusProperty());
        status.setWrapText(true);
        setRight(new VBox(6, new Label("Live counts"), counts, new Label("Warnings"), warnings, status));
    }

    private static Label value(String id, ReadOnlyStringProperty p) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(p);
        return l;
    }
}
