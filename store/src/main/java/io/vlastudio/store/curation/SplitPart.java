package io.vlastudio.store.curation;

import java.util.Locale;

/** Where a split puts a demo; the names are WorldVLA's. */
public enum SplitPart {
    /** Trained on. */
    TRAIN,
    /** Validation demos of the tasks trained on ("in distribution"). */
    VAL_IND,
    /** Demos of held-out tasks ("out of distribution"). */
    VAL_OOD;

    /** {@code train}, {@code val_ind}, {@code val_ood}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SplitPart fromId(String id) {
        for (SplitPart p : values()) {
            if (p.id().equalsIgnoreCase(id == null ? "" : id.strip()) || (p == VAL_IND && "val".equalsIgnoreCase(id))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown split part '" + id + "' (expected train, val_ind or val_ood)");
    }
}
