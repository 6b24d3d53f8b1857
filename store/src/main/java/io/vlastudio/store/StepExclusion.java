package io.vlastudio.store;

import io.vlastudio.dataset.StepRange;

import java.util.Objects;

/**
 * Steps left out of a demo when it is exported; the source file is never changed.
 *
 * @param kind {@link Kind#NO_OPS}: the demo's no-op steps (the OpenVLA/WorldVLA rule, as the catalog found them);
 *             {@link Kind#STEPS}: steps {@code from} (inclusive) to {@code to} (exclusive)
 */
public record StepExclusion(Kind kind, int from, int to) {

    public enum Kind {
        NO_OPS("noops"), STEPS("steps");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown step exclusion '" + id + "' (expected noops or steps)");
        }
    }

    public StepExclusion {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.NO_OPS) {
            from = 0;
            to = 0;
        } else if (from < 0 || to <= from) {
            throw new IllegalArgumentException("excluded steps must be FROM:TO with 0 <= FROM < TO (TO exclusive), got "
                    + StepRange.format(from, to));
        }
    }

    /** "Drop no-op steps". */
    public static StepExclusion noOps() {
        return new StepExclusion(Kind.NO_OPS, 0, 0);
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive). */
    public static StepExclusion steps(int from, int to) {
        return new StepExclusion(Kind.STEPS, from, to);
    }

    @Override
    public String toString() {
        return kind == Kind.NO_OPS ? "no-op steps" : "steps " + StepRange.format(from, to);
    }
}
