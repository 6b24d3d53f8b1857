package io.vlastudio.app.viewer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The steps the time axes show: one zoom for the viewer's plots and timeline and every step-axis chart of a window on
 * the viewer's clock (the Predictions view). The viewer's model owns one; the charts and timelines show its
 * {@link #rangeProperty() range} and write back what the user zooms with the mouse (Ctrl + wheel, Ctrl + drag a box,
 * a double click shows all), the zoom keys and the zoom bar. When the playhead leaves the range (playing, stepping,
 * scrubbing past an edge) the range pages to keep it in view, at the same zoom.
 */
public final class TimeWindow {

    /** The visible steps, {@code from..to} on the axes (inclusive, fractional while a box zoom is under way). */
    public record Range(double from, double to) {

        public double span() {
            return to - from;
        }

        public boolean contains(double step) {
            return step >= from && step <= to;
        }
    }

    /** The fewest steps a zoom shows (fewer when the demo is shorter). */
    public static final double MIN_SPAN = 4;
    /** How much one zoom key press, wheel notch or button click zooms. */
    public static final double STEP_FACTOR = 1.5;
    /** When paging after the playhead, how far into the new range it lands (share of the span from the edge it entered). */
    static final double FOLLOW_MARGIN = 0.1;

    private final ReadOnlyObjectWrapper<Range> range = new ReadOnlyObjectWrapper<>(new Range(0, 1));
    private int length;

    /** A new demo of {@code steps} steps: all of it is shown. */
    public void setLength(int steps) {
        length = Math.max(0, steps);
        fit();
    }

    public int length() {
        return length;
    }

    /** The whole demo: steps {@code 0..length-1} (at least {@code 0..1}, as the charts show an empty demo). */
    public Range full() {
        return new Range(0, Math.max(1, length - 1));
    }

    public ReadOnlyObjectProperty<Range> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    public Range range() {
        return range.get();
    }

    /** Shows all steps. */
    public void fit() {
        range.set(full());
    }

    public boolean isZoomed() {
        Range r = range.get();
        Range f = full();
        return r.from() > f.from() || r.to() < f.to();
    }

    /** Shows {@code from..to}, kept inside the demo and no narrower than {@link #MIN_SPAN} steps. */
    public void set(double from, double to) {
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            return;
        }
        Range f = full();
        double span = Math.max(Math.min(MIN_SPAN, f.span()), Math.min(f.span(), Math.abs(to - from)));
        double start = Math.max(f.from(), Math.min(f.to() - span, Math.min(from, to)));
        Range next = new Range(start, start + span);
        if (!next.equals(range.get())) {
            range.set(next);
        }
    }

    /** Zooms by {@code factor} (below 1: in) keeping {@code centre} where it is on the axis. */
    public void zoomBy(double factor, double centre) {
        Range r = range.get();
        double c = Double.isFinite(centre) ? Math.max(r.from(), Math.min(r.to(), centre)) : (r.from() + r.to()) / 2;
        double share = r.span() > 0 ? (c - r.from()) / r.span() : 0.5;
        double span = r.span() * factor;
        set(c - share * span, c - share * span + span);
    }

    /** One zoom step in, around {@code centre} (the playhead, or the step under the pointer). */
    public void zoomIn(double centre) {
        zoomBy(1 / STEP_FACTOR, centre);
    }

    /** One zoom step out, around {@code centre}. */
    public void zoomOut(double centre) {
        zoomBy(STEP_FACTOR, centre);
    }

    /**
     * The zoom as a slider position: 0 = the whole demo, 1 = {@link #MIN_SPAN} steps, logarithmic in between (each
     * zoom step moves it by the same amount).
     */
    public double level() {
        double all = full().span();
        double least = Math.min(MIN_SPAN, all);
        if (all <= least) {
            return 0;
        }
        return Math.max(0, Math.min(1, Math.log(all / range.get().span()) / Math.log(all / least)));
    }

    /** Sets the zoom from a slider position (see {@link #level()}), around {@code centre}. */
    public void setLevel(double level, double centre) {
        double all = full().span();
        double least = Math.min(MIN_SPAN, all);
        double span = all * Math.pow(least / all, Math.max(0, Math.min(1, level)));
        zoomBy(span / range.get().span(), centre);
    }

    /**
     * Keeps {@code step} in view: when it lies outside the range, the range pages to it at the same zoom, the step
     * landing {@link #FOLLOW_MARGIN} of the span in from the edge it crossed (playing forward, most of the new page
     * is ahead of the playhead).
     */
    public void follow(int step) {
        Range r = range.get();
        if (r.contains(step) || length == 0) {
            return;
        }
        double span = r.span();
        double from = Math.floor(step > r.to() ? step - FOLLOW_MARGIN * span : step - (1 - FOLLOW_MARGIN) * span);
        set(from, from + span);
    }
}
