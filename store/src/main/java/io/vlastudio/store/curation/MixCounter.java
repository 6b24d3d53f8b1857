package io.vlastudio.store.curation;

import io.vlastudio.store.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Counts a resolved mix the way WorldVLA's data script makes samples (the pipeline reference, section 1), over each
 * demo's kept steps (after trim, excluded steps and dropped no-ops). Samples and tokens per demo come from the
 * injected {@link SampleCounter}, which owns WorldVLA's rules (action model: one sample per step with a full chunk of
 * future actions; world model: one per step with a next frame; the prompts and block lengths of section 2). A
 * component's samples are multiplied by its weight (rounded to whole samples). Rejected and unavailable demos are
 * left out (an export leaves them out too) and reported as warnings.
 */
public final class MixCounter {

    private static final Pattern SCENE_PREFIX = Pattern.compile("^.*?SCENE\\d+_");

    private MixCounter() {
    }

    /** The task text of an action prompt for a demo under the settings. */
    public static String taskText(CurationRow r, MixSettings s) {
        return s.prompt() == MixSettings.Prompt.TASK_NAME ? r.demo().task().replace('_', ' ') : r.demo().language();
    }

    /** Whether a demo counts: not rejected, available. */
    static boolean usable(CurationRow r) {
        return r.review().verdict() != Verdict.REJECTED && r.demo().available() && r.demo().problem() == null;
    }

    public static MixCounts count(Mix mix, List<ResolvedComponent> components, SampleCounter counter) {
        MixSettings s = mix.settings();
        List<ComponentCounts> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Long, CurationRow> used = new LinkedHashMap<>();
        Map<Long, List<String>> componentsOf = new HashMap<>();
        Map<Long, Integer> keptCache = new HashMap<>();
        long action = 0;
        long world = 0;
        long tokens = 0;
        boolean prefixMismatch = false;
        Set<String> prefixed = new LinkedHashSet<>();
        for (ResolvedComponent rc : components) {
            MixComponent c = rc.component();
            int demos = 0;
            int rejected = 0;
            int unavailable = 0;
            long steps = 0;
            double a = 0;
            double w = 0;
            double t = 0;
            for (CurationRow r : rc.rows()) {
                if (r.review().verdict() == Verdict.REJECTED) {
                    rejected++;
                    continue;
                }
                if (!usable(r)) {
                    unavailable++;
                    continue;
                }
                int kept = keptCache.computeIfAbsent(r.id(), id -> r.keptSteps().length);
                if (kept == 0) {
                    continue;
                }
                demos++;
                steps += kept;
                used.putIfAbsent(r.id(), r);
                componentsOf.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(c.label());
                SampleCounter.DemoSamples samples = counter.demo(kept, taskText(r, s), s);
                a += samples.actionSamples();
                w += samples.worldSamples();
                t += samples.actionTokens() + samples.worldTokens();
                if (s.prompt() == MixSettings.Prompt.TASK_NAME && s.samples().action()
                        && SCENE_PREFIX.matcher(r.demo().task()).find()) {
                    prefixMismatch = true;
                    prefixed.add(r.demo().suite());
                }
            }
            long ca = Math.round(a * c.weight());
            long cw = Math.round(w * c.weight());
            long ct = Math.round(t * c.weight());
            action += ca;
            world += cw;
            tokens += ct;
            out.add(new ComponentCounts(c.label(), rc.rows().size(), demos, rejected, unavailable, steps, ca, cw, ct));
            if (rc.problem() != null) {
                warnings.add("component " + c.label() + ": " + rc.problem());
            } else if (rc.rows().isEmpty()) {
                warnings.add("component " + c.label() + " selects no demos");
            } else if (demos == 0) {
                warnings.add("component " + c.label() + " selects " + rc.rows().size() + " demos but none is usable");
            }
            if (rejected > 0) {
                warnings.add("component " + c.label() + " pulls in " + rejected + (rejected == 1 ? " rejected demo" : " rejected demos")
                        + "; rejected demos are left out of counts and exports (add 'verdict != rejected' to its view)");
            }
            if (unavailable > 0) {
                warnings.add("component " + c.label() + " has " + unavailable + " demos whose file is missing, changed or"
                        + " invalid; they are left out (index the files again)");
            }
        }
        long duplicates = componentsOf.values().stream().filter(l -> l.size() > 1).count();
        if (duplicates > 0) {
            Map.Entry<Long, List<String>> first = componentsOf.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .findFirst().orElseThrow();
            warnings.add(duplicates + (duplicates == 1 ? " demo is" : " demos are") + " in more than one component (e.g. "
                    + used.get(first.getKey()).label() + " in " + String.join(" and ", first.getValue())
                    + "); their samples count once per component");
        }
        if (prefixMismatch) {
            warnings.add("libero_10-style task names (" + String.join(", ", prefixed) + ") keep their scene prefix"
                    + " (\"KITCHEN SCENE3 ...\") in WorldVLA's prompts while evaluation uses the plain instruction;"
                    + " set prompt to 'instruction' to train on what evaluation asks");
        }
        long steps = 0;
        double bytes = 0;
        for (CurationRow r : used.values()) {
            int kept = keptCache.get(r.id());
            steps += kept;
            bytes += kept * r.bytesPerStep();
        }
        return new MixCounts(out, used.size(), steps, action, world, tokens, Math.round(bytes), warnings);
    }

    /** "1.2 GB" */
    public static String bytes(long b) {
        if (b < 1000) {
            return b + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
