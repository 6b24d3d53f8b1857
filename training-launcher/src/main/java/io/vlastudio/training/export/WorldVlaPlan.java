package io.vlastudio.training.export;

import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export will write, computed before anything is written (the dry run and the export dialog show it):
 * every trajectory in WorldVLA's listing order with its split part, the counts per split, the number of files and
 * an estimate of the bytes, and the warnings.
 */
public final class WorldVlaPlan {

    /**
     * One exported demo: {@code files/<suite>/<task>/<trj>/}.
     *
     * @param number        the demo number {@code i} of {@code trj_<i>} (from {@code demo_<i>}; gaps kept)
     * @param steps         the source steps kept, ascending; exported as steps 0..T-1
     * @param worldVlaPart  the part WorldVLA's own rule gives the trajectory in its files root
     * @param mixPart       the part the mix's split gives it ({@code train} when it comes from a view only)
     * @param weight        the sum of the weights of the mix components it comes from
     * @param width         width of the source agentview frames
     * @param height        height of the source agentview frames
     */
    public record Trajectory(String suite, String task, String trj, int number, Path source, String demo, int[] steps,
                             String fingerprint, String language, SplitPart worldVlaPart, SplitPart mixPart,
                             double weight, int width, int height) {

        public int length() {
            return steps.length;
        }

        /** {@code suite/task/trj}: how re-exports match trajectories. */
        public String key() {
            return suite + "/" + task + "/" + trj;
        }
    }

    /** Counts of one split part. */
    public record Counts(int trajectories, long steps, long actionSamples, long worldSamples) {
        Counts plus(Trajectory t, WorldVlaSettings s) {
            return new Counts(trajectories + 1, steps + t.length(), actionSamples + WorldVlaPlan.actionSamples(t.length(), s.chunk()),
                    worldSamples + WorldVlaPlan.worldSamples(t.length()));
        }
    }

    private final WorldVlaSettings settings;
    private final Manifest mix;
    private final List<Trajectory> trajectories;
    private final List<String> warnings;
    private final Map<SplitPart, Counts> counts;
    private final long estimatedBytes;
    private final long files;

    WorldVlaPlan(WorldVlaSettings settings, Manifest mix, List<Trajectory> trajectories, List<String> warnings) {
        this.settings = settings;
        this.mix = mix;
        this.trajectories = List.copyOf(trajectories);
        this.warnings = List.copyOf(warnings);
        Map<SplitPart, Counts> c = new EnumMap<>(SplitPart.class);
        for (SplitPart p : SplitPart.values()) {
            c.put(p, new Counts(0, 0, 0, 0));
        }
        long steps = 0;
        long records = 0;
        for (Trajectory t : trajectories) {
            SplitPart p = part(t);
            c.put(p, c.get(p).plus(t, settings));
            steps += t.length();
            records += actionSamples(t.length(), settings.chunk()) + worldSamples(t.length());
        }
        this.counts = Collections.unmodifiableMap(c);
        this.files = 2 * steps + 6L * suites().size() + 3 + 1;
        this.estimatedBytes = steps * (pngEstimate(settings.resolution()) + 128) + records * 700;
    }

    /** Action-model samples of a trajectory of {@code length} steps: one per step with {@code chunk} future actions. */
    public static long actionSamples(int length, int chunk) {
        return TokenSequenceBuilder.actionSampleCount(length, chunk);
    }

    /** World-model samples (history 1): one per step with a next frame. */
    public static long worldSamples(int length) {
        return TokenSequenceBuilder.worldSampleCount(length);
    }

    /** A generous PNG size: rendered LIBERO frames compress to well under 60 % of their raw size. */
    static long pngEstimate(int resolution) {
        return (long) resolution * resolution * 3 * 6 / 10 + 100;
    }

    public WorldVlaSettings settings() {
        return settings;
    }

    /** The mix manifest the export is built from. */
    public Manifest mix() {
        return mix;
    }

    /** Every trajectory, in WorldVLA's listing order: suite, task and trajectory folder names in code-point order. */
    public List<Trajectory> trajectories() {
        return trajectories;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The part a trajectory's records go to under these settings. */
    public SplitPart part(Trajectory t) {
        return settings.split() == WorldVlaSettings.Split.WORLDVLA ? t.worldVlaPart() : t.mixPart();
    }

    public Map<SplitPart, Counts> counts() {
        return counts;
    }

    public Counts total() {
        Counts all = new Counts(0, 0, 0, 0);
        for (Counts c : counts.values()) {
            all = new Counts(all.trajectories() + c.trajectories(), all.steps() + c.steps(),
                    all.actionSamples() + c.actionSamples(), all.worldSamples() + c.worldSamples());
        }
        return all;
    }

    /** Files the export holds: an image and an action per step, six conversation files a suite, three configs, the manifest. */
    public long files() {
        return files;
    }

    /** Bytes the export will take, generously estimated (PNG sizes vary with content). */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    /** The suites, in order. */
    public List<String> suites() {
        Map<String, Boolean> s = new LinkedHashMap<>();
        trajectories.forEach(t -> s.put(t.suite(), true));
        return new ArrayList<>(s.keySet());
    }

    /** What will be written, for {@code --dry-run --json} and the export dialog. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("resolution", settings.resolution());
        st.put("history", settings.history());
        st.put("chunk", settings.chunk());
        st.put("world_history", settings.worldHistory());
        st.put("split", WorldVlaSettings.id(settings.split()));
        st.put("paths", WorldVlaSettings.id(settings.paths()));
        st.put("prompt", WorldVlaSettings.id(settings.prompt()));
        m.put("settings", st);
        m.put("suites", suites());
        Map<String, Object> splits = new LinkedHashMap<>();
        counts.forEach((p, c) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("trajectories", c.trajectories());
            e.put("steps", c.steps());
            e.put("action_samples", c.actionSamples());
            e.put("world_samples", c.worldSamples());
            splits.put(p.id(), e);
        });
        m.put("splits", splits);
        m.put("files", files);
        m.put("estimated_bytes", estimatedBytes);
        m.put("warnings", warnings);
        return m;
    }

    /** {@code goal} for {@code libero_goal}: the {@code --task_name} WorldVLA's scripts put into file names. */
    public static String suiteTag(String suite) {
        return suite.startsWith("libero_") ? suite.substring("libero_".length()) : suite;
    }

    /** WorldVLA's action-model conversation file name. */
    public String actionConvName(String suite, SplitPart part) {
        return "libero_" + suiteTag(suite) + "_his_" + settings.history() + "_" + part.id() + "_img_only_ck_"
                + settings.chunk() + "_" + settings.resolution() + ".json";
    }

    /** WorldVLA's world-model conversation file name. */
    public String worldConvName(String suite, SplitPart part) {
        return "libero_" + suiteTag(suite) + "_his_" + settings.worldHistory() + "_" + part.id() + "_a2i_"
                + settings.resolution() + ".json";
    }
}
