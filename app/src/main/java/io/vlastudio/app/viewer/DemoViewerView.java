package io.vlastudio.app.viewer;

import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.Frame;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo viewer: every camera side by side on one clock, a transport bar, the timeline, and plots of the
 * demo's signals, all with the same playhead; clicking the timeline or a plot seeks.
 */
public final class DemoViewerView extends VBox {

    private final DemoViewerViewModel model;
    private final HBox cameraRow = new HBox(10);
    private final Map<String, CameraPane> cameraPanes = new LinkedHashMap<>();
    private final StackPane cameraArea = new StackPane();
    private final Label placeholder = new Label();
    private final TimelineView timeline = new TimelineView();
    private final VBox plots = new VBox(2);
    private final List<SignalChart> signalPlots = new ArrayList<>();
    /** A transient echo of the last edit, over the frames, where the eye is. */
    private final Label toast = new Label();
    private final javafx.animation.Timeline toastFade = new javafx.animation.Timeline();
    private final Label stepLabel = SteadyText.label("step – / –");
    /** The step counter changes on every frame: its layout stays inside this island. */
    private final LayoutIsland stepIsland = new LayoutIsland(stepLabel, 130, true);
    private final Label speedLabel = new Label("1×");
    private final Button play = new Button();
    private final TabPane lowerTabs = new TabPane();
    private final AnimationTimer clock = new AnimationTimer() {
        @Override
        public void handle(long now) {
            model.tick(now);
        }
    };

    public DemoViewerView(DemoViewerViewModel model) {
        this.model = model;
        getStyleClass().add("viewer");
        cameraRow.setId("cameras");
        cameraRow.setAlignment(Pos.CENTER);
        cameraRow.setPadding(new Insets(8));
        placeholder.getStyleClass().add("placeholder");
        placeholder.setId("placeholder");
        placeholder.textProperty().bind(model.emptyMessageProperty());
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        cameraArea.getChildren().setAll(placeholder);
        cameraArea.setMinHeight(120);

        play.setId("play");
        showPlayGlyph(false);
        play.setTooltip(new Tooltip("Play / pause (Space)"));
        play.setOnAction(e -> model.togglePlay());
        play.setFocusTraversable(false);
        speedLabel.setId("speed-label");
        speedLabel.setTooltip(new Tooltip("J slower · K pause · L play / faster"));
        stepLabel.setId("step-label");
        stepLabel.setMinWidth(130);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox transport = new HBox(10, play, speedLabel, spacer, stepIsland);
        transport.setAlignment(Pos.CENTER_LEFT);
        transport.getStyleClass().add("transport");

        timeline.setOnSeek(model::seek);
        timeline.widthProperty().addListener(o -> alignTimeline());
        timeline.localToSceneTransformProperty().addListener(o -> alignTimeline());
        plots.setId("plots");
        ScrollPane plotScroll = LiveViewport.of(new ScrollPane(plots)); // the plots move on every step
        plotScroll.setFitToWidth(true);
        plotScroll.getStyleClass().add("plot-scroll");
        Tab signalsTab = new Tab("Signals", plotScroll);
        signalsTab.setClosable(false);
        lowerTabs.getTabs().add(signalsTab);
        lowerTabs.setId("lower-tabs");
        VBox lower = new VBox(transport, timeline, lowerTabs);
        VBox.setVgrow(lowerTabs, Priority.ALWAYS);
        lower.getStyleClass().add("viewer-lower");

        toast.setId("viewer-toast");
        toast.getStyleClass().add("viewer-toast");
        toast.setMouseTransparent(true);
        toast.setOpacity(0);
        toast.setWrapText(true);
        toast.setMaxWidth(520);
        StackPane.setAlignment(toast, Pos.BOTTOM_CENTER);
        StackPane.setMargin(toast, new Insets(0, 12, 14, 12));
        StackPane cameraLayer = new StackPane(cameraArea, toast);
        cameraLayer.setMinHeight(120);
        SplitPane split = new SplitPane(cameraLayer, lower);
        split.setId("viewer-split");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().add(split);

        model.cameras().addListener((ListChangeListener<CameraInfo>) c -> rebuildCameras());
        model.frames().addListener((MapChangeListener<String, Frame>) c -> {
            if (c.wasAdded() && cameraPanes.containsKey(c.getKey())) {
                cameraPanes.get(c.getKey()).show(c.getValueAdded());
            }
        });
        model.orientations().addListener((MapChangeListener<String, io.vlastudio.dataset.Orientation>) c -> {
            if (c.wasAdded() && cameraPanes.containsKey(c.getKey())) {
                cameraPanes.get(c.getKey()).setOrientation(c.getValueAdded());
            }
        });
        model.stepProperty().addListener((obs, o, n) -> onStep());
        model.lastStepProperty().addListener((obs, o, n) -> onStep());
        model.signalsProperty().addListener((obs, o, n) -> rebuildSignals(n));
        model.timeWindow().rangeProperty().addListener((obs, o, n) -> showTimeWindow());
        TimeZoomBar.installWheelZoom(timeline, model.timeWindow(), timeline::stepAtSceneX);
        model.playingProperty().addListener((obs, o, n) -> {
            showPlayGlyph(n);
            if (n) {
                clock.start();
            } else {
                clock.stop();
            }
        });
        model.speedProperty().addListener((obs, o, n) -> speedLabel.setText(formatSpeed(n.doubleValue())));
    }

    /** SVG paths, not font glyphs: the bundled fonts have no ⏸, which rendered as an empty box. */
    static final String PLAY_PATH = "M0 0 L10 6 L0 12 Z";
    static final String PAUSE_PATH = "M0 0 H3.5 V12 H0 Z M6.5 0 H10 V12 H6.5 Z";

    private void showPlayGlyph(boolean playing) {
        javafx.scene.shape.SVGPath glyph = new javafx.scene.shape.SVGPath();
        glyph.setContent(playing ? PAUSE_PATH : PLAY_PATH);
        glyph.getStyleClass().add("transport-glyph");
        glyph.setId(playing ? "glyph-pause" : "glyph-play");
        play.setGraphic(glyph);
        play.setAccessibleText(playing ? "Pause" : "Play");
    }

    /** Shows {@code text} over the frames for about two seconds. */
    public void showToast(String text) {
        toast.setText(text);
        toastFade.stop();
        toastFade.getKeyFrames().setAll(
                new javafx.animation.KeyFrame(javafx.util.Duration.ZERO, new javafx.animation.KeyValue(toast.opacityProperty(), 1)),
                new javafx.animation.KeyFrame(javafx.util.Duration.millis(1400), new javafx.animation.KeyValue(toast.opacityProperty(), 1)),
                new javafx.animation.KeyFrame(javafx.util.Duration.millis(2000), new javafx.animation.KeyValue(toast.opacityProperty(), 0)));
        toast.setOpacity(1);
        toastFade.playFromStart();
    }

    public Label toast() {
        return toast;
    }

    static String formatSpeed(double s) {
        return (s == Math.rint(s) ? String.valueOf((int) s) : String.valueOf(s)) + "×  (" + (int) Math.round(20 * s) + " Hz)";
    }

    private void onStep() {
        int s = model.stepProperty().get();
        stepLabel.setText("step " + s + " / " + model.lastStepProperty().get());
        stepIsland.fit();
        timeline.setPlayhead(s);
        for (SignalChart p : signalPlots) {
            p.setPlayhead(s);
        }
    }

    private void rebuildCameras() {
        cameraPanes.clear();
        cameraRow.getChildren().clear();
        for (CameraInfo c : model.cameras()) {
            CameraPane pane = new CameraPane(c.name(), o -> model.setOrientation(c.name(), o));
            pane.setOrientation(model.orientations().getOrDefault(c.name(), io.vlastudio.dataset.Orientation.UPRIGHT));
            HBox.setHgrow(pane, Priority.ALWAYS);
            pane.setPrefWidth(400);
            cameraPanes.put(c.name(), pane);
            cameraRow.getChildren().add(pane);
            pane.show(model.frames().get(c.name()));
        }
        cameraArea.getChildren().setAll(model.cameras().isEmpty() ? placeholder : cameraRow);
        speedLabel.setText(formatSpeed(model.speedProperty().get()));
        onStep();
    }

    private void rebuildSignals(DemoSignals s) {
        if (s == null) {
            timeline.setDemo(0, new int[0], List.of());
            plots.getChildren().clear();
            signalPlots.clear();
            return;
        }
        timeline.setDemo(s.length(), s.noOpSteps(), s.gripperEvents());
        // charts are kept from demo to demo (building one costs far more than new data): same signal, same chart
        Map<String, SignalChart> old = new LinkedHashMap<>();
        for (SignalChart p : signalPlots) {
            old.put(p.signal().key(), p);
        }
        List<SignalChart> next = new ArrayList<>();
        for (DemoSignals.Signal signal : s.signals()) {
            SignalChart plot = old.remove(signal.key());
            if (plot != null) {
                plot.setSignal(signal);
            } else {
                plot = new SignalChart(signal);
                plot.setId("plot-" + signal.key().replace('/', '-'));
                plot.setOnSeek(model::seek);
                SignalChart p = plot;
                // zooming one plot's time axis zooms them all
                plot.timeAxis().minProperty().addListener(o -> syncTimeRange(p));
                plot.timeAxis().maxProperty().addListener(o -> syncTimeRange(p));
                plot.chart().getCanvas().localToSceneTransformProperty().addListener(o -> alignTimeline());
                plot.chart().getCanvas().widthProperty().addListener(o -> alignTimeline());
            }
            plot.setPlayhead(model.stepProperty().get());
            next.add(plot);
        }
        signalPlots.clear();
        signalPlots.addAll(next);
        if (!plots.getChildren().equals(next)) {
            plots.getChildren().setAll(next);
        }
        showTimeWindow();
        alignTimeline();
    }

    private boolean syncing;

    /** A plot zoomed with the mouse: the shared time window takes its range (and gives it to the others). */
    private void syncTimeRange(SignalChart source) {
        if (!syncing) {
            model.timeWindow().set(source.timeAxis().getMin(), source.timeAxis().getMax());
        }
    }

    /** The time window changed (a plot, a key, the playhead): every plot and the timeline show its range. */
    private void showTimeWindow() {
        TimeWindow.Range r = model.timeWindow().range();
        syncing = true;
        try {
            for (SignalChart p : signalPlots) {
                p.setTimeRange(r.from(), r.to());
            }
            timeline.setStepRange(r.from(), r.to());
        } finally {
            syncing = false;
        }
    }

    /**
     * Gives the timeline the plots' horizontal extent, so a step has the same x on the timeline and on every
     * plot whatever the vertical axis or a scroll bar takes (at full zoom; a zoomed plot shows part of it).
     */
    private void alignTimeline() {
        if (!signalPlots.isEmpty()) {
            timeline.alignPlotWith(signalPlots.get(0).chart().getCanvas());
        }
    }

    /** Adds a tab beside the signal plots (the overlay, tokenizer views…); returns it. */
    public Tab addLowerTab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setClosable(false);
        lowerTabs.getTabs().add(tab);
        return tab;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public List<SignalChart> signalPlots() {
        return List.copyOf(signalPlots);
    }

    public CameraPane cameraPane(String camera) {
        return cameraPanes.get(camera);
    }
}
