package io.vlastudio.app.viewer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;

import java.util.function.IntConsumer;

/**
 * A pane holding a canvas that follows its size and redraws on demand; a press or drag reports the step
 * under the pointer, so every timeline and plot seeks the same way.
 */
abstract class ResizableCanvas extends Pane {

    protected final Canvas canvas = new Canvas();
    private IntConsumer onSeek = step -> { };
    private boolean dirty = true;

    ResizableCanvas() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::seekTo);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::seekTo);
        setMinSize(0, 0);
    }

    void setOnSeek(IntConsumer onSeek) {
        this.onSeek = onSeek;
    }

    private void seekTo(MouseEvent e) {
        int steps = steps();
        if (steps > 0) {
            onSeek.accept(stepAt(e.getX()));
        }
    }

    /** The step under horizontal position {@code x}. */
    int stepAt(double x) {
        int steps = steps();
        double w = plotWidth();
        double f = Math.max(0, Math.min(1, (x - left()) / Math.max(1, w)));
        return (int) Math.round(f * Math.max(0, steps - 1));
    }

    /** The horizontal position of {@code step}. */
    double xOf(double step) {
        int steps = steps();
        return left() + (steps <= 1 ? 0 : step / (steps - 1) * plotWidth());
    }

    double plotWidth() {
        return Math.max(1, getWidth() - left() - right());
    }

    /** Width of the label column on the left; the same for every timeline and plot, so playheads line up. */
    static final double LABEL_COLUMN = 150;

    double left() {
        return LABEL_COLUMN;
    }

    double right() {
        return 8;
    }

    /** Number of steps along the horizontal axis. */
    abstract int steps();

    /** Draws everything. */
    abstract void paint(GraphicsContext g, double width, double height);

    final void redraw() {
        dirty = false;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (canvas.getWidth() > 0 && canvas.getHeight() > 0) {
            paint(g, canvas.getWidth(), canvas.getHeight());
        }
    }

    boolean isDirty() {
        return dirty;
    }

    void markDirty() {
        dirty = true;
    }
}
