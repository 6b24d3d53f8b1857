package io.vlastudio.training.export;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a WorldVLA export.
 *
 * @param resolution   side of the written frames: 256 or 512
 * @param history      action model: frames of history M (WorldVLA: 2)
 * @param chunk        action model: actions per sample K (WorldVLA: 5, 10 for libero_10)
 * @param worldHistory world model: frames of history (WorldVLA's pre-tokenizer expects 1; only 1 is supported)
 * @param split        which split the conversation files follow: WorldVLA's own rule or the mix's split parts
 * @param paths        whether paths inside records and data configs are absolute or relative to the export folder
 * @param prompt       the task text of action prompts: the task folder name (WorldVLA) or the plain instruction
 */
public record WorldVlaSettings(int resolution, int history, int chunk, int worldHistory, Split split, Paths paths,
                               Prompt prompt) {

    public enum Split { WORLDVLA, MIX }

    public enum Paths { ABSOLUTE, RELATIVE }

    public enum Prompt { TASK_DIR, INSTRUCTION }

    public WorldVlaSettings {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(prompt, "prompt");
        if (resolution != 256 && resolution != 512) {
            throw new IllegalArgumentException("WorldVLA trains at 256 or 512 px, got --resolution " + resolution);
        }
        if (history < 1 || history > 16) {
            throw new IllegalArgumentException("--history must be 1..16 frames, got " + history);
        }
        if (chunk < 1 || chunk > 64) {
            throw new IllegalArgumentException("--chunk must be 1..64 actions, got " + chunk);
        }
        if (worldHistory != 1) {
            throw new IllegalArgumentException("--world-history: WorldVLA's pre-tokenizer reads world-model"
                    + " conversations of history 1 only (his_1), got " + worldHistory);
        }
    }

    /** WorldVLA's defaults: 256 px, M = 2, K = 5, world history 1, its split, absolute paths, task-folder prompts. */
    public static WorldVlaSettings defaults() {
        return new WorldVlaSettings(256, 2, 5, 1, Split.WORLDVLA, Paths.ABSOLUTE, Prompt.TASK_DIR);
    }

    /**
     * The settings a mix asks for (its {@code resolution}, {@code history}, {@code chunk} and {@code prompt}), with
     * WorldVLA's defaults for the rest; a resolution other than 256 or 512 falls back to 256.
     */
    public static WorldVlaSettings fromMix(Map<String, Object> mixSettings) {
        WorldVlaSettings s = defaults();
        if (mixSettings == null) {
            return s;
        }
        if (mixSettings.get("resolution") instanceof Number r && (r.intValue() == 256 || r.intValue() == 512)) {
            s = s.withResolution(r.intValue());
        }
        if (mixSettings.get("history") instanceof Number h) {
            s = s.withHistory(h.intValue());
        }
        if (mixSettings.get("chunk") instanceof Number k) {
            s = s.withChunk(k.intValue());
        }
        if ("instruction".equals(mixSettings.get("prompt"))) {
            s = s.withPrompt(Prompt.INSTRUCTION);
        }
        return s;
    }

    public WorldVlaSettings withResolution(int r) {
        return new WorldVlaSettings(r, history, chunk, worldHistory, split, paths, prompt);
    }

    public WorldVlaSettings withHistory(int m) {
        return new WorldVlaSettings(resolution, m, chunk, worldHistory, split, paths, prompt);
    }

    public WorldVlaSettings withChunk(int k) {
        return new WorldVlaSettings(resolution, history, k, worldHistory, split, paths, prompt);
    }

    public WorldVlaSettings withWorldHistory(int m) {
        return new WorldVlaSettings(resolution, history, chunk, m, split, paths, prompt);
    }

    public WorldVlaSettings withSplit(Split s) {
        return new WorldVlaSettings(resolution, history, chunk, worldHistory, s, paths, prompt);
    }

    public WorldVlaSettings withPaths(Paths p) {
        return new WorldVlaSettings(resolution, history, chunk, worldHistory, split, p, prompt);
    }

    public WorldVlaSettings withPrompt(Prompt p) {
        return new WorldVlaSettings(resolution, history, chunk, worldHistory, split, paths, p);
    }

    /** {@code worldvla}, {@code mix}, {@code absolute}, {@code task-dir}, ...: the ids the CLI and manifest use. */
    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String id, String option) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equalsIgnoreCase(id.strip()) || e.name().equalsIgnoreCase(id.strip())) {
                return e;
            }
        }
        StringBuilder b = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            b.append(b.length() == 0 ? "" : " or ").append(id(e));
        }
        throw new IllegalArgumentException("unknown " + option + " '" + id + "' (expected " + b + ")");
    }

    public static Split split(String id) {
        return parse(Split.class, id, "--split");
    }

    public static Paths paths(String id) {
        return parse(Paths.class, id, "--paths");
    }

    public static Prompt prompt(String id) {
        return parse(Prompt.class, id, "--prompt");
    }
}
