package io.vlastudio.app.viewer;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.function.DoubleToIntFunction;
import java.util.function.IntSupplier;

/**
 * The zoom controls of a {@link TimeWindow}: zoom out, a zoom slider (left: all steps, right: {@link TimeWindow#MIN_SPAN}
 * steps), zoom in, Fit, and the steps shown. Buttons and slider zoom around the playhead; Ctrl + wheel over a
 * timeline or plot zooms around the step under the pointer ({@link #installWheelZoom}).
 */
public final class TimeZoomBar extends HBox {

    private final TimeWindow window;
    private final Slider slider = new Slider(0, 1, 0);
    private final Label shown = new Label();
    private boolean updating;

    /**
     * @param window   the time window the bar drives
     * @param playhead the step zooms keep in place
     * @param idPrefix prefix of the controls' ids ({@code <prefix>-zoom-in}, {@code -zoom-out}, {@code -zoom-fit},
     *                 {@code -zoom-slider}, {@code -zoom-range})
     */
    public TimeZoomBar(TimeWindow window, IntSupplier playhead, String idPrefix) {
        super(4);
        this.window = window;
        getStyleClass().add("time-zoom-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label what = new Label("Zoom");
        what.getStyleClass().add("review-muted");
        what.setMinWidth(Region.USE_PREF_SIZE);
        Button out = button("−", idPrefix + "-zoom-out", "Zoom out (−; Ctrl + wheel over a plot or the timeline)",
                () -> window.zoomOut(playhead.getAsInt()));
        Button in = button("+", idPrefix + "-zoom-in", "Zoom in around the playhead (+; Ctrl + wheel over a plot or the "
                + "timeline zooms around the pointer)", () -> window.zoomIn(playhead.getAsInt()));
        Button fit = button("Fit", idPrefix + "-zoom-fit", "Show all steps (0; a double click on a plot does the same)",
                window::fit);
        slider.setId(idPrefix + "-zoom-slider");
        slider.setPrefWidth(110);
        slider.setMinWidth(60);
        slider.setFocusTraversable(false);
        slider.setTooltip(new Tooltip("Zoom the time axes: left shows every step, right " + (int) TimeWindow.MIN_SPAN
                + " steps; the range follows the playhead"));
        slider.valueProperty().addListener((o, a, v) -> {
            if (!updating) {
                window.setLevel(v.doubleValue(), playhead.getAsInt());
            }
        });
        shown.setId(idPrefix + "-zoom-range");
        shown.getStyleClass().add("review-muted");
        shown.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(what, out, slider, in, fit, shown);
        window.rangeProperty().addListener((o, a, r) -> update());
        update();
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void update() {
        updating = true;
        try {
            slider.setValue(window.level());
        } finally {
            updating = false;
        }
        TimeWindow.Range r = window.range();
        shown.setText(window.length() == 0 ? "" : window.isZoomed()
                ? ChartFormat.visibleSteps(r.from(), r.to(), window.length())
                : "all " + window.length() + " steps");
    }

    public Slider slider() {
        return slider;
    }

    /**
     * Ctrl + wheel over {@code node} zooms {@code window} around the step under the pointer ({@code stepAtSceneX});
     * a wheel without Ctrl is left to the node (a scroll pane scrolls).
     */
    public static void installWheelZoom(Node node, TimeWindow window, DoubleToIntFunction stepAtSceneX) {
        node.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (!e.isShortcutDown() || e.getDeltaY() == 0) {
                return;
            }
            int step = stepAtSceneX.applyAsInt(e.getSceneX());
            if (e.getDeltaY() > 0) {
                window.zoomIn(step);
            } else {
                window.zoomOut(step);
            }
            e.consume();
        });
    }
}
