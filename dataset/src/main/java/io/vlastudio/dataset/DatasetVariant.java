package io.vlastudio.dataset;

/** The kinds of demonstration file the studio tells apart. */
public enum DatasetVariant {
    /** The original LIBERO release: attributes everywhere, 50 demos a task, 128x128 frames. */
    ORIGINAL("original"),
    /** OpenVLA/WorldVLA regenerated files: no attributes at all, demo index gaps, 256x256 frames. */
    NO_NOOPS("no_noops"),
    /** Any other robomimic-style file (robosuite, robomimic datasets with {@code mask/} filter keys). */
    ROBOMIMIC("robomimic");

    private final String id;

    DatasetVariant(String id) {
        this.id = id;
    }

    /** The identifier used in JSON output and on the command line. */
    public String id() {
        return id;
    }

    public static DatasetVariant fromId(String id) {
        for (DatasetVariant v : values()) {
            if (v.id.equalsIgnoreCase(id) || v.name().equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + id + "' (expected original, no_noops or robomimic)");
    }
}
