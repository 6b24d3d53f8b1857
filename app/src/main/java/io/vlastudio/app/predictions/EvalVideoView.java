package io.vlastudio.app.predictions;

import io.vlastudio.training.predictions.TaskRate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Evaluation videos: imported folders, a filterable table of success rates per task and checkpoint, the episodes of
 * the selected row, and the player (one video, or a world-model triplet side by side on one clock).
 */
public final class EvalVideoView extends BorderPane {

    private final EvalVideoViewModel model;
    private final EvalVideoPlayer player = new EvalVideoPlayer();
    private final TableView<TaskRate> rates = new TableView<>();
    private final TableView<EvalVideoViewModel.Entry> episodes = new TableView<>();
    private final Label mediaBanner = new Label();

    public EvalVideoView(EvalVideoViewModel model) {
        this(model, MediaSupport.problem().orElse(null));
    }

    /**
     * @param mediaProblem why videos cannot play on this computer ({@link MediaSupport}), or null; said above the
     *                     player and in every pane that fails
     */
    EvalVideoView(EvalVideoViewModel model, String mediaProblem) {
        this.model = model;
        setId("eval-videos");
        player.setMediaProblem(mediaProblem);

        Button importButton = new Button("Import Folder…");
        importButton.setId("eval-import");
        importButton.setTooltip(new Tooltip("Scan a folder of WorldVLA evaluation MP4s and record it in this workspace"));
        importButton.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of evaluation videos");
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                model.importFolder(dir.toPath());
            }
        });
        ComboBox<Path> roots = new ComboBox<>(model.roots());
        roots.setId("eval-roots");
        roots.setPromptText("No folder imported");
        roots.setMaxWidth(420);
        roots.valueProperty().bindBidirectional(model.rootProperty());
        roots.setOnAction(e -> model.open(roots.getValue()));
        Button rescan = new Button("Rescan");
        rescan.setId("eval-rescan");
        rescan.setOnAction(e -> model.open(model.rootProperty().get()));
        rescan.disableProperty().bind(model.rootProperty().isNull().or(model.busyProperty()));
        TextField filter = new TextField();
        filter.setId("eval-filter");
        filter.setPromptText("Filter: task, checkpoint, success/failure");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox bar = new HBox(8, importButton, new Label("Folder:"), roots, rescan, filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        importButton.disableProperty().bind(model.busyProperty());
        setTop(bar);

        rates.setId("eval-rates");
        rates.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rates.setItems(model.rates());
        rates.setPlaceholder(new Label("No closed-loop rollouts (--success=True|False) here."));
        rates.getColumns().add(column("Checkpoint", 110, r -> r.checkpoint().isEmpty() ? "(top folder)" : r.checkpoint()));
        rates.getColumns().add(column("Task", 230, TaskRate::task));
        rates.getColumns().add(column("Episodes", 70, r -> Integer.toString(r.episodes())));
        rates.getColumns().add(column("Successes", 80, r -> Integer.toString(r.successes())));
        rates.getColumns().add(column("Rate", 70, r -> String.format(Locale.ROOT, "%.1f%%", 100 * r.rate())));
        rates.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedRateProperty().set(b));
        model.selectedRateProperty().addListener((o, a, b) -> {
            if (b == null) {
                rates.getSelectionModel().clearSelection();
            }
        });
        Button all = new Button("All Episodes");
        all.setId("eval-all-episodes");
        all.setOnAction(e -> model.selectedRateProperty().set(null));
        all.disableProperty().bind(model.selectedRateProperty().isNull());

        episodes.setId("eval-episodes");
        episodes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        episodes.setItems(model.entries());
        episodes.setPlaceholder(new Label("No episodes."));
        episodes.getColumns().add(entryColumn("Episode", 60, e -> Integer.toString(e.episode())));
        episodes.getColumns().add(entryColumn("Outcome", 90, EvalVideoViewModel.Entry::outcome));
        episodes.getColumns().add(entryColumn("Task", 170, EvalVideoViewModel.Entry::task));
        episodes.getColumns().add(entryColumn("Checkpoint", 100, e -> e.checkpoint().isEmpty() ? "(top folder)" : e.checkpoint()));
        episodes.getColumns().add(entryColumn("Problem", 160, EvalVideoViewModel.Entry::note));
        episodes.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        model.selectedProperty().addListener((o, a, b) -> player.show(b == null ? java.util.List.of() : b.panes()));

        ListView<String> problems = new ListView<>(model.problems());
        problems.setId("eval-problems");
        problems.setPrefHeight(110);
        TitledPane problemPane = new TitledPane("Problems", problems);
        problemPane.textProperty().bind(javafx.beans.binding.Bindings.size(model.problems()).asString("Problems (%d)"));
        problemPane.setExpanded(true);
        problemPane.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        HBox episodesHeader = new HBox(8, new Label("Episodes"), all);
        episodesHeader.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, new Label("Success rate per task and checkpoint"), rates, episodesHeader, episodes, problemPane);
        left.setPadding(new Insets(0, 0, 8, 8));
        VBox.setVgrow(rates, Priority.ALWAYS);
        VBox.setVgrow(episodes, Priority.ALWAYS);
        mediaBanner.setText(mediaProblem == null ? "" : "⚠ " + mediaProblem);
        mediaBanner.setId("eval-media-problem");
        mediaBanner.getStyleClass().add("prediction-problem");
        mediaBanner.setWrapText(true);
        mediaBanner.setPadding(new Insets(6, 8, 6, 8));
        mediaBanner.setVisible(mediaProblem != null);
        mediaBanner.setManaged(mediaProblem != null);
        mediaBanner.setMaxWidth(Double.MAX_VALUE);
        VBox right = new VBox(mediaBanner, player);
        VBox.setVgrow(player, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        setCenter(split);

        Label status = new Label();
        status.setId("eval-status");
        status.textProperty().bind(model.statusProperty());
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
    }

    private static TableColumn<TaskRate, String> column(String title, double width, java.util.function.Function<TaskRate, String> f) {
        TableColumn<TaskRate, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<EvalVideoViewModel.Entry, String> entryColumn(String title, double width,
                                                                             java.util.function.Function<EvalVideoViewModel.Entry, String> f) {
        TableColumn<EvalVideoViewModel.Entry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        // the whole text on hover: tasks and problems are longer than a column
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    public EvalVideoViewModel model() {
        return model;
    }

    /** Why videos cannot play on this computer (missing FFmpeg libraries); hidden when they can. */
    Label mediaBanner() {
        return mediaBanner;
    }

    public EvalVideoPlayer player() {
        return player;
    }

    public TableView<TaskRate> ratesTable() {
        return rates;
    }

    public TableView<EvalVideoViewModel.Entry> episodesTable() {
        return episodes;
    }
}
