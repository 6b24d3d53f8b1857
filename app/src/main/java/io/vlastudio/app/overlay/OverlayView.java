package io.vlastudio.app.overlay;

import io.vlastudio.app.library.DemoItem;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Draws every demo of the current task for one signal; the demo on screen is highlighted. Click a curve to
 * open that demo at that step.
 */
public final class OverlayView extends VBox {

    private static final double LEFT = 56;
    private static final double PAD = 10;

    private final OverlayViewModel model;
    private final ObservableValue<DemoItem> current;
    private final Canvas canvas = new Canvas();
    private final Pane canvasPane = new Pane(canvas);
    private final Label info = new Label();
    private double min;
    private double max;
    private double domain;

    public OverlayView(OverlayViewModel model, ObservableValue<DemoItem> current) {
        this.model = model;
        this.current = current;
        setId("overlay");
        getStyleClass().add("overlay-view");
        ChoiceBox<OverlayViewModel.Choice> choice = new ChoiceBox<>();
        choice.setId("overlay-signal");
        choice.getItems().setAll(OverlayViewModel.CHOICES);
        choice.valueProperty().bindBidirectional(model.choiceProperty());
        choice.setFocusTraversable(false);
        ToggleGroup group = new ToggleGroup();
        ToggleButton time = new ToggleButton("time");
        time.setId("overlay-time");
        ToggleButton progress = new ToggleButton("progress");
        progress.setId("overlay-progress");
        time.setToggleGroup(group);
        progress.setToggleGroup(group);
        time.setFocusTraversable(false);
        progress.setFocusTraversable(false);
        time.setTooltip(new Tooltip("x = step"));
        progress.setTooltip(new Tooltip("x = share of each demo done (0 … 1)"));
        (model.alignmentProperty().get() == OverlayViewModel.Alignment.TIME ? time : progress).setSelected(true);
        group.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null) {
                o.setSelected(true);
                return;
            }
            model.alignmentProperty().set(n == time ? OverlayViewModel.Alignment.TIME : OverlayViewModel.Alignment.PROGRESS);
        });
        info.getStyleClass().add("overlay-info");
        Label title = new Label("Every demo of this task:");
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {title, choice, time, progress}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, title, choice, time, progress, info);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("overlay-bar");
        canvas.widthProperty().bind(canvasPane.widthProperty());
        canvas.heightProperty().bind(canvasPane.heightProperty());
        canvasPane.setMinSize(0, 0);
        canvasPane.setPrefHeight(260);
        VBox.setVgrow(canvasPane, Priority.ALWAYS);
        getChildren().addAll(bar, canvasPane);
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        model.overlayProperty().addListener((obs, o, n) -> redraw());
        model.alignmentProperty().addListener((obs, o, n) -> redraw());
        current.addListener((obs, o, n) -> redraw());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> model.open(hitAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            OverlayViewModel.Hit hit = hitAt(e.getX(), e.getY());
            info.setText(hit == null ? "" : hit.item().summary().name() + " · step " + hit.step() + " (click to open)");
        });
    }

    /** The curve under a canvas point (8 px tolerance), or null. */
    public OverlayViewModel.Hit hitAt(double x, double y) {
        double w = canvas.getWidth() - LEFT - PAD;
        double h = canvas.getHeight() - 2 * PAD;
        if (w <= 0 || h <= 0 || max <= min) {
            return null;
        }
        double dx = (x - LEFT) / w * domain;
        double value = max - (y - PAD) / h * (max - min);
        return model.nearest(dx, value, 8 / h * (max - min));
    }

    /** The canvas point of a step of a curve (for tests). */
    public double[] pointOf(OverlayViewModel.Curve curve, int step) {
        double w = canvas.getWidth() - LEFT - PAD;
        double h = canvas.getHeight() - 2 * PAD;
        double x = model.alignmentProperty().get() == OverlayViewModel.Alignment.TIME ? step
                : (double) step / Math.max(1, curve.values().length - 1);
        return new double[] {LEFT + x / domain * w, PAD + (max - curve.values()[step]) / (max - min) * h};
    }

    public Canvas canvas() {
        return canvas;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        g.setFill(Color.web("#1b1e23"));
        g.fillRect(0, 0, width, height);
        OverlayViewModel.Overlay o = model.overlayProperty().get();
        if (o == null || o.curves().isEmpty()) {
            info.setText(o == null ? "" : "no demo of this task has that signal");
            return;
        }
        boolean time = model.alignmentProperty().get() == OverlayViewModel.Alignment.TIME;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        int longest = 1;
        for (OverlayViewModel.Curve c : o.curves()) {
            longest = Math.max(longest, c.values().length);
            for (double v : c.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(max > min)) {
            min -= 1;
            max += 1;
        }
        domain = time ? longest - 1 : 1.0;
        double w = width - LEFT - PAD;
        double h = height - 2 * PAD;
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.web("#8b94a3"));
        g.fillText(String.format("%.3g", max), 4, PAD);
        g.fillText(String.format("%.3g", min), 4, PAD + h);
        g.fillText(time ? "step 0 … " + (longest - 1) : "progress 0 … 1", LEFT, height - 4);
        DemoItem here = current.getValue();
        OverlayViewModel.Curve highlighted = null;
        for (OverlayViewModel.Curve c : o.curves()) {
            if (c.item().equals(here)) {
                highlighted = c;
                continue;
            }
            draw(g, c, time, w, h, Color.web("#5aa9e6", 0.45), 1);
        }
        if (highlighted != null) {
            draw(g, highlighted, time, w, h, Color.web("#f4d35e"), 2.2);
        }
    }

    private void draw(GraphicsContext g, OverlayViewModel.Curve c, boolean time, double w, double h, Color color, double width) {
        double[] v = c.values();
        g.setStroke(color);
        g.setLineWidth(width);
        g.beginPath();
        boolean pen = false;
        for (int t = 0; t < v.length; t++) {
            if (!Double.isFinite(v[t])) {
                pen = false;
                continue;
            }
            double xv = time ? t : (double) t / Math.max(1, v.length - 1);
            double x = LEFT + xv / domain * w;
            double y = PAD + (max - v[t]) / (max - min) * h;
            if (pen) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                pen = true;
            }
        }
        g.stroke();
    }
}
