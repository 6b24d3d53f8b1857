package io.vlastudio.store.curation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One part of a mix: a saved view, or one part of a saved split, with a weight (how many times its samples count:
 * 2.0 repeats them twice, 0.5 keeps half, in expectation).
 *
 * @param part the split part, or {@code null} for a view
 */
public record MixComponent(Kind kind, String name, SplitPart part, double weight) {

    public enum Kind { VIEW, SPLIT }

    public MixComponent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.SPLIT && part == null) {
            throw new IllegalArgumentException("a split component needs a part: SPLIT:train, SPLIT:val_ind or SPLIT:val_ood");
        }
        if (kind == Kind.VIEW) {
            part = null;
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a component's weight must be positive, got " + weight);
        }
    }

    public static MixComponent view(String name, double weight) {
        return new MixComponent(Kind.VIEW, name, null, weight);
    }

    public static MixComponent split(String name, SplitPart part, double weight) {
        return new MixComponent(Kind.SPLIT, name, part, weight);
    }

    /**
     * Parses {@code view:NAME[*W]} or {@code split:NAME:PART[*W]} ({@code view:clean*2}, {@code split:s1:train}); a
     * bare {@code NAME} is a view.
     */
    public static MixComponent parse(String text) {
        String s = text.strip();
        double weight = 1;
        int star = s.lastIndexOf('*');
        if (star > 0) {
            try {
                weight = Double.parseDouble(s.substring(star + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad weight in component '" + text + "' (expected e.g. view:clean*2)");
            }
            s = s.substring(0, star).strip();
        }
        if (s.startsWith("split:")) {
            String rest = s.substring(6);
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a split component is split:NAME:PART (e.g. split:s1:train), got '" + text + "'");
            }
            return split(rest.substring(0, colon), SplitPart.fromId(rest.substring(colon + 1)), weight);
        }
        if (s.startsWith("view:")) {
            s = s.substring(5);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a component needs a name: view:NAME or split:NAME:PART");
        }
        return view(s, weight);
    }

    /** {@code view:clean}, {@code split:s1:train}, with {@code *W} when the weight is not 1. */
    public String label() {
        String base = kind == Kind.VIEW ? "view:" + name : "split:" + name + ":" + part.id();
        return weight == 1 ? base : base + "*" + formatWeight(weight);
    }

    static String formatWeight(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("name", name);
        m.put("part", part == null ? null : part.id());
        m.put("weight", weight);
        return m;
    }

    static MixComponent fromJson(Map<?, ?> m) {
        Kind k = Kind.valueOf(((String) m.get("kind")).toUpperCase(java.util.Locale.ROOT));
        Object part = m.get("part");
        return new MixComponent(k, (String) m.get("name"), part == null ? null : SplitPart.fromId((String) part),
                ((Number) m.get("weight")).doubleValue());
    }
}
