package io.vlastudio.store.curation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a split is made.
 *
 * @param mode          {@link Mode#STRATIFIED} (seeded, per task) or {@link Mode#WORLDVLA} (WorldVLA's exact rule)
 * @param seed          the shuffle seed ({@link Mode#STRATIFIED} only)
 * @param trainFraction share of each in-distribution task's demos that go to {@code train} (default 0.9)
 * @param taskFraction  {@link Mode#WORLDVLA}: share of tasks (sorted by name) that are in distribution (0.9)
 * @param heldOutTasks  {@link Mode#STRATIFIED}: tasks whose demos all go to {@code val_ood}
 */
public record SplitSpec(Mode mode, long seed, double trainFraction, double taskFraction, List<String> heldOutTasks) {

    public enum Mode {
        STRATIFIED, WORLDVLA;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Mode fromId(String id) {
            for (Mode m : values()) {
                if (m.id().equalsIgnoreCase(id) || (m == WORLDVLA && "worldvla-compatible".equalsIgnoreCase(id))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown split mode '" + id + "' (expected stratified or worldvla)");
        }
    }

    public SplitSpec {
        Objects.requireNonNull(mode, "mode");
        heldOutTasks = List.copyOf(heldOutTasks);
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("the train fraction must be in (0, 1], got " + trainFraction);
        }
        if (!(taskFraction > 0 && taskFraction <= 1)) {
            throw new IllegalArgumentException("the in-distribution task fraction must be in (0, 1], got " + taskFraction);
        }
    }

    /** Seeded, stratified by task, 90/10, no held-out task. */
    public static SplitSpec stratified(long seed) {
        return new SplitSpec(Mode.STRATIFIED, seed, 0.9, 1.0, List.of());
    }

    /** WorldVLA's rule: 90% of tasks in distribution, 90% of their trajectories train. */
    public static SplitSpec worldVla() {
        return new SplitSpec(Mode.WORLDVLA, 0, 0.9, 0.9, List.of());
    }

    public SplitSpec withHeldOut(List<String> tasks) {
        return new SplitSpec(mode, seed, trainFraction, taskFraction, tasks);
    }

    public SplitSpec withTrainFraction(double f) {
        return new SplitSpec(mode, seed, f, taskFraction, heldOutTasks);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.id());
        m.put("seed", seed);
        m.put("train_fraction", trainFraction);
        m.put("task_fraction", taskFraction);
        m.put("held_out_tasks", List.copyOf(heldOutTasks));
        return m;
    }

    static SplitSpec fromJson(Map<?, ?> m) {
        return new SplitSpec(Mode.fromId((String) m.get("mode")), ((Number) m.get("seed")).longValue(),
                ((Number) m.get("train_fraction")).doubleValue(), ((Number) m.get("task_fraction")).doubleValue(),
                ((List<?>) m.get("held_out_tasks")).stream().map(String::valueOf).toList());
    }
}
