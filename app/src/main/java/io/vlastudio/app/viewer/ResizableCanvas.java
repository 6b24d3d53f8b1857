package io.vlastudio.app.viewer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;

import java.util.function.IntConsumer;

/**
 * A pane holding two canvases that follow its size: the content (redrawn only when the data or the size
 * changes) and a transparent playhead layer on top (redrawn every step, a single line). A press or drag
 * reports the step under the pointer, so every timeline and plot seeks the same way.
 */
abstract class ResizableCanvas extends Pane {

    protected final Canvas canvas = new Canvas();
    /** The playhead is a node, not pixels: moving it repaints a thin strip, not the whole canvas. */
    private final Line playheadLine = new Line();
    private int playhead;
    private IntConsumer onSeek = step -> { };

    ResizableCanvas() {
        playheadLine.setStroke(javafx.scene.paint.Color.WHITE);
        playheadLine.setStrokeWidth(1.5);
        playheadLine.setMouseTransparent(true);
        playheadLine.setManaged(false);
        getChildren().addAll(canvas, playheadLine);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::seekTo);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::seekTo);
        setMinSize(0, 0);
    }

    public void setOnSeek(IntConsumer onSeek) {
        this.onSeek = onSeek;
    }

    private void seekTo(MouseEvent e) {
        int steps = steps();
        if (steps > 0) {
            onSeek.accept(stepAt(e.getX()));
        }
    }

    /**
     * The step under horizontal position {@code x} (a position left or right of the plot, while dragging, is a step
     * before or after the shown range: the time window then follows the playhead there).
     */
    int stepAt(double x) {
        int steps = steps();
        double w = plotWidth();
        double from = viewFrom();
        double f = (x - left()) / Math.max(1, w);
        long step = Math.round(from + f * (viewTo() - from));
        return (int) Math.max(0, Math.min(Math.max(0, steps - 1), step));
    }

    /** The horizontal position of {@code step}. */
    double xOf(double step) {
        double from = viewFrom();
        double span = viewTo() - from;
        return left() + (span <= 0 ? 0 : (step - from) / span * plotWidth());
    }

    /** Width of one step at the current zoom. */
    double stepWidth() {
        return Math.max(1, plotWidth() / Math.max(1, viewTo() - viewFrom() + 1));
    }

    private double rangeFrom = Double.NaN;
    private double rangeTo = Double.NaN;

    /** First step shown at the left edge of the plot: the zoom's, or 0. */
    double viewFrom() {
        return Double.isNaN(rangeFrom) ? 0 : rangeFrom;
    }

    /** Step shown at the right edge of the plot: the zoom's, or the last step. */
    double viewTo() {
        return Double.isNaN(rangeTo) ? Math.max(0, steps() - 1) : rangeTo;
    }

    /** Shows steps {@code from..to} (a {@link TimeWindow}'s range) instead of all of them. */
    public final void setStepRange(double from, double to) {
        if (from != rangeFrom || to != rangeTo) {
            rangeFrom = from;
            rangeTo = to;
            redraw();
        }
    }

    double plotWidth() {
        return Math.max(1, getWidth() - left() - right());
    }

    /** Width of the label column on the left; the same for every timeline and plot, so playheads line up. */
    static final double LABEL_COLUMN = 172;

    private double leftInset = LABEL_COLUMN;
    private double rightInset = 8;

    double left() {
        return leftInset;
    }

    double right() {
        return rightInset;
    }

    /** Where the step axis starts and how much room is left after it (the viewer aligns it with the plots). */
    public final void setPlotInsets(double left, double right) {
        if (left != leftInset || right != rightInset) {
            leftInset = left;
            rightInset = right;
            redraw();
        }
    }

    /**
     * Gives the step axis the horizontal extent of a chart's plot area ({@code plot}, the chart's canvas), so a step
     * has one x here and on the chart whatever the chart's vertical axis or a scroll bar takes. Does nothing until
     * both are laid out in a scene.
     */
    public final void alignPlotWith(Canvas plot) {
        if (getScene() == null || plot.getScene() == null || plot.getWidth() <= 1 || !plot.isVisible()) {
            return;
        }
        double left = sceneToLocal(plot.localToScene(0, 0)).getX();
        double right = getWidth() - sceneToLocal(plot.localToScene(plot.getWidth(), 0)).getX();
        if (left >= 0 && right >= 0 && left < getWidth()) {
            setPlotInsets(left, right);
        }
    }

    /** The step under scene x {@code sceneX} (clamped to the demo). */
    public final int stepAtSceneX(double sceneX) {
        return stepAt(sceneToLocal(sceneX, 0).getX());
    }

    /** The scene x of {@code step}, where the playhead is drawn for it. */
    public final double sceneXOf(double step) {
        return localToScene(xOf(step), 0).getX();
    }

    /** Number of steps along the horizontal axis. */
    abstract int steps();

    /** Draws the content (everything but the playhead). */
    abstract void paint(GraphicsContext g, double width, double height);

    /** Vertical extent of the playhead line: {top, bottom}; by default the whole height. */
    double[] playheadSpan(double height) {
        return new double[] {0, height};
    }

    /** Called after the playhead moved (subclasses with playhead-relative marks update them). */
    void playheadMoved(double x) {
    }

    /** Moves the playhead: only the thin top layer is redrawn. */
    public final void setPlayhead(int step) {
        if (step != playhead) {
            playhead = step;
            redrawPlayhead();
        }
    }

    final int playhead() {
        return playhead;
    }

    final void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (canvas.getWidth() > 0 && canvas.getHeight() > 0) {
            paint(g, canvas.getWidth(), canvas.getHeight());
        }
        redrawPlayhead();
    }

    void redrawPlayhead() {
        boolean show = steps() > 0 && getWidth() > 0 && playhead >= viewFrom() && playhead <= viewTo();
        playheadLine.setVisible(show);
        if (show) {
            double x = Math.round(xOf(playhead)) + 0.5;
            double[] span = playheadSpan(getHeight());
            playheadLine.setStartX(x);
            playheadLine.setEndX(x);
            playheadLine.setStartY(span[0]);
            playheadLine.setEndY(span[1]);
            playheadMoved(x);
        }
    }

    Line playheadLine() {
        return playheadLine;
    }
}
