package io.vlastudio.app.viewer;

import io.vlastudio.dataset.StepRange;
import javafx.util.StringConverter;

import java.util.Locale;

/**
 * How the studio's charts write numbers, in one place: the viewer's signal charts ({@link SignalChart}), the
 * Predictions view's plots and the time zoom. Step axes tick in whole steps; readouts have a sign and three decimals;
 * a step without a value reads as a dash, never "NaN"; a zoomed range is written in the studio's step-range notation.
 */
public final class ChartFormat {

    /** What a readout shows where there is no value (a step without a prediction, say). */
    public static final String NO_VALUE = "—";

    private static final StringConverter<Number> STEP_TICKS = new StringConverter<>() {
        @Override
        public String toString(Number n) {
            return String.valueOf(Math.round(n.doubleValue()));
        }

        @Override
        public Number fromString(String s) {
            return Double.valueOf(s);
        }
    };

    private ChartFormat() {
    }

    /** Tick labels of a step axis: whole steps ("40", not "40.0"). */
    public static StringConverter<Number> stepTicks() {
        return STEP_TICKS;
    }

    /** A readout: sign and three decimals ({@code +0.500}); {@link #NO_VALUE} for NaN; infinities spelled out. */
    public static String value(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return String.format(Locale.ROOT, "%+.3f", value);
    }

    /**
     * The whole steps of a zoomed axis showing {@code from..to} (fractional while zooming) of a {@code length}-step
     * demo, as {@code steps FROM:TO of N} (TO exclusive, the studio's step-range notation).
     */
    public static String visibleSteps(double from, double to, int length) {
        int first = (int) Math.max(0, Math.ceil(from - 1e-9));
        int last = (int) Math.min(length - 1, Math.floor(to + 1e-9));
        return "steps " + StepRange.format(first, Math.max(first, last) + 1) + " of " + length;
    }
}
