package io.vlastudio.tokenizer.action;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The lines a user pastes into WorldVLA when training with bounds other than its built-in ones: the same
 * {@code min_values}/{@code max_values} arrays go into the item processor ({@code norm_action}) and into the
 * evaluation's un-normalisation ({@code unnorm_action_min_max}). Values print as the shortest decimal that reads
 * back to the same double, so Python parses exactly the bounds the studio used.
 */
public final class WorldVlaBoundsSnippet {

    private WorldVlaBoundsSnippet() {
    }

    /** The snippet for {@code bounds}, with the two places it belongs. */
    public static String of(ActionBounds bounds) {
        String arrays = "min_values = np.array(" + array(bounds.min()) + ")\n"
                + "max_values = np.array(" + array(bounds.max()) + ")\n";
        return "# Action bounds (" + bounds.preset().label() + "). Set the same values in BOTH places:\n"
                + "# 1. training data: the item processor's norm_action (FlexARItemProcessor_Action.norm_action)\n"
                + arrays
                + "# 2. evaluation: the eval solver's unnorm_action_min_max\n"
                + arrays;
    }

    /** A Python list literal of the values. */
    public static String array(double[] values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (double v : values) {
            j.add(pythonFloat(v));
        }
        return j.toString();
    }

    /** A double as Python's {@code repr} would print it in most cases ({@code -0.9375}, {@code 1.0}, {@code 1e-05}). */
    public static String pythonFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        String s = Double.toString(v);
        if (s.contains("E")) {
            String plain = new BigDecimal(s).toPlainString();
            return plain.length() <= 24 ? plain : s.replace("E", "e");
        }
        return s;
    }
}
