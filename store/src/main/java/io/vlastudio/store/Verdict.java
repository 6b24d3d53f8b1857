package io.vlastudio.store;

import java.util.Locale;

/** A curator's decision on a demo. Every demo starts {@link #UNREVIEWED}. */
public enum Verdict {
    UNREVIEWED, ACCEPTED, REJECTED, FLAGGED;

    /** The identifier used in the database, in JSON and on the command line: {@code rejected}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The verdict named {@code id} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Verdict fromId(String id) {
        for (Verdict v : values()) {
            if (v.name().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + id + "' (expected unreviewed, accepted, rejected or flagged)");
    }
}
