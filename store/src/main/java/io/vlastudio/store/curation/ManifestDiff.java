package io.vlastudio.store.curation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two manifests: settings, components, demos added and removed (matched by suite, file name and
 * demo name), and demos whose source file, edits, kept steps, split or components changed. One line per change,
 * {@code +} added, {@code -} removed, {@code ~} changed; empty when the manifests describe the same data.
 */
public final class ManifestDiff {

    private ManifestDiff() {
    }

    public static List<String> diff(Manifest a, Manifest b) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(a.studioVersion(), b.studioVersion())) {
            out.add("~ studio version: " + a.studioVersion() + " -> " + b.studioVersion());
        }
        for (String k : new TreeSet<>(union(a.settings().keySet(), b.settings().keySet()))) {
            Object x = a.settings().get(k);
            Object y = b.settings().get(k);
            if (!Objects.equals(x, y)) {
                out.add("~ setting " + k + ": " + x + " -> " + y);
            }
        }
        Map<String, Map<String, Object>> ca = byLabel(a.components());
        Map<String, Map<String, Object>> cb = byLabel(b.components());
        for (String k : ca.keySet()) {
            if (!cb.containsKey(k)) {
                out.add("- component " + k);
            } else if (!Objects.equals(ca.get(k).get("definition"), cb.get(k).get("definition"))) {
                out.add("~ component " + k + ": " + ca.get(k).get("definition") + " -> " + cb.get(k).get("definition"));
            }
        }
        for (String k : cb.keySet()) {
            if (!ca.containsKey(k)) {
                out.add("+ component " + k);
            }
        }
        Map<String, Map<String, Object>> da = byKey(a.demos());
        Map<String, Map<String, Object>> db = byKey(b.demos());
        int added = 0;
        int removed = 0;
        for (String k : da.keySet()) {
            if (!db.containsKey(k)) {
                out.add("- demo " + k + " (" + da.get(k).get("kept") + " steps)");
                removed++;
            }
        }
        for (String k : db.keySet()) {
            if (!da.containsKey(k)) {
                out.add("+ demo " + k + " (" + db.get(k).get("kept") + " steps)");
                added++;
            }
        }
        int changed = 0;
        for (String k : da.keySet()) {
            Map<String, Object> x = da.get(k);
            Map<String, Object> y = db.get(k);
            if (y == null) {
                continue;
            }
            List<String> what = new ArrayList<>();
            if (!Objects.equals(x.get("fingerprint"), y.get("fingerprint"))) {
                what.add("source file changed (fingerprint " + shortFp(x) + " -> " + shortFp(y) + ")");
            }
            if (!Objects.equals(x.get("edits"), y.get("edits"))) {
                what.add("edits " + x.get("edits") + " -> " + y.get("edits"));
            }
            if (!Objects.equals(x.get("kept_steps"), y.get("kept_steps"))) {
                what.add("kept steps " + x.get("kept") + " -> " + y.get("kept"));
            }
            if (!Objects.equals(x.get("split"), y.get("split"))) {
                what.add("split " + x.get("split") + " -> " + y.get("split"));
            }
            if (!Objects.equals(x.get("components"), y.get("components"))) {
                what.add("components " + x.get("components") + " -> " + y.get("components"));
            }
            if (!what.isEmpty()) {
                changed++;
                out.add("~ demo " + k + ": " + String.join("; ", what));
            }
        }
        if (!out.isEmpty()) {
            out.add(added + " demos added, " + removed + " removed, " + changed + " changed");
        }
        return out;
    }

    private static String shortFp(Map<String, Object> d) {
        String f = String.valueOf(d.get("fingerprint"));
        return f.length() > 12 ? f.substring(0, 12) : f;
    }

    private static <T> java.util.Set<T> union(java.util.Set<T> x, java.util.Set<T> y) {
        java.util.Set<T> s = new java.util.LinkedHashSet<>(x);
        s.addAll(y);
        return s;
    }

    private static Map<String, Map<String, Object>> byLabel(List<Map<String, Object>> list) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        list.forEach(c -> m.put(String.valueOf(c.get("label")), c));
        return m;
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> list) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        list.forEach(d -> m.put(Manifest.key(d), d));
        return m;
    }
}
