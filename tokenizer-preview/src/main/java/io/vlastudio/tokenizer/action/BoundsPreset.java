package io.vlastudio.tokenizer.action;

/** How action bounds are chosen. */
public enum BoundsPreset {
    /** WorldVLA's fixed bounds, identical for all four LIBERO suites. */
    WORLDVLA("worldvla", "WorldVLA fixed bounds"),
    /** Minimum and maximum of the current data, per dimension. */
    MINMAX("minmax", "Min / max of the data"),
    /** 1st and 99th percentile of the current data (NumPy's linear quantile), per dimension. */
    Q01_Q99("q01q99", "1st / 99th percentile of the data");

    private final String id;
    private final String label;

    BoundsPreset(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The command-line name: {@code worldvla}, {@code minmax} or {@code q01q99}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static BoundsPreset fromId(String id) {
        for (BoundsPreset p : values()) {
            if (p.id.equalsIgnoreCase(id) || p.name().equalsIgnoreCase(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown bounds '" + id + "' (expected worldvla, minmax or q01q99)");
    }

    @Override
    public String toString() {
        return label;
    }
}
