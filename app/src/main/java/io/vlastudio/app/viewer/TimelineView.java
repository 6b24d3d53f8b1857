package io.vlastudio.app.viewer;

import io.vlastudio.dataset.stats.GripperEvent;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.List;

/**
 * A demo's timeline: one bar over all steps with the playhead, no-op steps (amber ticks), gripper events
 * (triangles: down = close, up = open), labelled segments, the trim range (outside it is shaded) and a verdict
 * colour along the bottom edge. Click or drag to seek.
 */
public final class TimelineView extends ResizableCanvas {

    /** A labelled range of steps, {@code start..end} inclusive. */
    public record Mark(int start, int end, String label) {
    }

    /**
     * A single-step mark drawn over the bar: a full-height line with a label (where a rollout started, say) or, with
     * {@code line} false, a small diamond along the bottom edge (a step where a prediction disagrees).
     */
    public record Tick(int step, Color colour, String label, boolean line) {
    }

    private int length;
    private List<Tick> ticks = List.of();
    private int[] noOps = new int[0];
    private List<GripperEvent> gripperEvents = List.of();
    private List<Mark> segments = List.of();
    private int trimIn = -1;
    private int trimOut = -1;
    private Color verdict;
    private int pendingSegmentStart = -1;
    private final javafx.scene.shape.Rectangle pendingBox = new javafx.scene.shape.Rectangle();

    public TimelineView() {
        pendingBox.setFill(Color.web("#c792ea", 0.25));
        pendingBox.setStroke(Color.web("#c792ea"));
        pendingBox.getStrokeDashArray().setAll(4.0, 3.0);
        pendingBox.setMouseTransparent(true);
        pendingBox.setManaged(false);
        pendingBox.setVisible(false);
        getChildren().add(pendingBox);
        playheadLine().setStrokeWidth(2);
        getStyleClass().add("timeline-view");
        setId("timeline");
        setPrefHeight(46);
        setMinHeight(46);
    }

    public void setDemo(int length, int[] noOps, List<GripperEvent> gripperEvents) {
        this.length = length;
        this.noOps = noOps.clone();
        this.gripperEvents = List.copyOf(gripperEvents);
        redraw();
    }

    public void setSegments(List<Mark> segments) {
        this.segments = List.copyOf(segments);
        redraw();
    }

    /** Single-step marks over the bar (rollout starts, disagreements); an empty list removes them. */
    public void setTicks(List<Tick> ticks) {
        this.ticks = List.copyOf(ticks);
        redraw();
    }

    public List<Tick> ticks() {
        return ticks;
    }

    /** Trim in/out (inclusive); -1 for none. */
    public void setTrim(int in, int out) {
        this.trimIn = in;
        this.trimOut = out;
        redraw();
    }

    /** Where an unfinished segment began (-1 for none); it is drawn up to the playhead. */
    public void setPendingSegmentStart(int step) {
        this.pendingSegmentStart = step;
        redrawPlayhead();
    }

    public void setVerdictColor(Color color) {
        this.verdict = color;
        redraw();
    }

    int[] noOps() {
        return noOps.clone();
    }

    @Override
    int steps() {
        return length;
    }

    @Override
    void paint(GraphicsContext g, double width, double height) {
        g.setFill(Color.web("#1b1e23"));
        g.fillRect(0, 0, width, height);
        if (length == 0) {
            return;
        }
        double top = 14;
        double bar = height - top - 8;
        g.setFill(Color.web("#2b3038"));
        g.fillRect(left(), top, plotWidth(), bar);
        double stepWidth = stepWidth();
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setFill(Color.web("#d8dde6"));
        g.setFont(Font.font(11));
        g.fillText("Timeline", 8, 4);
        g.setFont(Font.font(10));
        g.setFill(Color.web("#f4a261"));
        g.fillText("▮ no-op " + noOps.length, 8, 20);
        g.setFill(Color.web("#7bd389"));
        g.fillText("▼ close", 70, 20);
        g.setFill(Color.web("#ef5350"));
        g.fillText("▲ open", 110, 20);
        if (!ticks.isEmpty()) {
            g.setFill(Color.web("#d8dde6"));
            g.fillText("┃ rollout start  ◆ gripper ≠", 8, 32);
        }
        if (viewFrom() > 0 || viewTo() < length - 1) {
            // zoomed: which steps the bar shows
            g.setFill(Color.web("#9aa4b2"));
            g.fillText(zoomLabel(), 62, 5);
        }
        // marks outside the zoomed range stay out of the label column
        g.save();
        g.beginPath();
        g.rect(left(), 0, plotWidth() + 1, height);
        g.closePath();
        g.clip();
        for (int i = 0; i < segments.size(); i++) {
            Mark m = segments.get(i);
            double x0 = xOf(m.start());
            double x1 = xOf(m.end()) + stepWidth;
            g.setFill(SignalChart.PALETTE[i % SignalChart.PALETTE.length].deriveColor(0, 1, 1, 0.45));
            g.fillRect(x0, top, Math.max(2, x1 - x0), bar);
            g.setFill(Color.web("#d8dde6"));
            g.fillText(m.label(), x0 + 2, top + 2);
        }
        g.setFill(Color.web("#f4a261"));
        for (int s : noOps) {
            g.fillRect(xOf(s), top + bar - 7, Math.max(1.5, stepWidth), 7);
        }
        for (GripperEvent e : gripperEvents) {
            double x = xOf(e.step());
            g.setFill(e.kind() == GripperEvent.Kind.CLOSE ? Color.web("#7bd389") : Color.web("#ef5350"));
            if (e.kind() == GripperEvent.Kind.CLOSE) {
                g.fillPolygon(new double[] {x - 4, x + 4, x}, new double[] {2, 2, 10}, 3);
            } else {
                g.fillPolygon(new double[] {x - 4, x + 4, x}, new double[] {10, 10, 2}, 3);
            }
        }
        if (trimIn >= 0 || trimOut >= 0) {
            g.setFill(Color.rgb(0, 0, 0, 0.55));
            if (trimIn > 0) {
                g.fillRect(left(), top, xOf(trimIn) - left(), bar);
            }
            if (trimOut >= 0 && trimOut < length - 1) {
                double x = xOf(trimOut) + stepWidth;
                g.fillRect(x, top, left() + plotWidth() - x, bar);
            }
            g.setStroke(Color.web("#f4d35e"));
            g.setLineWidth(2);
            if (trimIn >= 0) {
                g.strokeLine(xOf(trimIn), top, xOf(trimIn), top + bar);
            }
            if (trimOut >= 0) {
                double x = xOf(trimOut) + stepWidth;
                g.strokeLine(x, top, x, top + bar);
            }
        }
        for (Tick t : ticks) {
            if (t.step() < viewFrom() - 1 || t.step() > viewTo() + 1) {
                continue; // outside the zoomed range (its label would show cut off at the edge)
            }
            double x = Math.round(xOf(t.step())) + 0.5;
            g.setFill(t.colour());
            g.setStroke(t.colour());
            if (t.line()) {
                g.setLineWidth(2);
                g.strokeLine(x, top, x, top + bar);
                if (!t.label().isEmpty()) {
                    g.fillText(t.label(), Math.min(x + 3, width - 60), top + 1);
                }
            } else {
                double y = top + bar - 4;
                g.fillPolygon(new double[] {x - 4, x, x + 4, x}, new double[] {y, y - 4, y, y + 4}, 4);
            }
        }
        if (verdict != null) {
            g.setFill(verdict);
            g.fillRect(left(), height - 5, plotWidth(), 4);
        }
        g.restore();
    }

    /** While zoomed, the steps the bar shows in the studio's range notation ({@code steps 40:81 of 120}); else empty. */
    public String zoomLabel() {
        if (length == 0 || (viewFrom() <= 0 && viewTo() >= length - 1)) {
            return "";
        }
        return ChartFormat.visibleSteps(viewFrom(), viewTo(), length);
    }

    @Override
    double[] playheadSpan(double height) {
        return new double[] {11, height - 5};
    }

    @Override
    void playheadMoved(double x) {
        boolean pending = pendingSegmentStart >= 0;
        pendingBox.setVisible(pending);
        if (pending) {
            double x0 = xOf(pendingSegmentStart);
            pendingBox.setX(Math.min(x0, x));
            pendingBox.setWidth(Math.max(2, Math.abs(x - x0)));
            pendingBox.setY(14);
            pendingBox.setHeight(Math.max(1, getHeight() - 22));
        }
    }
}
