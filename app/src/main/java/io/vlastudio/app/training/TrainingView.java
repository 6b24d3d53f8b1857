package io.vlastudio.app.training;

import io.vlastudio.training.run.RunConfig;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.collections.transformation.FilteredList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training: the runs list with status badges, and the selected run's page (stages, live curves, log, actions). */
public final class TrainingView extends BorderPane {

    public TrainingView(TrainingViewModel model) {
        ListView<TrainingViewModel.RunRow> runs = new ListView<>(model.runs());
        runs.setId("training-runs");
        runs.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TrainingViewModel.RunRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(r.status());
                badge.getStyleClass().addAll("run-badge", "run-" + r.status());
                badge.setStyle(badgeStyle(r.status()));
                setText(r.name() + "  (" + r.target() + ")  ");
                setGraphic(badge);
                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            }
        });
        runs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) { // a refreshed row passes through "nothing selected": keep the run page
                model.select(b.name());
            }
        });
        model.runs().addListener((javafx.collections.ListChangeListener<TrainingViewModel.RunRow>) c -> {
            String sel = model.selectedProperty().get();
            if (sel != null && (runs.getSelectionModel().getSelectedItem() == null
                    || !sel.equals(runs.getSelectionModel().getSelectedItem().name()))) {
                model.runs().stream().filter(r -> r.name().equals(sel)).findFirst().ifPresent(r -> runs.getSelectionModel().select(r));
            }
        });
        Button newRun = new Button("New Run…");
        newRun.setId("training-new");
        newRun.setOnAction(e -> newRunDialog(model));
        Button compare = new Button("Compare…");
        compare.setId("training-compare");
        compare.setTooltip(new javafx.scene.control.Tooltip("Overlay the curves of two runs"));
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(model.runs()).lessThan(2));
        compare.setOnAction(e -> compareWindow(model, getScene() == null ? null : getScene().getWindow()));
        Button ablation = new Button("Ablation…");
        ablation.setId("training-ablation");
        ablation.setTooltip(new javafx.scene.control.Tooltip("Ablation: action mask vs causal mask (two studio-model runs)"));
        ablation.setOnAction(e -> ablationDialog(model, getScene() == null ? null : getScene().getWindow()));
        VBox left = new VBox(6, new Label("Runs"), runs, new HBox(6, newRun, compare), ablation);
        VBox.setVgrow(runs, Priority.ALWAYS);
        left.setPadding(new Insets(8));

        Label title = new Label();
        title.textProperty().bind(model.selectedProperty());
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        Label status = new Label();
        status.setId("training-status");
        status.textProperty().bind(model.statusProperty());
        Label detail = new Label();
        detail.setId("training-detail");
        detail.textProperty().bind(model.detailProperty());
        Button start = new Button("Start");
        start.setId("training-start");
        start.setOnAction(e -> model.start(false));
        Button stop = new Button("Stop");
        stop.setId("training-stop");
        stop.setOnAction(e -> model.stop());
        Button resume = new Button("Resume");
        resume.setId("training-resume");
        resume.setOnAction(e -> model.start(true));
        Button preview = new Button("Preview");
        preview.setId("training-preview");
        preview.setOnAction(e -> {
            TextArea text = new TextArea(model.preview());
            text.setEditable(false);
            text.setPrefSize(900, 400);
            Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
            a.setTitle("Preview: exact commands");
            a.setHeaderText("Working folder, environment and argv of every stage (copied to the clipboard)");
            a.getDialogPane().setContent(text);
            ClipboardContent cc = new ClipboardContent();
            cc.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(cc);
            a.show();
        });
        Button folder = new Button("Open folder");
        folder.setId("training-folder");
        folder.setOnAction(e -> model.folder().ifPresent(p -> new Thread(() -> {
            try {
                java.awt.Desktop.getDesktop().open(p.toFile());
            } catch (Exception ex) {
                // no desktop: the path is shown in the message bar
            }
        }, "open-folder").start()));
        folder.setOnMouseEntered(e -> model.folder().ifPresent(p -> folder.setTooltip(new javafx.scene.control.Tooltip(p.toString()))));
        start.disableProperty().bind(model.selectedProperty().isNull().or(model.statusProperty().isEqualTo("running")));
        stop.disableProperty().bind(model.statusProperty().isNotEqualTo("running"));
        HBox actions = new HBox(6, start, stop, resume, preview, folder);

        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y, model.series());
        chart.setId("training-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        ChoiceBox<String> meter = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(model.meters()));
        meter.setValue("closs");
        meter.valueProperty().addListener((o, a, b) -> model.showCurve(b));

        TextField search = new TextField();
        search.setPromptText("search the log");
        search.setId("training-log-search");
        FilteredList<String> filtered = new FilteredList<>(model.log());
        search.textProperty().addListener((o, a, b) -> filtered.setPredicate(b == null || b.isBlank() ? null : l -> l.contains(b)));
        ListView<String> log = new ListView<>(filtered);
        log.setId("training-log");
        log.setStyle("-fx-font-family: monospace;");
        filtered.addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!filtered.isEmpty()) {
                log.scrollTo(filtered.size() - 1);
            }
        });

        Label message = new Label();
        message.setId("training-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);

        SplitPane center = new SplitPane(new VBox(4, new HBox(8, new Label("curve"), meter), chart), new VBox(4, search, log));
        center.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox.setVgrow(log, Priority.ALWAYS);
        javafx.scene.control.ProgressBar exportBar = new javafx.scene.control.ProgressBar();
        exportBar.setId("training-export-progress");
        exportBar.progressProperty().bind(model.exportProgressProperty());
        exportBar.setPrefWidth(220);
        Label exportStatus = new Label();
        exportStatus.setId("training-export-status");
        exportStatus.textProperty().bind(model.exportStatusProperty());
        Button exportCancel = new Button("Cancel export");
        exportCancel.setId("training-export-cancel");
        exportCancel.setOnAction(e -> model.cancelMixExport());
        HBox exportBox = new HBox(8, exportBar, exportStatus, exportCancel);
        exportBox.setId("training-export-box");
        exportBox.visibleProperty().bind(model.exportingProperty());
        exportBox.managedProperty().bind(model.exportingProperty());
        Label gpus = new Label();
        gpus.setId("training-gpus");
        gpus.setStyle("-fx-font-family: monospace;");
        gpus.textProperty().bind(model.gpusProperty());
        gpus.visibleProperty().bind(model.gpusProperty().isNotEmpty());
        gpus.managedProperty().bind(gpus.visibleProperty());
        VBox page = new VBox(6, title, new HBox(8, status, detail), gpus, actions, exportBox, center, message);
        VBox.setVgrow(center, Priority.ALWAYS);
        page.setPadding(new Insets(8));
        SplitPane split = new SplitPane(left, page);
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    /** Compare: two runs (the selected one first) and a metric; their curves overlaid, the legend names the runs. */
    static void compareWindow(TrainingViewModel model, javafx.stage.Window owner) {
        List<String> names = model.runs().stream().map(TrainingViewModel.RunRow::name).toList();
        ChoiceBox<String> a = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(names));
        a.setId("compare-a");
        ChoiceBox<String> b = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(names));
        b.setId("compare-b");
        String sel = model.selectedProperty().get();
        a.setValue(sel != null && names.contains(sel) ? sel : names.get(0));
        b.setValue(names.stream().filter(n -> !n.equals(a.getValue())).findFirst().orElse(names.get(0)));
        javafx.scene.control.ComboBox<String> metric = new javafx.scene.control.ComboBox<>(model.compareMetrics());
        metric.setId("compare-metric");
        metric.setEditable(true);
        metric.setValue("closs");
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y, model.compared());
        chart.setId("compare-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        y.labelProperty().bind(metric.valueProperty());
        Label note = new Label();
        note.setId("compare-note");
        note.textProperty().bind(model.compareNoteProperty());
        Runnable update = () -> {
            if (a.getValue() != null && b.getValue() != null && metric.getValue() != null && !metric.getValue().isBlank()) {
                model.compare(List.of(a.getValue(), b.getValue()), metric.getValue().strip());
            }
        };
        a.valueProperty().addListener((o, p, n) -> update.run());
        b.valueProperty().addListener((o, p, n) -> update.run());
        metric.valueProperty().addListener((o, p, n) -> update.run());
        HBox top = new HBox(8, new Label("run"), a, new Label("against"), b, new Label("metric"), metric);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox root = new VBox(6, top, chart, note);
        VBox.setVgrow(chart, Priority.ALWAYS);
        root.setPadding(new Insets(8));
        javafx.stage.Stage stage = new javafx.stage.Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Compare runs");
        javafx.scene.Scene scene = new javafx.scene.Scene(root, 900, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        update.run();
    }

    /**
     * Training → Ablation: action mask vs causal…: on an export folder or a saved mix, two studio-model runs with the
     * same seed and budget; the results window shows action L1 per chunk position of both when they have finished.
     */
    public static void ablationDialog(TrainingViewModel model, javafx.stage.Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Ablation: action mask vs causal");
        d.setHeaderText("Trains the studio model twice on the same data, seed and budget: with WorldVLA's action attention\n"
                + "mask and with a plain causal mask, then compares action L1 per chunk position");
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        TextField name = new TextField("ablation");
        name.setId("ablation-name");
        ChoiceBox<String> source = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(EXPORT_SOURCE));
        source.setId("ablation-source");
        source.setValue(EXPORT_SOURCE);
        if (model.canStartFromMix()) {
            source.getItems().add(MIX_SOURCE);
        }
        TextField export = new TextField();
        export.setId("ablation-export");
        ChoiceBox<String> mix = new ChoiceBox<>(model.savedMixes());
        mix.setId("ablation-mix");
        if (!model.savedMixes().isEmpty()) {
            mix.setValue(model.savedMixes().get(0));
        }
        TextField seed = new TextField("0");
        seed.setId("ablation-seed");
        TextField epochs = new TextField("10");
        epochs.setId("ablation-epochs");
        TextField minutes = new TextField("0");
        minutes.setId("ablation-minutes");
        TextField extra = new TextField("");
        extra.setId("ablation-extra");
        extra.setPromptText("more studio-model settings, e.g. layers=1 width=32 heads=2");
        int r = 0;
        g.addRow(r++, new Label("Name (runs NAME-action, NAME-causal)"), name);
        g.addRow(r++, new Label("Train on"), new HBox(6, source, mix));
        g.addRow(r++, new Label("Export folder"), export);
        g.addRow(r++, new Label("Seed (both runs)"), seed);
        g.addRow(r++, new Label("Epochs (both runs)"), epochs);
        g.addRow(r++, new Label("Max minutes each (0: no limit)"), minutes);
        g.addRow(r++, new Label("Other settings"), extra);
        Runnable sourceFields = () -> {
            boolean fromMix = MIX_SOURCE.equals(source.getValue());
            mix.setDisable(!fromMix);
            export.setDisable(fromMix);
        };
        source.valueProperty().addListener((o, a, b) -> sourceFields.run());
        sourceFields.run();
        Label error = new Label();
        error.setStyle("-fx-text-fill: #c62828;");
        g.add(error, 0, r, 2, 1);
        d.getDialogPane().setContent(g);
        java.util.function.Supplier<Map<String, Object>> settings = () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            try {
                m.put("seed", Long.parseLong(seed.getText().strip()));
                m.put("epochs", Integer.parseInt(epochs.getText().strip()));
                m.put("max_minutes", Double.parseDouble(minutes.getText().strip()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("the seed and epochs are whole numbers, the time limit a number of minutes");
            }
            for (String kv : extra.getText().strip().split("\\s+")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("other settings are name=value pairs, not '" + kv + "'");
                }
                String v = kv.substring(eq + 1);
                m.put(kv.substring(0, eq), v.matches("-?\\d+") ? (Object) Long.parseLong(v)
                        : v.matches("-?[0-9.]+(e-?\\d+)?") ? (Object) Double.parseDouble(v) : v);
            }
            if (MIX_SOURCE.equals(source.getValue()) ? mix.getValue() == null : export.getText().isBlank()) {
                throw new IllegalArgumentException(MIX_SOURCE.equals(source.getValue()) ? "choose a saved mix" : "choose the export folder to train on");
            }
            return m;
        };
        javafx.scene.Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            try {
                settings.get();
            } catch (RuntimeException ex) {
                error.setText(ex.getMessage());
                ev.consume();
            }
        });
        if (owner != null) {
            d.initOwner(owner);
        }
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            Map<String, Object> m = settings.get();
            if (MIX_SOURCE.equals(source.getValue())) {
                model.startAblationFromMix(name.getText().strip(), mix.getValue(), m);
            } else {
                model.startAblation(name.getText().strip(), export.getText().strip(), m);
            }
            ablationWindow(model, owner);
        });
    }

    /** The ablation's results: a table and bars of action L1 per chunk position, both masks side by side. */
    static void ablationWindow(TrainingViewModel model, javafx.stage.Window owner) {
        javafx.scene.control.TableView<io.vlastudio.training.studio.StudioAblation.Position> table =
                new javafx.scene.control.TableView<>(model.ablationRows());
        table.setId("ablation-table");
        table.getColumns().add(column("position", p -> String.valueOf(p.position())));
        table.getColumns().add(column("action mask", p -> String.format("%.4f", p.actionMask())));
        table.getColumns().add(column("causal mask", p -> String.format("%.4f", p.causalMask())));
        table.getColumns().add(column("repeat last action", p -> String.format("%.4f", p.repeatLastAction())));
        table.getColumns().add(column("mean action", p -> String.format("%.4f", p.meanAction())));
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY);
        javafx.scene.chart.CategoryAxis x = new javafx.scene.chart.CategoryAxis();
        x.setLabel("chunk position");
        NumberAxis y = new NumberAxis();
        y.setLabel("action L1 (lower is better)");
        javafx.scene.chart.BarChart<String, Number> bars = new javafx.scene.chart.BarChart<>(x, y);
        bars.setId("ablation-bars");
        bars.setAnimated(false);
        Runnable fill = () -> {
            javafx.scene.chart.XYChart.Series<String, Number> a = new javafx.scene.chart.XYChart.Series<>();
            a.setName("action mask");
            javafx.scene.chart.XYChart.Series<String, Number> c = new javafx.scene.chart.XYChart.Series<>();
            c.setName("causal mask");
            for (io.vlastudio.training.studio.StudioAblation.Position p : model.ablationRows()) {
                a.getData().add(new javafx.scene.chart.XYChart.Data<>(String.valueOf(p.position()), p.actionMask()));
                c.getData().add(new javafx.scene.chart.XYChart.Data<>(String.valueOf(p.position()), p.causalMask()));
            }
            bars.getData().setAll(List.of(a, c));
        };
        model.ablationRows().addListener((javafx.collections.ListChangeListener<io.vlastudio.training.studio.StudioAblation.Position>) ch -> fill.run());
        fill.run();
        Label note = new Label();
        note.setId("ablation-note");
        note.setWrapText(true);
        note.textProperty().bind(model.ablationNoteProperty());
        SplitPane split = new SplitPane(table, bars);
        VBox root = new VBox(6, note, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.setPadding(new Insets(8));
        javafx.stage.Stage stage = new javafx.stage.Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Ablation: action mask vs causal");
        javafx.scene.Scene scene = new javafx.scene.Scene(root, 980, 480);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
    }

    private static <T> javafx.scene.control.TableColumn<T, String> column(String title, java.util.function.Function<T, String> value) {
        javafx.scene.control.TableColumn<T, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(f -> new javafx.beans.property.SimpleStringProperty(value.apply(f.getValue())));
        return c;
    }

    static String badgeStyle(String status) {
        String color = switch (status) {
            case "running" -> "#1e6fd9";
            case "succeeded" -> "#2e8b3a";
            case "failed" -> "#c62828";
            case "stopped" -> "#8d6e00";
            default -> "#666666";
        };
        return "-fx-background-color: " + color + "; -fx-text-fill: white; -fx-padding: 1 6 1 6; -fx-background-radius: 8;";
    }

    /** Training → New Run: from an export (vla-studio mix export writes one), with WorldVLA's defaults. */
    static void newRunDialog(TrainingViewModel model) {
        Dialog<RunConfig> d = new Dialog<>();
        d.setTitle("New Run");
        d.setHeaderText("Train WorldVLA, or the studio model (target studio-model), on an export; defaults for everything not set here");
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        Map<String, TextField> fields = new LinkedHashMap<>();
        String[][] rows = {{"name", "Name", ""}, {"export", "Export folder", ""}, {"worldvla", "WorldVLA checkout", ""},
                {"python", "Python", "python3"}, {"gpus", "GPUs per node", "1"}, {"epochs", "Epochs", "40"},
                {"batch_size", "Batch size", "8"}, {"lr", "Learning rate", "5e-6"},
                {"seed", "Seed (studio model)", "0"}, {"max_minutes", "Max minutes (studio model, 0: no limit)", "0"}};
        int r = 0;
        for (String[] row : rows) {
            TextField f = new TextField(row[2]);
            f.setId("new-run-" + row[0]);
            fields.put(row[0], f);
            g.addRow(r++, new Label(row[1]), f);
        }
        ChoiceBox<String> target = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList("local", "nodes", "slurm", "studio-model"));
        target.setValue("local");
        target.setId("new-run-target");
        g.addRow(r++, new Label("Target"), target);
        ChoiceBox<String> mask = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList("action", "causal"));
        mask.setValue("action");
        mask.setId("new-run-mask");
        g.addRow(r++, new Label("Attention mask (studio model)"), mask);
        Runnable studioFields = () -> {
            boolean studio = "studio-model".equals(target.getValue());
            for (String k : List.of("seed", "max_minutes")) {
                fields.get(k).setDisable(!studio);
            }
            mask.setDisable(!studio);
            fields.get("worldvla").setDisable(studio);
            fields.get("python").setDisable(studio);
            fields.get("gpus").setDisable(studio);
            // the studio model's own defaults replace WorldVLA's while they are untouched, and back
            swapDefault(fields.get("epochs"), studio, "40", "10");
            swapDefault(fields.get("lr"), studio, "5e-6", "1e-3");
        };
        target.valueProperty().addListener((o, a, b) -> studioFields.run());
        studioFields.run();
        ChoiceBox<String> source = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(EXPORT_SOURCE));
        source.setId("new-run-source");
        source.setValue(EXPORT_SOURCE);
        ChoiceBox<String> mix = new ChoiceBox<>(model.savedMixes());
        mix.setId("new-run-mix");
        if (model.canStartFromMix()) {
            source.getItems().add(MIX_SOURCE);
            if (!model.savedMixes().isEmpty()) {
                mix.setValue(model.savedMixes().get(0));
            }
            g.addRow(r++, new Label("Train on"), new HBox(6, source, mix));
        }
        Runnable sourceFields = () -> {
            boolean fromMix = MIX_SOURCE.equals(source.getValue());
            mix.setDisable(!fromMix);
            fields.get("export").setDisable(fromMix);
            fields.get("export").setPromptText(fromMix ? "written for the run under <workspace>/exports/" : "");
        };
        source.valueProperty().addListener((o, a, b) -> sourceFields.run());
        sourceFields.run();
        CheckBox cpu = new CheckBox("on the CPU (gloo): try the pipeline on a tiny export");
        cpu.setId("new-run-cpu");
        g.addRow(r, new Label(""), cpu);
        Label error = new Label();
        error.setStyle("-fx-text-fill: #c62828;");
        g.add(error, 0, r + 1, 2, 1);
        d.getDialogPane().setContent(g);
        javafx.scene.Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            try {
                boolean fromMix = MIX_SOURCE.equals(source.getValue());
                if (fromMix && mix.getValue() == null) {
                    throw new IllegalArgumentException("choose a saved mix (Curation → Mix Editor… saves one)");
                }
                toConfig(fields, target.getValue(), cpu.isSelected(), mask.getValue(), fromMix);
            } catch (RuntimeException ex) {
                error.setText(ex.getMessage());
                ev.consume();
            }
        });
        d.setResultConverter(b -> b == ButtonType.OK
                ? toConfig(fields, target.getValue(), cpu.isSelected(), mask.getValue(), MIX_SOURCE.equals(source.getValue())) : null);
        d.showAndWait().ifPresent(c -> {
            if (MIX_SOURCE.equals(source.getValue())) {
                model.createFromMix(c, mix.getValue());
            } else {
                model.create(c);
            }
        });
    }

    static final String EXPORT_SOURCE = "an export folder";
    static final String MIX_SOURCE = "a saved mix (exported first)";

    private static void swapDefault(TextField f, boolean studio, String worldvla, String studioModel) {
        if (studio && f.getText().strip().equals(worldvla)) {
            f.setText(studioModel);
        } else if (!studio && f.getText().strip().equals(studioModel)) {
            f.setText(worldvla);
        }
    }

    static RunConfig toConfig(Map<String, TextField> f, String target, boolean cpu) {
        return toConfig(f, target, cpu, "action");
    }

    static RunConfig toConfig(Map<String, TextField> f, String target, boolean cpu, String mask) {
        return toConfig(f, target, cpu, mask, false);
    }

    /** With {@code fromMix} the export folder is left empty: New Run from a mix writes it. */
    static RunConfig toConfig(Map<String, TextField> f, String target, boolean cpu, String mask, boolean fromMix) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean studio = "studio-model".equals(target);
        m.put("name", f.get("name").getText().strip());
        m.put("export", fromMix ? "" : f.get("export").getText().strip());
        if (!studio || !f.get("worldvla").getText().isBlank()) {
            m.put("worldvla", f.get("worldvla").getText().strip());
        }
        m.put("python", f.get("python").getText().strip());
        m.put("target", target);
        m.put("cpu", cpu);
        if (studio) {
            m.put("mask", mask);
            try {
                if (f.containsKey("seed")) {
                    m.put("seed", Long.parseLong(f.get("seed").getText().strip()));
                }
                if (f.containsKey("max_minutes")) {
                    m.put("max_minutes", Double.parseDouble(f.get("max_minutes").getText().strip()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the seed is a whole number, the time limit a number of minutes");
            }
        }
        try {
            m.put("gpus", Integer.parseInt(f.get("gpus").getText().strip()));
            m.put("epochs", Integer.parseInt(f.get("epochs").getText().strip()));
            m.put("batch_size", Integer.parseInt(f.get("batch_size").getText().strip()));
            m.put("lr", Double.parseDouble(f.get("lr").getText().strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GPUs, epochs and batch size are whole numbers, the learning rate a number");
        }
        if (!fromMix && ((String) m.get("export")).isEmpty()) {
            throw new IllegalArgumentException("choose the export folder to train on");
        }
        return RunConfig.fromMap(m);
    }
}
