package io.vlastudio.store.curation;

import io.vlastudio.store.Json;
import io.vlastudio.store.StepExclusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a mix, enough to rebuild the same data byte for byte: the studio version, the settings, the
 * components (with each view's expression and each split's rule), and every demo used with its file's fingerprint,
 * the edits applied (trim, excluded steps, dropped no-op steps, and the resulting kept steps as ranges), its split
 * part and the components it came from. Written as JSON ({@code format: "vla-studio-mix-manifest"}).
 */
public final class Manifest {

    public static final String FORMAT = "vla-studio-mix-manifest";

    private final Map<String, Object> root;

    private Manifest(Map<String, Object> root) {
        this.root = root;
    }

    /**
     * @param definitions per component label, what it stands for ({@code "expression": ...} or the split's rule)
     */
    public static Manifest build(Mix mix, List<ResolvedComponent> components, Map<String, Map<String, Object>> definitions,
                                 MixCounts counts, String studioVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 1L);
        m.put("studio_version", studioVersion);
        m.put("mix", mix.name());
        m.put("settings", mix.settings().toJson());
        List<Object> cs = new ArrayList<>();
        for (ResolvedComponent rc : components) {
            Map<String, Object> c = rc.component().toJson();
            c.put("label", rc.component().label());
            c.put("definition", definitions.getOrDefault(rc.component().label(), Map.of()));
            cs.add(c);
        }
        m.put("components", cs);
        Map<Long, Map<String, Object>> demos = new LinkedHashMap<>();
        for (ResolvedComponent rc : components) {
            for (CurationRow r : rc.rows()) {
                if (!MixCounter.usable(r) || r.keptSteps().length == 0) {
                    continue;
                }
                Map<String, Object> d = demos.computeIfAbsent(r.id(), id -> demo(r));
                @SuppressWarnings("unchecked")
                List<Object> in = (List<Object>) d.get("components");
                in.add(rc.component().label());
                if (rc.component().kind() == MixComponent.Kind.SPLIT) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> splits = (Map<String, Object>) d.get("split");
                    splits.put(rc.component().name(), rc.component().part().id());
                }
            }
        }
        List<Object> list = new ArrayList<>(demos.values());
        list.sort(java.util.Comparator.comparing((Object o) -> (String) ((Map<?, ?>) o).get("suite"))
                .thenComparing(o -> (String) ((Map<?, ?>) o).get("task"))
                .thenComparing(o -> (String) ((Map<?, ?>) o).get("file"))
                .thenComparing(o -> ((Number) ((Map<?, ?>) o).get("demo_index")).longValue()));
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (Object o : list) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) o;
            String file = exportedFile(d);
            int n = numbers.merge(file, 1, Integer::sum) - 1;
            d.put("exported_as", file + "#demo_" + n);
        }
        m.put("demos", list);
        m.put("counts", counts.toJson());
        return new Manifest(m);
    }

    private static Map<String, Object> demo(CurationRow r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("suite", r.demo().suite());
        d.put("task", r.demo().task());
        d.put("file", r.demo().file().toString());
        d.put("file_name", r.demo().file().getFileName().toString());
        d.put("fingerprint", r.fingerprint());
        d.put("file_size", r.fileSize());
        d.put("demo", r.demo().demo());
        d.put("demo_index", (long) r.demo().index());
        d.put("length", (long) r.demo().length());
        d.put("verdict", r.review().verdict().id());
        Map<String, Object> edits = new LinkedHashMap<>();
        edits.put("trim", r.review().trim() == null ? null : List.of((long) r.review().trim().in(), (long) r.review().trim().out()));
        List<Object> excluded = new ArrayList<>();
        boolean noOps = false;
        for (StepExclusion x : r.review().exclusions()) {
            if (x.kind() == StepExclusion.Kind.NO_OPS) {
                noOps = true;
            } else {
                excluded.add(List.of((long) x.from(), (long) x.to()));
            }
        }
        edits.put("excluded_steps", excluded);
        List<Object> dropped = new ArrayList<>();
        if (noOps) {
            for (int s : r.noOpSteps()) {
                dropped.add((long) s);
            }
        }
        edits.put("dropped_noops", dropped);
        d.put("edits", edits);
        d.put("kept_steps", ranges(r.keptSteps()));
        d.put("kept", (long) r.keptSteps().length);
        d.put("split", new LinkedHashMap<String, Object>());
        d.put("components", new ArrayList<>());
        return d;
    }

    /** {@code suite/task_demo.hdf5}: the exported file a demo goes to (one per task, LIBERO's naming). */
    static String exportedFile(Map<String, Object> d) {
        String suite = String.valueOf(d.get("suite"));
        return (suite.isEmpty() ? "" : suite + "/") + d.get("task") + "_demo.hdf5";
    }

    /** Ascending steps as {@code [from, to)} ranges. */
    static List<Object> ranges(int[] steps) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < steps.length) {
            int j = i + 1;
            while (j < steps.length && steps[j] == steps[j - 1] + 1) {
                j++;
            }
            out.add(List.of((long) steps[i], (long) steps[j - 1] + 1));
            i = j;
        }
        return out;
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException when the text is not a VLA Studio mix manifest
     */
    public static Manifest parse(String json) {
        Object o;
        try {
            o = Json.parse(json);
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!(o instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("not a VLA Studio mix manifest (no \"format\": \"" + FORMAT + "\")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) m;
        return new Manifest(root);
    }

    public String toJson() {
        return Json.writePretty(root);
    }

    public String mix() {
        return (String) root.get("mix");
    }

    /** The mix's training settings; empty in the manifest of a curated HDF5 export, which applies none of them. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> settings() {
        Object s = root.get("settings");
        return s instanceof Map<?, ?> ? (Map<String, Object>) s : Map.of();
    }

    /**
     * The manifest written beside a curated HDF5 export: it states only what that export applied. The mix's training
     * settings (sample kinds, history, chunk, resolution, orientation, bounds, prompt) shape WorldVLA samples and are
     * not applied to the HDF5 files, whose frames are copied unchanged, so they are left out, and so are the sample and
     * token counts; {@code export} says what was done and {@code counts} what was written.
     */
    public Manifest forCuratedExport(int demos, long steps, int files, long bytes, List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            if (e.getKey().equals("settings")) {
                Map<String, Object> export = new LinkedHashMap<>();
                export.put("kind", "curated-hdf5");
                export.put("layout", "LIBERO / robomimic HDF5, one file per task");
                export.put("frames", "copied byte for byte from the sources: each camera at its source size and in its"
                        + " source orientation (not resized, not rotated)");
                export.put("edits_applied", "trim, excluded steps and dropped no-op steps: each demo keeps kept_steps");
                export.put("terminal_step", "a demo whose last kept step is not its source's terminal step gets dones = 1"
                        + " there; rewards are the source's");
                export.put("notes", new ArrayList<Object>(notes));
                m.put("export", export);
            } else if (e.getKey().equals("counts")) {
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("demos", (long) demos);
                counts.put("steps", steps);
                counts.put("files", (long) files);
                counts.put("bytes", bytes);
                m.put("counts", counts);
            } else {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new Manifest(m);
    }

    /** What a curated export's manifest says it applied ({@code export}), or empty for a mix manifest. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> export() {
        Object s = root.get("export");
        return s instanceof Map<?, ?> ? (Map<String, Object>) s : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> components() {
        return (List<Map<String, Object>>) root.get("components");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> demos() {
        return (List<Map<String, Object>>) root.get("demos");
    }

    public String studioVersion() {
        return (String) root.get("studio_version");
    }

    /** {@code suite/file_name#demo}: how diffs match demos across machines. */
    static String key(Map<String, Object> demo) {
        return demo.get("suite") + "/" + demo.get("file_name") + "#" + demo.get("demo");
    }
}
