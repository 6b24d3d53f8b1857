package io.vlastudio.app.viewer;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisMode;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One signal of a demo drawn by ChartFx ({@link XYChart}, see ADR 0023): step on the horizontal axis with
 * ticks, the signal's unit on the vertical one, one line per dimension. The column on the left toggles each
 * dimension and shows its value at the playhead; hovering shows the values under the pointer. The time axis
 * zooms (Ctrl + drag a box, Ctrl + wheel; right click steps back, double click shows all), a click or drag
 * seeks, and "fit each" scales every dimension to its own range (the readouts keep the real values).
 */
public final class SignalChart extends HBox {

    /** Series colours, shared with the timeline's segment marks. */
    public static final Color[] PALETTE = {
        Color.web("#5aa9e6"), Color.web("#ff8c69"), Color.web("#7bd389"), Color.web("#f4d35e"),
        Color.web("#c792ea"), Color.web("#4dd0e1"), Color.web("#ef5350"), Color.web("#b0bec5")
    };
    /** Width of the vertical axis: the same for every chart, so every plot area starts at the same x. */
    static final double Y_AXIS_WIDTH = 52;
    /** Width of the toggle column: with the axis it fills the timeline's label column. */
    static final double COLUMN_WIDTH = ResizableCanvas.LABEL_COLUMN - Y_AXIS_WIDTH;

    private DemoSignals.Signal signal;
    private String unit;
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis();
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis();
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final List<DoubleDataSet> sets = new ArrayList<>();
    private final List<CheckBox> toggles = new ArrayList<>();
    private final CheckBox fitEach = new CheckBox("fit each");
    private final Zoomer zoomer = new Zoomer(AxisMode.X);
    private final Line playheadLine = new Line();
    private final Label hover = new Label();
    private final Pane overlay = new Pane(playheadLine, hover);
    private final Label title = new Label();
    private final VBox column = new VBox(1, title);
    private final LayoutIsland columnIsland = new LayoutIsland(column, COLUMN_WIDTH, false);
    private double[] xs = new double[0];
    private double[][] lo = new double[2][0];
    private int playhead;
    private IntConsumer onSeek = s -> { };

    public SignalChart(DemoSignals.Signal signal) {
        getStyleClass().add("signal-chart");
        xAxis.setSide(Side.BOTTOM);
        xAxis.setName("step");
        xAxis.setUnit(null);
        xAxis.setAutoRanging(false);
        xAxis.setAutoRangeRounding(false);
        xAxis.setTickLabelFormatter(ChartFormat.stepTicks());
        yAxis.setSide(Side.LEFT);
        yAxis.setUnit(null);
        yAxis.setAutoRanging(false);
        yAxis.setMinWidth(Y_AXIS_WIDTH);
        yAxis.setPrefWidth(Y_AXIS_WIDTH);
        yAxis.setMaxWidth(Y_AXIS_WIDTH);
        renderer.setDrawMarker(false);
        plain(chart, renderer);
        chart.setMinHeight(0);
        chart.setMinWidth(0);
        chart.setPrefWidth(200);

        zoomer.setSliderVisible(false);
        zoomer.setAnimated(false);
        zoomer.setPannerEnabled(true);
        zoomer.setZoomInMouseFilter(e -> e.getButton() == MouseButton.PRIMARY && e.isShortcutDown());
        zoomer.setZoomScrollFilter(e -> e.isShortcutDown());
        zoomer.setAutoZoomEnabled(false);
        chart.getPlugins().add(zoomer);

        title.getStyleClass().add("signal-title");
        title.setWrapText(true);
        column.getStyleClass().add("signal-column");
        column.setPadding(new Insets(4, 4, 4, 8));
        column.setMinWidth(COLUMN_WIDTH);
        column.setPrefWidth(COLUMN_WIDTH);
        column.setMaxWidth(COLUMN_WIDTH);
        // the readouts change on every step: their layout stays inside the column (see LayoutIsland)
        columnIsland.setMinHeight(0);
        fitEach.getStyleClass().add("fit-each");
        fitEach.setTooltip(new Tooltip("Scale every dimension to its own range (readouts keep the real values)"));
        fitEach.selectedProperty().addListener((o, a, b) -> applyVisibility());

        playheadLine.setStroke(Color.WHITE);
        playheadLine.setStrokeWidth(1.5);
        playheadLine.setManaged(false);
        playheadLine.getStyleClass().add("chart-playhead");
        hover.getStyleClass().add("chart-hover");
        hover.setManaged(false);
        hover.setVisible(false);
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);
        StackPane holder = new StackPane(chart, overlay);
        holder.setMinWidth(0);
        HBox.setHgrow(holder, Priority.ALWAYS);
        getChildren().addAll(columnIsland, holder);
        setAlignment(Pos.TOP_LEFT);
        setFillHeight(true);

        chart.addEventFilter(MouseEvent.MOUSE_PRESSED, this::seekTo);
        chart.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::seekTo);
        chart.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                showAllSteps();
            }
        });
        chart.addEventFilter(MouseEvent.MOUSE_MOVED, this::hoverAt);
        chart.addEventFilter(MouseEvent.MOUSE_EXITED, e -> hover.setVisible(false));
        xAxis.minProperty().addListener(o -> placePlayhead());
        xAxis.maxProperty().addListener(o -> placePlayhead());
        chart.getCanvas().widthProperty().addListener(o -> placePlayhead());
        chart.getCanvas().heightProperty().addListener(o -> placePlayhead());
        chart.getCanvas().localToSceneTransformProperty().addListener(o -> placePlayhead());
        overlay.localToSceneTransformProperty().addListener(o -> placePlayhead());
        setSignal(signal);
    }

    /**
     * Shows another demo's signal. The chart, its axes and plug-ins are kept (building them is what costs); a signal
     * with the same dimensions keeps the user's toggles and "fit each".
     */
    public void setSignal(DemoSignals.Signal next) {
        boolean same = signal != null && signal.key().equals(next.key()) && signal.dimensions().equals(next.dimensions());
        this.signal = next;
        this.unit = unitOf(next.key());
        int steps = next.values().length;
        int dims = next.dimensions().size();
        xs = new double[steps];
        for (int t = 0; t < steps; t++) {
            xs[t] = t;
        }
        lo = new double[2][dims];
        double[][] v = next.values();
        for (int d = 0; d < dims; d++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < steps; t++) {
                double y = v[t][d];
                if (Double.isFinite(y)) {
                    mn = Math.min(mn, y);
                    mx = Math.max(mx, y);
                }
            }
            lo[0][d] = Double.isFinite(mn) ? mn : 0;
            lo[1][d] = Double.isFinite(mx) ? mx : 0;
        }
        title.setText(next.title() + " (" + unit + ")");
        if (!same) {
            title.setTooltip(new Tooltip(next.title() + " (" + next.key() + "), " + unitName(unit)));
            double h = dims > 3 ? 160 : 118;
            setMinHeight(h);
            setPrefHeight(h);
            setMaxHeight(h);
            sets.clear();
            toggles.clear();
            column.getChildren().setAll(title);
            for (int d = 0; d < dims; d++) {
                DoubleDataSet set = new DoubleDataSet(next.dimensions().get(d), xs.length);
                set.addStyleClasses("series-" + (d % PALETTE.length));
                sets.add(set);
                CheckBox toggle = SteadyText.checkBox(""); // its text is the readout, new on every step
                toggle.setSelected(true);
                toggle.getStyleClass().add("series-toggle");
                toggle.setId("toggle-" + next.dimensions().get(d).replace(' ', '-'));
                toggle.setTextFill(PALETTE[d % PALETTE.length]);
                toggle.selectedProperty().addListener((o, a, b) -> applyVisibility());
                toggles.add(toggle);
                column.getChildren().add(toggle);
            }
            if (dims > 1) {
                column.getChildren().add(fitEach);
            }
        }
        zoomer.zoomStackDeque().clear();
        xAxis.set(0, Math.max(1, steps - 1));
        xAxis.requestAxisLayout();
        applyVisibility();
        setPlayhead(Math.min(playhead, Math.max(0, steps - 1)));
    }

    static String unitOf(String key) {
        if (key.equals("psnr")) {
            return "dB";
        }
        if (key.equals("ssim")) {
            return "0…1";
        }
        if (key.equals("actions")) {
            return "norm.";
        }
        if (key.contains("joint")) {
            return "rad";
        }
        return "m";
    }

    private static String unitName(String unit) {
        return switch (unit) {
            case "norm." -> "normalised action (−1…1)";
            case "rad" -> "radians";
            case "dB" -> "decibels (higher is closer)";
            case "0…1" -> "structural similarity, 1 = identical";
            default -> "metres";
        };
    }

    public DemoSignals.Signal signal() {
        return signal;
    }

    public XYChart chart() {
        return chart;
    }

    public DefaultNumericAxis timeAxis() {
        return xAxis;
    }

    public DefaultNumericAxis valueAxis() {
        return yAxis;
    }

    public List<CheckBox> toggles() {
        return List.copyOf(toggles);
    }

    public CheckBox fitEach() {
        return fitEach;
    }

    public Line playheadLine() {
        return playheadLine;
    }

    public Label hoverReadout() {
        return hover;
    }

    /** What a click or drag on the plot does with the step under the pointer. */
    public void setOnSeek(IntConsumer onSeek) {
        this.onSeek = onSeek;
    }

    /** Shows the whole demo on the time axis. */
    public void showAllSteps() {
        zoomer.zoomStackDeque().clear();
        setTimeRange(0, Math.max(1, steps() - 1));
    }

    /** Shows steps {@code from..to} on the time axis (the other plots follow through the viewer). */
    public void setTimeRange(double from, double to) {
        if (xAxis.getMin() != from || xAxis.getMax() != to) {
            xAxis.set(from, to);
            xAxis.requestAxisLayout();
            chart.invalidate();
        }
    }

    int steps() {
        return xs.length;
    }

    /** The dimensions shown (toggles ticked). */
    public List<String> shownDimensions() {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < toggles.size(); d++) {
            if (toggles.get(d).isSelected()) {
                out.add(signal.dimensions().get(d));
            }
        }
        return out;
    }

    private void applyVisibility() {
        double[][] v = signal.values();
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        boolean fit = fitEach.isSelected();
        List<DoubleDataSet> shown = new ArrayList<>();
        for (int d = 0; d < sets.size(); d++) {
            if (!toggles.get(d).isSelected()) {
                continue;
            }
            DoubleDataSet set = sets.get(d);
            double[] ys = new double[xs.length];
            double span = lo[1][d] - lo[0][d];
            for (int t = 0; t < xs.length; t++) {
                double y = v[t][d];
                ys[t] = fit ? (span > 0 ? (y - lo[0][d]) / span : 0.5) : y;
            }
            set.set(xs, ys, xs.length, false);
            shown.add(set);
            mn = Math.min(mn, fit ? 0 : lo[0][d]);
            mx = Math.max(mx, fit ? 1 : lo[1][d]);
        }
        renderer.getDatasets().setAll(shown);
        if (!Double.isFinite(mn)) {
            mn = -1;
            mx = 1;
        }
        if (signal.key().equals("actions") && !fit) {
            // LIBERO actions are normalised to [-1, 1]: show that frame unless the data leaves it
            mn = Math.min(mn, -1);
            mx = Math.max(mx, 1);
        }
        double pad = (mx - mn) * 0.06;
        if (!(pad > 0)) {
            pad = Math.max(1e-3, Math.abs(mn) * 0.05);
        }
        yAxis.setName(fit ? "fraction" : unit);
        yAxis.set(mn - pad, mx + pad);
        yAxis.requestAxisLayout();
        chart.invalidate();
        updateReadouts();
    }

    /** Moves the playhead and the readouts to {@code step}. */
    public void setPlayhead(int step) {
        playhead = step;
        placePlayhead();
        updateReadouts();
    }

    public int playhead() {
        return playhead;
    }

    private void updateReadouts() {
        double[][] v = signal.values();
        for (int d = 0; d < toggles.size(); d++) {
            String text = signal.dimensions().get(d);
            if (playhead >= 0 && playhead < v.length) {
                text = pad(text) + ChartFormat.value(v[playhead][d]);
            }
            toggles.get(d).setText(text);
        }
    }

    private static String pad(String s) {
        return s.length() >= 4 ? s + " " : (s + "    ").substring(0, 4) + " ";
    }

    /** The scene x of {@code step} on this chart's time axis. */
    public double sceneXOf(double step) {
        return chart.getCanvas().localToScene(xAxis.getDisplayPosition(step), 0).getX();
    }

    /** The step under scene x (clamped to the demo). */
    int stepAtSceneX(double sceneX) {
        double x = chart.getCanvas().sceneToLocal(sceneX, 0).getX();
        double value = xAxis.getValueForDisplay(x);
        return (int) Math.max(0, Math.min(steps() - 1, Math.round(value)));
    }

    private boolean overPlot(MouseEvent e) {
        Point2D p = chart.getCanvas().sceneToLocal(e.getSceneX(), e.getSceneY());
        return p.getX() >= 0 && p.getY() >= 0 && p.getX() <= chart.getCanvas().getWidth()
                && p.getY() <= chart.getCanvas().getHeight();
    }

    private void seekTo(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || e.isShortcutDown() || steps() == 0) {
            return;
        }
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED && !overPlot(e)) {
            return;
        }
        onSeek.accept(stepAtSceneX(e.getSceneX()));
    }

    private void hoverAt(MouseEvent e) {
        if (steps() == 0 || !overPlot(e)) {
            hover.setVisible(false);
            return;
        }
        int step = stepAtSceneX(e.getSceneX());
        hover.setText(hoverText(step));
        Point2D p = overlay.sceneToLocal(e.getSceneX(), e.getSceneY());
        hover.autosize();
        double x = p.getX() + 14;
        if (x + hover.getWidth() > overlay.getWidth()) {
            x = p.getX() - 14 - hover.getWidth();
        }
        hover.relocate(Math.max(0, x), Math.max(0, Math.min(p.getY() - hover.getHeight() / 2, overlay.getHeight() - hover.getHeight())));
        hover.setVisible(true);
    }

    /** The values under the pointer: the step, then each shown dimension with its unit. */
    public String hoverText(int step) {
        StringBuilder b = new StringBuilder("step ").append(step);
        double[][] v = signal.values();
        for (int d = 0; d < toggles.size(); d++) {
            if (toggles.get(d).isSelected() && step < v.length) {
                b.append('\n').append(signal.dimensions().get(d)).append("  ").append(ChartFormat.value(v[step][d]))
                        .append(' ').append(unit);
            }
        }
        return b.toString();
    }

    private void placePlayhead() {
        placePlayhead(playheadLine, overlay, chart, xAxis, steps() > 0 ? playhead : -1);
    }

    /**
     * Sets up {@code chart} as the studio draws its plots: {@code renderer} alone, polylines without error bars or
     * bars, NaN as a gap, no legend, no animation, no tool bar (markers are the caller's choice).
     */
    public static void plain(XYChart chart, ErrorDataSetRenderer renderer) {
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawBars(false);
        renderer.setAllowNaNs(true);
        chart.getRenderers().setAll(renderer);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setToolBarPinned(false);
        chart.getToolBar().setVisible(false);
        chart.getToolBar().setManaged(false);
    }

    /**
     * Puts a chart's playhead {@code line} (a child of {@code overlay}, laid over the chart) at {@code step} on the
     * chart's x axis, on a whole device pixel and over the plot area's height; hides it for a negative step, a step
     * outside the axis's range, or a chart not laid out yet. Moving a line repaints a thin strip, not the chart.
     */
    public static void placePlayhead(Line line, Pane overlay, XYChart chart, DefaultNumericAxis xAxis, double step) {
        var canvas = chart.getCanvas();
        boolean show = step >= 0 && canvas.getWidth() > 0 && step >= xAxis.getMin() && step <= xAxis.getMax();
        line.setVisible(show);
        if (!show) {
            return;
        }
        Point2D top = overlay.sceneToLocal(canvas.localToScene(xAxis.getDisplayPosition(step), 0));
        Point2D bottom = overlay.sceneToLocal(canvas.localToScene(0, canvas.getHeight()));
        double x = Math.round(top.getX()) + 0.5;
        line.setStartX(x);
        line.setEndX(x);
        line.setStartY(top.getY());
        line.setEndY(bottom.getY());
    }
}
