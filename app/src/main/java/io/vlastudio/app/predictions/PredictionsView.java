package io.vlastudio.app.predictions;

import io.vlastudio.app.viewer.DemoSignals;
import io.vlastudio.app.viewer.LayoutIsland;
import io.vlastudio.app.viewer.LiveViewport;
import io.vlastudio.app.viewer.SignalChart;
import io.vlastudio.app.viewer.SteadyText;
import io.vlastudio.app.viewer.TimeWindow;
import io.vlastudio.app.viewer.TimeZoomBar;
import io.vlastudio.app.viewer.TimelineView;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.training.predictions.ChunkComparison;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Predictions view: the real frame beside every prediction set's predicted frame, with the heat map of the
 * absolute difference under each, all on the viewer's clock; a timeline with the demo's marks plus where each
 * open-loop rollout started and where the predicted gripper disagrees; PSNR and SSIM per frame with the playhead and
 * against rollout horizon; the predicted action chunks against the recorded actions per dimension, and bin accuracy
 * per chunk position.
 */
public final class PredictionsView extends BorderPane {

    static final List<String> ACTION_DIMS = List.of("dx", "dy", "dz", "drx", "dry", "drz", "grip");

    private final PredictionsViewModel model;
    private final Transport transport;
    private final GridPane grid = new GridPane();
    private final Label message = new Label();
    private final Label banner = new Label();
    private final MenuButton toggles = new MenuButton();
    private final Map<PredictionsViewModel.Column, CheckBox> toggleBoxes = new LinkedHashMap<>();
    private final FramePane realPane = new FramePane("prediction-real", "Real");
    private final Map<PredictionsViewModel.Column, FramePane[]> panes = new LinkedHashMap<>();
    private final TimelineView timeline = new TimelineView();
    private final Label stepLabel = SteadyText.label("step – / –");
    /** The step counter changes on every step: its layout stays in here (see LayoutIsland). */
    private final LayoutIsland stepIsland = new LayoutIsland(stepLabel, 0, true);
    private final VBox frameMetrics = new VBox(2);
    private final VBox actions = new VBox(2);
    private final GridPane accuracy = new GridPane();
    private final List<SignalChart> stepCharts = new ArrayList<>();
    private final List<LinePlot> actionPlots = new ArrayList<>();
    private final LinePlot psnrHorizon = new LinePlot("PSNR vs horizon", "steps since the rollout started", "dB", false, 150);
    private final LinePlot ssimHorizon = new LinePlot("SSIM vs horizon", "steps since the rollout started", "0…1", false, 150);
    private final Label metricsStatus = new Label();
    private final Label actionsStatus = new Label();

    /** What the view drives on the shared clock: the viewer's transport. */
    public interface Transport {
        void togglePlay();

        void seek(int step);

        javafx.beans.value.ObservableValue<Boolean> playing();

        DemoSignals signals();

        javafx.beans.value.ObservableValue<DemoSignals> signalsValue();

        /** The viewer's time window: the zoom of every step axis on its clock. */
        TimeWindow timeWindow();
    }

    public PredictionsView(PredictionsViewModel model, Transport transport, Runnable addFolder, Runnable export) {
        this.model = model;
        this.transport = transport;
        getStyleClass().add("predictions-view");
        setId("predictions-view");

        // ---- header: sets, orientation, add folder, transport --------------------------------------------------
        // which sets are shown: a menu of tick boxes (full labels, in the sets' colours), one line at any width
        toggles.setId("prediction-toggles");
        toggles.setFocusTraversable(false);
        toggles.setMinWidth(Region.USE_PREF_SIZE);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ChoiceBox<Orientation> orientation = new ChoiceBox<>();
        orientation.setId("prediction-orientation");
        orientation.getItems().setAll(Orientation.values());
        orientation.setConverter(new StringConverter<>() {
            @Override
            public String toString(Orientation o) {
                return o == null ? "" : o.label();
            }

            @Override
            public Orientation fromString(String s) {
                return null;
            }
        });
        orientation.valueProperty().bindBidirectional(model.displayOrientationProperty());
        orientation.setTooltip(new Tooltip("How every column is turned on screen. Predictions are stored raw (as the "
                + "file stores frames) and compared raw; this only turns the pictures."));
        orientation.setFocusTraversable(false);
        orientation.setMinWidth(Region.USE_PREF_SIZE);
        Button add = new Button("Add Folder…");
        add.setId("prediction-add-folder");
        add.setTooltip(new Tooltip("Show a predictions folder from elsewhere (meta.json, frame_<t>.png, actions.json) as "
                + "another column"));
        add.setOnAction(e -> addFolder.run());
        add.setFocusTraversable(false);
        add.setMinWidth(Region.USE_PREF_SIZE);
        Button exportButton = new Button("Export…");
        exportButton.setId("prediction-export");
        exportButton.setTooltip(new Tooltip("Write the shown sets beside the real frames, with their differences, as an MP4, "
                + "an animated GIF or a PNG strip (for papers and reports)"));
        exportButton.setOnAction(e -> export.run());
        exportButton.setFocusTraversable(false);
        exportButton.setMinWidth(Region.USE_PREF_SIZE);
        exportButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.columns()));
        Button play = new Button("Play");
        play.setId("prediction-play");
        play.setMinWidth(Region.USE_PREF_SIZE);
        play.setFocusTraversable(false);
        play.setOnAction(e -> transport.togglePlay());
        transport.playing().addListener((o, a, b) -> play.setText(Boolean.TRUE.equals(b) ? "Pause" : "Play"));
        play.setTooltip(new Tooltip("Play / pause the viewer's clock (Space); ←/→ step, Shift+←/→ ten steps"));
        stepLabel.setId("prediction-step");
        stepLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(10, toggles, spring, orientation, add, exportButton, play, stepIsland);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 8, 4, 8));
        header.getStyleClass().add("transport");

        banner.setId("prediction-catalog-problems");
        banner.getStyleClass().add("prediction-problem");
        banner.setWrapText(true);
        banner.textProperty().bind(model.catalogProblemsProperty());
        banner.visibleProperty().bind(model.catalogProblemsProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        Label status = new Label();
        status.setId("prediction-status");
        status.getStyleClass().add("review-muted");
        status.setPadding(new Insets(0, 8, 2, 8));
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        setTop(new VBox(header, banner, status));

        // ---- frames ------------------------------------------------------------------------------------------------
        grid.setId("prediction-grid");
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setPadding(new Insets(6));
        grid.setMinSize(0, 0);
        message.setId("prediction-message");
        message.getStyleClass().add("placeholder");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(760);
        StackPane frames = new StackPane(grid, message);
        frames.setMinHeight(120);
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        grid.visibleProperty().bind(model.messageProperty().isEmpty());

        // ---- lower half: timeline, metrics, actions ----------------------------------------------------------------
        timeline.setOnSeek(transport::seek);
        timeline.setId("prediction-timeline");
        metricsStatus.getStyleClass().add("review-muted");
        actionsStatus.getStyleClass().add("review-muted");
        metricsStatus.setPadding(new Insets(2, 8, 2, 8));
        actionsStatus.setPadding(new Insets(2, 8, 2, 8));
        actionsStatus.setWrapText(true);
        metricsStatus.setWrapText(true);
        HBox horizon = new HBox(6, psnrHorizon, ssimHorizon);
        HBox.setHgrow(psnrHorizon, Priority.ALWAYS);
        HBox.setHgrow(ssimHorizon, Priority.ALWAYS);
        VBox metricsBox = new VBox(2, metricsStatus, frameMetrics, horizon);
        ScrollPane metricsScroll = LiveViewport.of(new ScrollPane(metricsBox)); // the playheads move on every step
        metricsScroll.setFitToWidth(true);
        metricsScroll.getStyleClass().add("plot-scroll");
        accuracy.setId("prediction-bin-accuracy");
        accuracy.setHgap(10);
        accuracy.setVgap(2);
        accuracy.setPadding(new Insets(4, 8, 8, 8));
        VBox actionsBox = new VBox(2, actionsStatus, accuracy, actions);
        ScrollPane actionsScroll = LiveViewport.of(new ScrollPane(actionsBox));
        actionsScroll.setFitToWidth(true);
        actionsScroll.getStyleClass().add("plot-scroll");
        Tab metricsTab = new Tab("Frame metrics", metricsScroll);
        metricsTab.setId("prediction-metrics-tab");
        Tab actionsTab = new Tab("Actions", actionsScroll);
        actionsTab.setId("prediction-actions-tab");
        TabPane tabs = new TabPane(metricsTab, actionsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        TimeZoomBar zoomBar = new TimeZoomBar(transport.timeWindow(), () -> model.stepProperty().get(), "prediction");
        zoomBar.setPadding(new Insets(2, 8, 2, 8));
        VBox lower = new VBox(zoomBar, timeline, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        lower.setMinHeight(120);

        SplitPane split = new SplitPane(frames, lower);
        split.setId("prediction-split");
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.52);
        setCenter(split);

        // ---- wiring -------------------------------------------------------------------------------------------------
        model.columns().addListener((ListChangeListener<PredictionsViewModel.Column>) c -> rebuild());
        model.realProperty().addListener((o, a, f) -> realPane.show(f, ""));
        model.shownStepProperty().addListener((o, a, s) -> captions());
        model.stepProperty().addListener((o, a, s) -> onStep());
        model.displayOrientationProperty().addListener((o, a, n) -> orient());
        model.demoProperty().addListener((o, a, d) -> {
            rebuildTimeline();
            onStep();
        });
        transport.signalsValue().addListener((o, a, s) -> rebuildTimeline());
        timeline.widthProperty().addListener(o -> alignTimeline());
        transport.timeWindow().rangeProperty().addListener((o, a, r) -> showTimeWindow());
        TimeZoomBar.installWheelZoom(timeline, transport.timeWindow(), timeline::stepAtSceneX);
        rebuild();
    }

    private void orient() {
        Orientation o = model.displayOrientationProperty().get();
        realPane.setOrientation(o);
        for (FramePane[] p : panes.values()) {
            p[0].setOrientation(o);
            p[1].setOrientation(o);
        }
    }

    private void onStep() {
        Demo d = model.demoProperty().get();
        int s = model.stepProperty().get();
        stepLabel.setText(d == null ? "step – / –" : "step " + s + " / " + (d.length() - 1));
        stepIsland.fit();
        timeline.setPlayhead(s);
        for (SignalChart c : stepCharts) {
            c.setPlayhead(s);
        }
        for (LinePlot p : actionPlots) {
            p.setPlayhead(s);
        }
    }

    private void captions() {
        int s = model.shownStepProperty().get();
        String at = s < 0 ? "" : "step " + s;
        var f = model.realProperty().get();
        realPane.setCaption(f == null ? at : at + "   " + f.width() + "×" + f.height() + "   " + model.camera());
        for (var e : panes.entrySet()) {
            PredictionsViewModel.Column c = e.getKey();
            e.getValue()[0].setCaption(at);
            e.getValue()[1].setCaption(c.errorProperty().get().isEmpty() ? at : at + "   " + c.errorProperty().get());
        }
    }

    /** One grid column per shown set: predicted over difference; the real frame and the heat scale on the left. */
    private void rebuild() {
        panes.clear();
        updateToggles();
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        RowConstraints top = new RowConstraints();
        top.setVgrow(Priority.ALWAYS);
        top.setPercentHeight(50);
        RowConstraints bottom = new RowConstraints();
        bottom.setVgrow(Priority.ALWAYS);
        bottom.setPercentHeight(50);
        grid.getRowConstraints().addAll(top, bottom);
        grid.add(realPane, 0, 0);
        grid.add(legend(), 0, 1);
        ColumnConstraints first = new ColumnConstraints();
        first.setHgrow(Priority.ALWAYS);
        first.setMinWidth(0);
        grid.getColumnConstraints().add(first);
        int col = 1;
        for (PredictionsViewModel.Column c : model.columns()) {
            if (!c.shownProperty().get()) {
                continue;
            }
            // compact titles (the set's number, as in the plots' legends; the full label is the tooltip)
            FramePane predicted = new FramePane("prediction-predicted-" + c.index(), shortLabel(c));
            FramePane difference = new FramePane("prediction-difference-" + c.index(), "#" + (c.index() + 1)
                    + " |real − predicted|");
            predicted.show(c.predictedProperty().get(), c.placeholderProperty().get());
            difference.show(c.differenceProperty().get(), c.placeholderProperty().get());
            wire(c);
            predicted.setNotice(c.problemSummary(), String.join("\n", c.problems()));
            grid.add(predicted, col, 0);
            grid.add(difference, col, 1);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            cc.setMinWidth(0);
            grid.getColumnConstraints().add(cc);
            panes.put(c, new FramePane[] {predicted, difference});
            col++;
        }
        for (PredictionsViewModel.Column c : model.columns()) {
            wire(c);
        }
        double share = 100.0 / col;
        for (ColumnConstraints cc : grid.getColumnConstraints()) {
            cc.setPercentWidth(share);
        }
        orient();
        captions();
        rebuildMetrics();
        rebuildTimeline();
    }

    /**
     * The sets menu: a tick box per set, kept while the sets stay the same (so the open menu does not jump), and the
     * button's text says how many are shown.
     */
    private void updateToggles() {
        List<PredictionsViewModel.Column> columns = List.copyOf(model.columns());
        if (!List.copyOf(toggleBoxes.keySet()).equals(columns)) {
            toggleBoxes.clear();
            List<CustomMenuItem> items = new ArrayList<>();
            for (PredictionsViewModel.Column c : columns) {
                CheckBox toggle = new CheckBox(shortLabel(c));
                toggle.setId("prediction-toggle-" + c.index());
                toggle.setTextFill(SignalChart.PALETTE[c.index() % SignalChart.PALETTE.length]);
                toggle.setFocusTraversable(false);
                toggle.setSelected(c.shownProperty().get());
                toggle.selectedProperty().addListener((o, a, b) -> {
                    if (b != c.shownProperty().get()) {
                        model.setShown(c, b);
                        rebuild();
                    }
                });
                String problems = c.problemSummary();
                if (problems != null && !problems.isEmpty()) {
                    toggle.setTooltip(new Tooltip(problems));
                }
                toggleBoxes.put(c, toggle);
                CustomMenuItem item = new CustomMenuItem(toggle, false);
                item.setId("prediction-toggle-item-" + c.index());
                items.add(item);
            }
            toggles.getItems().setAll(items);
        }
        long shown = 0;
        StringBuilder tip = new StringBuilder("Show or hide each prediction set's column (a hidden set is not read)");
        for (var e : toggleBoxes.entrySet()) {
            e.getValue().setSelected(e.getKey().shownProperty().get());
            shown += e.getKey().shownProperty().get() ? 1 : 0;
            tip.append('\n').append(e.getKey().shownProperty().get() ? "☑ " : "☐ ").append(shortLabel(e.getKey()));
        }
        toggles.setText(columns.isEmpty() ? "Prediction sets: none" : "Prediction sets: " + shown + " of " + columns.size());
        toggles.setDisable(columns.isEmpty());
        toggles.setTooltip(new Tooltip(tip.toString()));
    }

    /** The tick box of a set in the sets menu (for tests). */
    CheckBox toggle(PredictionsViewModel.Column c) {
        return toggleBoxes.get(c);
    }

    private final java.util.Set<PredictionsViewModel.Column> wired = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /** Listens to a column once, whatever the number of rebuilds; the listeners find the column's panes of the moment. */
    private void wire(PredictionsViewModel.Column c) {
        if (!wired.add(c)) {
            return;
        }
        c.predictedProperty().addListener((o, a, f) -> {
            FramePane[] p = panes.get(c);
            if (p != null) {
                p[0].show(f, c.placeholderProperty().get());
            }
        });
        c.differenceProperty().addListener((o, a, f) -> {
            FramePane[] p = panes.get(c);
            if (p != null) {
                p[1].show(f, c.placeholderProperty().get());
            }
        });
        c.placeholderProperty().addListener((o, a, t) -> {
            FramePane[] p = panes.get(c);
            if (p != null) {
                p[0].show(c.predictedProperty().get(), t);
                p[1].show(c.differenceProperty().get(), t);
            }
        });
        c.metricsProperty().addListener((o, a, m) -> rebuildMetrics());
    }

    /** The heat scale under the real frame. */
    private Node legend() {
        javafx.scene.canvas.Canvas bar = new javafx.scene.canvas.Canvas(110, 12);
        var g = bar.getGraphicsContext2D();
        for (int x = 0; x < 110; x++) {
            int v = (int) Math.round(x / 109.0 * Heatmap.FULL_SCALE);
            g.setFill(Color.rgb(Heatmap.red(v) & 0xFF, Heatmap.green(v) & 0xFF, 0));
            g.fillRect(x, 0, 1, 12);
        }
        Label what = new Label("Difference: largest channel |real − predicted|, in grey levels");
        what.setWrapText(true);
        what.getStyleClass().add("review-muted");
        HBox scale = new HBox(4, new Label("0"), bar, new Label(Heatmap.FULL_SCALE + "+"));
        scale.setAlignment(Pos.CENTER_LEFT);
        scale.getStyleClass().add("review-muted");
        Label hint = new Label("Columns follow the viewer's clock: scrub here, on the viewer's timeline, or play.");
        hint.setWrapText(true);
        hint.getStyleClass().add("review-muted");
        VBox box = new VBox(6, what, scale, hint);
        box.setId("prediction-legend");
        box.setPadding(new Insets(24, 4, 4, 8));
        box.setMinSize(0, 0);
        return box;
    }

    private void rebuildTimeline() {
        DemoSignals s = transport.signals();
        Demo d = model.demoProperty().get();
        if (d == null) {
            timeline.setDemo(0, new int[0], List.of());
            timeline.setTicks(List.of());
            return;
        }
        if (s != null && s.length() == d.length()) {
            timeline.setDemo(s.length(), s.noOpSteps(), s.gripperEvents());
        } else {
            timeline.setDemo(d.length(), new int[0], List.of());
        }
        List<TimelineView.Tick> ticks = new ArrayList<>();
        for (PredictionsViewModel.Column c : model.columns()) {
            if (!c.shownProperty().get()) {
                continue;
            }
            Color colour = SignalChart.PALETTE[c.index() % SignalChart.PALETTE.length];
            if ("open-loop".equals(c.set().meta().mode())) {
                ticks.add(new TimelineView.Tick(c.set().meta().start(), colour, "▶ rollout " + (c.index() + 1), true));
            }
            var m = c.metricsProperty().get();
            if (m != null) {
                for (int step : m.gripperDisagreements()) {
                    ticks.add(new TimelineView.Tick(step, colour, "", false));
                }
            }
        }
        timeline.setTicks(ticks);
        onStep();
    }

    /** PSNR and SSIM per frame (one line per set), against horizon, and the action plots and bin accuracy table. */
    private void rebuildMetrics() {
        Demo d = model.demoProperty().get();
        List<PredictionsViewModel.Column> shown = model.columns().stream().filter(c -> c.shownProperty().get()).toList();
        frameMetrics.getChildren().clear();
        stepCharts.clear();
        actions.getChildren().clear();
        actionPlots.clear();
        accuracy.getChildren().clear();
        if (d == null || shown.isEmpty()) {
            metricsStatus.setText("");
            actionsStatus.setText("");
            psnrHorizon.setSeries(List.of(), 0, 1, 0, 1);
            ssimHorizon.setSeries(List.of(), 0, 1, 0, 1);
            return;
        }
        long pending = shown.stream().filter(c -> c.metricsProperty().get() == null).count();
        List<String> problems = new ArrayList<>();
        for (var c : shown) {
            var m = c.metricsProperty().get();
            if (m != null && !m.problem().isEmpty()) {
                problems.add(c.label() + ": " + m.problem());
            }
        }
        String state = pending > 0 ? "Scoring " + pending + " prediction set" + (pending == 1 ? "" : "s") + "… (batch lane)" : "";
        metricsStatus.setText(String.join("   ", join(state, problems)));
        int length = d.length();
        List<String> names = new ArrayList<>();
        List<PredictionsViewModel.Column> all = List.copyOf(model.columns());
        double[][] psnr = new double[length][all.size()];
        double[][] ssim = new double[length][all.size()];
        for (double[] r : psnr) {
            Arrays.fill(r, Double.NaN);
        }
        for (double[] r : ssim) {
            Arrays.fill(r, Double.NaN);
        }
        List<LinePlot.Series> ph = new ArrayList<>();
        List<LinePlot.Series> sh = new ArrayList<>();
        double maxH = 1;
        // one dimension per set, hidden ones empty, so a set keeps its colour (series-N) in every chart
        for (int i = 0; i < all.size(); i++) {
            var c = all.get(i);
            names.add("#" + (c.index() + 1));
            var m = c.metricsProperty().get();
            if (m == null || !c.shownProperty().get()) {
                continue;
            }
            double[] p = m.psnrByStep(length);
            double[] s = m.ssimByStep(length);
            for (int t = 0; t < length; t++) {
                psnr[t][i] = Double.isFinite(p[t]) ? p[t] : Double.NaN;
                ssim[t][i] = s[t];
            }
            double[] hs = new double[m.psnrByHorizon().length];
            for (int h = 0; h < hs.length; h++) {
                hs[h] = h;
            }
            maxH = Math.max(maxH, hs.length - 1);
            ph.add(new LinePlot.Series(c.label(), c.index() % 7, hs, m.psnrByHorizon()));
            sh.add(new LinePlot.Series(c.label(), c.index() % 7, hs, m.ssimByHorizon()));
        }
        SignalChart psnrChart = new SignalChart(new DemoSignals.Signal("PSNR per frame", "psnr", names, psnr));
        SignalChart ssimChart = new SignalChart(new DemoSignals.Signal("SSIM per frame", "ssim", names, ssim));
        psnrChart.setId("prediction-psnr");
        ssimChart.setId("prediction-ssim");
        for (SignalChart c : List.of(psnrChart, ssimChart)) {
            c.setOnSeek(transport::seek);
            c.setPlayhead(model.stepProperty().get());
            c.chart().getCanvas().localToSceneTransformProperty().addListener(o -> alignTimeline());
            c.chart().getCanvas().widthProperty().addListener(o -> alignTimeline());
            stepCharts.add(c);
            zoomWith(c);
        }
        frameMetrics.getChildren().addAll(psnrChart, ssimChart);
        psnrHorizon.setSeries(ph, 0, maxH, 20, 30);
        ssimHorizon.setSeries(sh, 0, maxH, 0.5, 1);

        // actions: recorded (grey) and each set's chunks, each from its start step, per dimension
        double[][] recorded = null;
        try {
            recorded = d.actions();
        } catch (Exception e) {
            actionsStatus.setText("The recorded actions could not be read: " + e.getMessage());
        }
        boolean anyChunks = shown.stream().anyMatch(c -> c.metricsProperty().get() != null
                && !c.metricsProperty().get().chunks().isEmpty());
        if (recorded != null) {
            actionsStatus.setText(pending > 0 ? state : anyChunks ? "White: the recorded actions. Each coloured piece is one "
                    + "predicted chunk, drawn from the step it was predicted at. ◆ on the timeline: the predicted gripper "
                    + "disagrees with the recorded one." : "No action chunks in these prediction sets (actions.json).");
            double[] xs = new double[length];
            for (int t = 0; t < length; t++) {
                xs[t] = t;
            }
            for (int dim = 0; dim < ACTION_DIMS.size(); dim++) {
                LinePlot plot = new LinePlot(ACTION_DIMS.get(dim), "step", "norm.", true, 118);
                plot.setId("prediction-action-" + ACTION_DIMS.get(dim));
                List<LinePlot.Series> lines = new ArrayList<>();
                double[] ys = new double[length];
                for (int t = 0; t < length; t++) {
                    ys[t] = dim < recorded[t].length ? recorded[t][dim] : Double.NaN;
                }
                lines.add(new LinePlot.Series("recorded", LinePlot.RECORDED, xs, ys));
                for (var c : shown) {
                    var m = c.metricsProperty().get();
                    if (m == null || m.chunks().isEmpty()) {
                        continue;
                    }
                    lines.add(chunkSeries(c, m.chunks(), dim));
                }
                plot.setSeries(lines, 0, Math.max(1, length - 1), dim == 6 ? -1 : -0.2, dim == 6 ? 1 : 0.2);
                plot.setOnSeek(transport::seek);
                plot.setPlayhead(model.stepProperty().get());
                actionPlots.add(plot);
                zoomWith(plot);
                actions.getChildren().add(plot);
            }
        }
        fillAccuracy(shown);
        rebuildTimeline();
        showTimeWindow();
        alignTimeline();
    }

    private static List<String> join(String state, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (!state.isEmpty()) {
            out.add(state);
        }
        out.addAll(problems);
        return out;
    }

    /** A set's chunks for one dimension as one line with a gap between chunks: each starts at its own step. */
    static LinePlot.Series chunkSeries(PredictionsViewModel.Column c, List<ChunkComparison> chunks, int dim) {
        int n = 0;
        for (ChunkComparison ch : chunks) {
            n += ch.predicted().length + 1;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int i = 0;
        for (ChunkComparison ch : chunks) {
            for (int k = 0; k < ch.predicted().length; k++) {
                xs[i] = ch.start() + k;
                ys[i++] = dim < ch.predicted()[k].length ? ch.predicted()[k][dim] : Double.NaN;
            }
            xs[i] = ch.start() + ch.predicted().length - 0.5;
            ys[i++] = Double.NaN;
        }
        return new LinePlot.Series(c.label(), c.index() % 7, xs, ys);
    }

    /** Bin accuracy (and L1) per chunk position, one row per set. */
    private void fillAccuracy(List<PredictionsViewModel.Column> shown) {
        int k = 0;
        for (var c : shown) {
            var m = c.metricsProperty().get();
            if (m != null) {
                k = Math.max(k, m.binAccuracy().length);
            }
        }
        if (k == 0) {
            return;
        }
        Label head = new Label("Per chunk position k: bin accuracy (share of predicted values in the same action bin as the "
                + "recorded one, WorldVLA's 256 bins) and L1 (mean |predicted − recorded|, action units)");
        head.getStyleClass().add("signal-title");
        head.setWrapText(true);
        accuracy.add(head, 0, 0, k + 2, 1);
        accuracy.add(new Label("set"), 0, 1);
        for (int p = 0; p < k; p++) {
            accuracy.add(new Label("k=" + p), p + 1, 1);
        }
        accuracy.add(new Label("gripper ≠"), k + 1, 1);
        int row = 2;
        for (var c : shown) {
            var m = c.metricsProperty().get();
            if (m == null) {
                continue;
            }
            Label name = new Label(shortLabel(c));
            name.setTextFill(SignalChart.PALETTE[c.index() % SignalChart.PALETTE.length]);
            accuracy.add(name, 0, row);
            for (int p = 0; p < m.binAccuracy().length; p++) {
                double a = m.binAccuracy()[p];
                double l = p < m.l1().length ? m.l1()[p] : Double.NaN;
                Label v = new Label((Double.isNaN(a) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * a))
                        + (Double.isNaN(l) ? "" : String.format(Locale.ROOT, "\nL1 %.3f", l)));
                v.setId("prediction-accuracy-" + c.index() + "-" + p);
                v.getStyleClass().add("camera-caption");
                accuracy.add(v, p + 1, row);
            }
            int g = m.gripperDisagreements().size();
            Label grip = new Label(g + (g == 1 ? " step" : " steps"));
            grip.setId("prediction-gripper-" + c.index());
            accuracy.add(grip, k + 1, row);
            row++;
        }
    }

    private static String shortLabel(PredictionsViewModel.Column c) {
        return "#" + (c.index() + 1) + " " + c.label();
    }

    /** Gives the timeline the per-frame charts' horizontal extent, so a step has one x on both. */
    private void alignTimeline() {
        if (!stepCharts.isEmpty()) {
            timeline.alignPlotWith(stepCharts.get(0).chart().getCanvas());
        }
    }

    // ---- the time window: one zoom for every step axis here and in the viewer -------------------------------------

    private boolean syncingTime;

    /** A per-frame chart zoomed with the mouse (Ctrl + drag, Ctrl + wheel, double click) sets the shared window. */
    private void zoomWith(SignalChart c) {
        c.timeAxis().minProperty().addListener(o -> chartZoomed(c));
        c.timeAxis().maxProperty().addListener(o -> chartZoomed(c));
    }

    private void chartZoomed(SignalChart c) {
        if (!syncingTime) {
            transport.timeWindow().set(c.timeAxis().getMin(), c.timeAxis().getMax());
        }
    }

    /** An action plot zooms like the per-frame charts: Ctrl + wheel around the pointer, double click shows all. */
    private void zoomWith(LinePlot p) {
        TimeZoomBar.installWheelZoom(p, transport.timeWindow(), p::stepAtSceneX);
        p.chart().addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.getClickCount() == 2) {
                transport.timeWindow().fit();
            }
        });
    }

    /** Every step axis of the view (per-frame charts, action plots, timeline) shows the window's range. */
    private void showTimeWindow() {
        TimeWindow.Range r = transport.timeWindow().range();
        syncingTime = true;
        try {
            for (SignalChart c : stepCharts) {
                c.setTimeRange(r.from(), r.to());
            }
            for (LinePlot p : actionPlots) {
                p.setStepRange(r.from(), r.to());
            }
            timeline.setStepRange(r.from(), r.to());
        } finally {
            syncingTime = false;
        }
    }

    // ---- for tests and benchmarks -------------------------------------------------------------------------------

    FramePane realPane() {
        return realPane;
    }

    /** {predicted, difference} of a column, or null while it is hidden. */
    FramePane[] panes(PredictionsViewModel.Column c) {
        return panes.get(c);
    }

    public TimelineView timeline() {
        return timeline;
    }

    List<SignalChart> stepCharts() {
        return List.copyOf(stepCharts);
    }

    List<LinePlot> actionPlots() {
        return List.copyOf(actionPlots);
    }

    GridPane accuracyTable() {
        return accuracy;
    }
}
