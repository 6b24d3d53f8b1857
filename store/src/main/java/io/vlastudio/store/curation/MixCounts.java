package io.vlastudio.store.curation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live counts of a mix.
 *
 * @param demos           distinct demos used
 * @param steps           their kept steps (each demo once)
 * @param actionSamples   weighted action-model samples over all components
 * @param worldSamples    weighted world-model samples
 * @param estimatedTokens tokens of all samples, estimated (images and actions exactly, text at ~4 characters a token)
 * @param exportBytes     estimated size of an HDF5 export (each demo once)
 * @param warnings        what the curator should look at, in plain sentences
 */
public record MixCounts(List<ComponentCounts> components, int demos, long steps, long actionSamples, long worldSamples,
                        long estimatedTokens, long exportBytes, List<String> warnings) {

    public MixCounts {
        components = List.copyOf(components);
        warnings = List.copyOf(warnings);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("demos", (long) demos);
        m.put("steps", steps);
        m.put("action_samples", actionSamples);
        m.put("world_samples", worldSamples);
        m.put("estimated_tokens", estimatedTokens);
        m.put("export_bytes", exportBytes);
        List<Object> cs = new java.util.ArrayList<>();
        for (ComponentCounts c : components) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("component", c.label());
            cm.put("selected", (long) c.selected());
            cm.put("demos", (long) c.demos());
            cm.put("rejected", (long) c.rejected());
            cm.put("unavailable", (long) c.unavailable());
            cm.put("steps", c.steps());
            cm.put("action_samples", c.actionSamples());
            cm.put("world_samples", c.worldSamples());
            cm.put("estimated_tokens", c.tokens());
            cs.add(cm);
        }
        m.put("components", cs);
        m.put("warnings", List.copyOf(warnings));
        return m;
    }
}
