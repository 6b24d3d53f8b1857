package io.vlastudio.app.viewer;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * A line plot of one signal's dimensions over a demo's steps, with the playhead; click or drag to seek. Long
 * demos are drawn as a per-pixel min/max envelope, so drawing cost depends on the width, not the length.
 */
public final class SignalPlot extends ResizableCanvas {

    static final Color[] PALETTE = {
        Color.web("#5aa9e6"), Color.web("#ff8c69"), Color.web("#7bd389"), Color.web("#f4d35e"),
        Color.web("#c792ea"), Color.web("#4dd0e1"), Color.web("#ef5350"), Color.web("#b0bec5")
    };

    private DemoSignals.Signal signal;
    private double min;
    private double max;

    public SignalPlot() {
        getStyleClass().add("signal-plot");
        setPrefHeight(110);
    }

    /** Shows a signal (null clears the plot). */
    public void setSignal(DemoSignals.Signal signal) {
        this.signal = signal;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        if (signal != null) {
            for (double[] row : signal.values()) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (!(max > min)) {
            min = (Double.isFinite(min) ? min : 0) - 1;
            max = min + 2;
        }
        redraw();
    }

    public DemoSignals.Signal signal() {
        return signal;
    }

    @Override
    int steps() {
        return signal == null ? 0 : signal.values().length;
    }

    double yOf(double v, double top, double height) {
        return top + (max - v) / (max - min) * height;
    }

    @Override
    void paint(GraphicsContext g, double width, double height) {
        g.setFill(Color.web("#1b1e23"));
        g.fillRect(0, 0, width, height);
        if (signal == null) {
            return;
        }
        double top = 6;
        double h = Math.max(1, height - 12);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.web("#d8dde6"));
        g.fillText(signal.title(), 8, 6);
        g.setFill(Color.web("#8b94a3"));
        g.fillText(String.format("%.3g … %.3g", min, max), 8, 22);
        List<String> dims = signal.dimensions();
        double lx = 8;
        double ly = 40;
        for (int d = 0; d < dims.size(); d++) {
            double w = dims.get(d).length() * 6.2 + 8;
            if (lx + w > left() - 6 && lx > 8) {
                lx = 8;
                ly += 14;
            }
            g.setFill(PALETTE[d % PALETTE.length]);
            g.fillText(dims.get(d), lx, ly);
            lx += w;
        }
        if (min < 0 && max > 0) {
            g.setStroke(Color.web("#363b44"));
            g.setLineWidth(1);
            double y0 = yOf(0, top, h);
            g.strokeLine(left(), y0, width - right(), y0);
        }
        double[][] v = signal.values();
        int steps = v.length;
        int columns = (int) Math.ceil(plotWidth());
        g.setLineWidth(1.2);
        for (int d = 0; d < dims.size(); d++) {
            g.setStroke(PALETTE[d % PALETTE.length]);
            if (steps <= columns) {
                g.beginPath();
                boolean pen = false;
                for (int t = 0; t < steps; t++) {
                    double value = v[t][d];
                    if (!Double.isFinite(value)) {
                        pen = false;
                        continue;
                    }
                    double x = xOf(t);
                    double y = yOf(value, top, h);
                    if (pen) {
                        g.lineTo(x, y);
                    } else {
                        g.moveTo(x, y);
                        pen = true;
                    }
                }
                g.stroke();
            } else {
                for (int c = 0; c < columns; c++) {
                    int from = (int) ((long) c * steps / columns);
                    int to = (int) Math.max(from + 1, (long) (c + 1) * steps / columns);
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int t = from; t < to && t < steps; t++) {
                        double value = v[t][d];
                        if (Double.isFinite(value)) {
                            lo = Math.min(lo, value);
                            hi = Math.max(hi, value);
                        }
                    }
                    if (lo <= hi) {
                        double x = left() + c + 0.5;
                        g.strokeLine(x, yOf(hi, top, h), x, yOf(lo, top, h) + 0.5);
                    }
                }
            }
        }
    }
}
