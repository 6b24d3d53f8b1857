package io.vlastudio.store.curation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a mix becomes training samples (the pipeline reference, section 1).
 *
 * @param samples     which samples: action model, world model, or both
 * @param history     action model: frames of history M (default 2)
 * @param chunk       action model: actions per sample K (5; WorldVLA uses 10 for libero_10)
 * @param resolution  image side in pixels (256 or 512)
 * @param orientation frame transform applied on export ({@code raw}, {@code upright}, {@code rotate180}; WorldVLA
 *                    trains on {@code rotate180})
 * @param bounds      action bounds preset ({@code worldvla}, {@code minmax}, {@code q01q99})
 * @param prompt      the task text of action prompts: WorldVLA's task-folder name (which keeps libero_10's
 *                    "KITCHEN SCENE3" prefix) or the plain instruction evaluation uses
 */
public record MixSettings(Samples samples, int history, int chunk, int resolution, String orientation, String bounds,
                          Prompt prompt) {

    public enum Samples {
        ACTION, WORLD, BOTH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean action() {
            return this != WORLD;
        }

        public boolean world() {
            return this != ACTION;
        }

        public static Samples fromId(String id) {
            for (Samples s : values()) {
                if (s.id().equalsIgnoreCase(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown samples '" + id + "' (expected action, world or both)");
        }
    }

    public enum Prompt {
        TASK_NAME, INSTRUCTION;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Prompt fromId(String id) {
            for (Prompt p : values()) {
                if (p.id().equalsIgnoreCase(id) || p.id().replace('_', '-').equalsIgnoreCase(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown prompt '" + id + "' (expected task_name or instruction)");
        }
    }

    public MixSettings {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(prompt, "prompt");
        if (history < 1 || history > 16) {
            throw new IllegalArgumentException("history M must be 1..16 frames, got " + history);
        }
        if (chunk < 1 || chunk > 64) {
            throw new IllegalArgumentException("action chunk K must be 1..64 actions, got " + chunk);
        }
        if (resolution < 32 || resolution % 32 != 0) {
            throw new IllegalArgumentException("resolution must be a multiple of 32 (256 or 512), got " + resolution);
        }
    }

    /** WorldVLA's defaults at 256 px: both kinds, M = 2, K = 5, rotate 180°, WorldVLA bounds, task-folder prompts. */
    public static MixSettings defaults() {
        return new MixSettings(Samples.BOTH, 2, 5, 256, "rotate180", "worldvla", Prompt.TASK_NAME);
    }

    public MixSettings withSamples(Samples s) {
        return new MixSettings(s, history, chunk, resolution, orientation, bounds, prompt);
    }

    public MixSettings withHistory(int m) {
        return new MixSettings(samples, m, chunk, resolution, orientation, bounds, prompt);
    }

    public MixSettings withChunk(int k) {
        return new MixSettings(samples, history, k, resolution, orientation, bounds, prompt);
    }

    public MixSettings withResolution(int r) {
        return new MixSettings(samples, history, chunk, r, orientation, bounds, prompt);
    }

    public MixSettings withOrientation(String o) {
        return new MixSettings(samples, history, chunk, resolution, o, bounds, prompt);
    }

    public MixSettings withBounds(String b) {
        return new MixSettings(samples, history, chunk, resolution, orientation, b, prompt);
    }

    public MixSettings withPrompt(Prompt p) {
        return new MixSettings(samples, history, chunk, resolution, orientation, bounds, p);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples.id());
        m.put("history", (long) history);
        m.put("chunk", (long) chunk);
        m.put("resolution", (long) resolution);
        m.put("orientation", orientation);
        m.put("bounds", bounds);
        m.put("prompt", prompt.id());
        return m;
    }

    static MixSettings fromJson(Map<?, ?> m) {
        return new MixSettings(Samples.fromId((String) m.get("samples")), ((Number) m.get("history")).intValue(),
                ((Number) m.get("chunk")).intValue(), ((Number) m.get("resolution")).intValue(), (String) m.get("orientation"),
                (String) m.get("bounds"), Prompt.fromId((String) m.get("prompt")));
    }
}
