package io.vlastudio.app.predictions;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.vlastudio.app.viewer.ChartFormat;
import io.vlastudio.app.viewer.SignalChart;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A small ChartFx line plot (ADR 0023) for what the viewer's signal charts cannot draw: series with their own x
 * values and NaN gaps (action chunks, each from its start step; error against rollout horizon). Optionally a playhead
 * and click-to-seek on a step axis. Styled like the signal charts (series colours {@code series-N}).
 */
final class LinePlot extends HBox {

    /** The colour index of the recorded (reference) line: drawn white and thicker. */
    static final int RECORDED = -1;

    /** One line: x and y values of equal length; a NaN y breaks the line. {@code colour} is a series-N index or {@link #RECORDED}. */
    record Series(String name, int colour, double[] xs, double[] ys) {
    }

    private final DefaultNumericAxis xAxis = new DefaultNumericAxis();
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis();
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final Line playheadLine = new Line();
    private final Pane overlay = new Pane(playheadLine);
    private final Label title = new Label();
    private final VBox column = new VBox(2, title);
    private final boolean stepAxis;
    private int playhead = -1;
    private IntConsumer onSeek;
    private List<Series> series = List.of();

    LinePlot(String titleText, String xName, String yName, boolean stepAxis, double height) {
        this.stepAxis = stepAxis;
        getStyleClass().addAll("signal-chart", "line-plot");
        xAxis.setSide(Side.BOTTOM);
        xAxis.setName(xName);
        xAxis.setUnit(null);
        xAxis.setAutoRanging(false);
        xAxis.setAutoRangeRounding(false);
        xAxis.setTickLabelFormatter(ChartFormat.stepTicks()); // steps, or steps since a rollout started
        yAxis.setSide(Side.LEFT);
        yAxis.setName(yName);
        yAxis.setUnit(null);
        yAxis.setAutoRanging(false);
        yAxis.setMinWidth(52);
        yAxis.setPrefWidth(52);
        yAxis.setMaxWidth(52);
        renderer.setDrawMarker(!stepAxis);
        SignalChart.plain(chart, renderer);
        chart.setMinSize(0, 0);
        chart.setPrefWidth(200);
        title.setText(titleText);
        title.getStyleClass().add("signal-title");
        title.setWrapText(true);
        column.getStyleClass().add("signal-column");
        column.setPadding(new Insets(4, 4, 4, 8));
        column.setMinWidth(120);
        column.setPrefWidth(120);
        column.setMaxWidth(120);
        playheadLine.getStyleClass().add("chart-playhead");
        playheadLine.setStrokeWidth(1.5);
        playheadLine.setManaged(false);
        playheadLine.setVisible(false);
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);
        StackPane holder = new StackPane(chart, overlay);
        holder.setMinWidth(0);
        HBox.setHgrow(holder, Priority.ALWAYS);
        getChildren().addAll(column, holder);
        setMinHeight(height);
        setPrefHeight(height);
        setMaxHeight(height);
        if (stepAxis) {
            chart.addEventFilter(MouseEvent.MOUSE_PRESSED, this::seek);
            chart.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::seek);
            xAxis.minProperty().addListener(o -> placePlayhead());
            xAxis.maxProperty().addListener(o -> placePlayhead());
            chart.getCanvas().widthProperty().addListener(o -> placePlayhead());
            chart.getCanvas().heightProperty().addListener(o -> placePlayhead());
            chart.getCanvas().localToSceneTransformProperty().addListener(o -> placePlayhead());
        }
    }

    /** Column under the title: a legend line per series, for instance. */
    void addToColumn(javafx.scene.Node n) {
        column.getChildren().add(n);
    }

    void setOnSeek(IntConsumer onSeek) {
        this.onSeek = onSeek;
    }

    /** Replaces the lines; the x range is {@code xMin..xMax}, the y range fits the data (at least {@code yMin..yMax}). */
    void setSeries(List<Series> next, double xMin, double xMax, double yMin, double yMax) {
        this.series = List.copyOf(next);
        List<DoubleDataSet> sets = new ArrayList<>();
        double lo = yMin;
        double hi = yMax;
        for (Series s : next) {
            DoubleDataSet d = new DoubleDataSet(s.name(), s.xs().length);
            d.set(s.xs(), s.ys(), s.xs().length, true);
            d.addStyleClasses(s.colour() == RECORDED ? "recorded" : "series-" + s.colour());
            sets.add(d);
            for (double y : s.ys()) {
                if (Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        renderer.getDatasets().setAll(sets);
        double pad = Math.max(1e-3, (hi - lo) * 0.06);
        xAxis.set(xMin, Math.max(xMin + 1, xMax));
        yAxis.set(lo - pad, hi + pad);
        xAxis.requestAxisLayout();
        yAxis.requestAxisLayout();
        chart.invalidate();
        placePlayhead();
    }

    List<Series> series() {
        return series;
    }

    /** Shows steps {@code from..to} on a step axis (the shared time window); {@link #setSeries} sets it back. */
    void setStepRange(double from, double to) {
        if (xAxis.getMin() != from || xAxis.getMax() != to) {
            xAxis.set(from, to);
            xAxis.requestAxisLayout();
            chart.invalidate();
        }
    }

    /** The step under scene x (for zooming around the pointer). */
    int stepAtSceneX(double sceneX) {
        double v = xAxis.getValueForDisplay(chart.getCanvas().sceneToLocal(sceneX, 0).getX());
        return Double.isFinite(v) ? (int) Math.round(v) : 0;
    }

    void setPlayhead(int step) {
        playhead = step;
        placePlayhead();
    }

    XYChart chart() {
        return chart;
    }

    private void seek(MouseEvent e) {
        if (onSeek == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double x = chart.getCanvas().sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
        double v = xAxis.getValueForDisplay(x);
        if (Double.isFinite(v)) {
            onSeek.accept((int) Math.max(xAxis.getMin(), Math.min(xAxis.getMax(), Math.round(v))));
        }
    }

    private void placePlayhead() {
        SignalChart.placePlayhead(playheadLine, overlay, chart, xAxis, stepAxis ? playhead : -1);
    }
}
