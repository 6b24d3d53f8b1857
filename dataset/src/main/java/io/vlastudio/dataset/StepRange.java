package io.vlastudio.dataset;

/**
 * The one notation for a range of steps, everywhere the studio shows or reads one (review panel, library, command
 * line, history, error messages): {@code FROM:TO}, steps {@code FROM} inclusive to {@code TO} exclusive, like a Python
 * slice ({@code actions[12:40]} is the 28 steps 12 to 39). Trims, segments and excluded steps are stored this way, so
 * what is shown is what is stored and what is typed.
 *
 * @param from first step, inclusive, {@code >= 0}
 * @param to   end, exclusive, {@code > from}
 */
public record StepRange(int from, int to) {

    /** How the notation is named in help texts and error messages. */
    public static final String NOTATION = "FROM:TO";

    public StepRange {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a step range " + NOTATION + " needs 0 <= FROM < TO (TO exclusive), got "
                    + format(from, to));
        }
    }

    /** {@code from:to}, with no check: for messages about ranges that are wrong. */
    public static String format(int from, int to) {
        return from + ":" + to;
    }

    /**
     * Reads {@code FROM:TO} (spaces around the numbers are allowed).
     *
     * @throws IllegalArgumentException naming the text when it is not two step numbers or not a range
     */
    public static StepRange parse(String text) {
        String[] p = text == null ? new String[0] : text.split(":", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException("expected " + NOTATION + " (two step numbers, TO exclusive), got '" + text + "'");
        }
        return new StepRange(step(p[0], text), step(p[1], text));
    }

    /** The number of steps in the range. */
    public int length() {
        return to - from;
    }

    @Override
    public String toString() {
        return format(from, to);
    }

    private static int step(String number, String text) {
        try {
            return Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + number.strip() + "' in '" + text + "' is not a step number");
        }
    }
}
