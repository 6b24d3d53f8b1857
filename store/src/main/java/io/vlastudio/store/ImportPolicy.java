package io.vlastudio.store;

/** What an import does with a demo reviewed differently here and in the imported file. */
public enum ImportPolicy {
    /** Keep this workspace's review and report the conflict (the default). */
    KEEP_MINE,
    /** Replace this workspace's review by the imported one (undoable like any edit). */
    TAKE_THEIRS
}
