package io.vlastudio.store.curation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns demos to {@code train}, {@code val_ind} and {@code val_ood}. Only names decide, never catalog ids or the
 * order demos were indexed in, so the same demos always split the same way (also after re-indexing, moving files or
 * opening another workspace).
 *
 * <p><b>WorldVLA mode</b> reproduces WorldVLA's data script: tasks (the LIBERO task name, the file stem without
 * {@code _demo}, scene prefix included) sorted by name; the first {@code ceil(0.9 * #tasks)} are in distribution,
 * the others {@code val_ood}. Within an in-distribution task the trajectories {@code trj_<i>} are sorted <em>as
 * strings</em> ({@code trj_0, trj_1, trj_10, trj_11, ..., trj_2}) and those at a sorted index below
 * {@code ceil(0.9 * #trajectories)} are {@code train}, the rest {@code val_ind}. {@code i} is the demo's position in
 * its file's numeric demo order (= its number in an original LIBERO file). Both ceilings are computed in binary64
 * as Python does ({@code math.ceil(0.9 * n)}).
 *
 * <p><b>Stratified mode</b>: held-out tasks go to {@code val_ood}; within every other task the demos are ordered by
 * a SHA-256 of (seed, suite, task, demo name) and the first {@code ceil(trainFraction * n)} are {@code train}.
 */
public final class SplitRule {

    /** What the rule looks at for one demo. */
    public record Candidate(long id, String suite, String task, String demo, int position) {
    }

    private SplitRule() {
    }

    public static Map<Long, SplitPart> assign(List<Candidate> demos, SplitSpec spec) {
        return spec.mode() == SplitSpec.Mode.WORLDVLA ? worldVla(demos, spec) : stratified(demos, spec);
    }

    /** WorldVLA's {@code math.ceil(fraction * n)} in binary64. */
    static int ceil(double fraction, int n) {
        return (int) Math.ceil(fraction * n);
    }

    private static Map<Long, SplitPart> worldVla(List<Candidate> demos, SplitSpec spec) {
        TreeMap<String, List<Candidate>> byTask = new TreeMap<>(); // String order = Python's sorted() on str
        for (Candidate c : demos) {
            byTask.computeIfAbsent(c.task(), k -> new ArrayList<>()).add(c);
        }
        int inDistribution = ceil(spec.taskFraction(), byTask.size());
        Map<Long, SplitPart> out = new LinkedHashMap<>();
        int t = 0;
        for (List<Candidate> task : byTask.values()) {
            if (t++ >= inDistribution) {
                task.forEach(c -> out.put(c.id(), SplitPart.VAL_OOD));
                continue;
            }
            List<Candidate> sorted = new ArrayList<>(task);
            sorted.sort(Comparator.comparing((Candidate c) -> "trj_" + c.position()).thenComparing(Candidate::suite));
            int train = ceil(spec.trainFraction(), sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                out.put(sorted.get(i).id(), i < train ? SplitPart.TRAIN : SplitPart.VAL_IND);
            }
        }
        return out;
    }

    private static Map<Long, SplitPart> stratified(List<Candidate> demos, SplitSpec spec) {
        Map<String, List<Candidate>> byTask = new TreeMap<>();
        for (Candidate c : demos) {
            byTask.computeIfAbsent(c.task(), k -> new ArrayList<>()).add(c);
        }
        List<String> heldOut = spec.heldOutTasks();
        Map<Long, SplitPart> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Candidate>> e : byTask.entrySet()) {
            if (heldOut.contains(e.getKey())) {
                e.getValue().forEach(c -> out.put(c.id(), SplitPart.VAL_OOD));
                continue;
            }
            Map<Candidate, String> keys = new HashMap<>();
            for (Candidate c : e.getValue()) {
                keys.put(c, hash(spec.seed() + "\u001f" + c.suite() + "\u001f" + c.task() + "\u001f" + c.demo()));
            }
            List<Candidate> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparing(keys::get));
            int train = ceil(spec.trainFraction(), sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                out.put(sorted.get(i).id(), i < train ? SplitPart.TRAIN : SplitPart.VAL_IND);
            }
        }
        return out;
    }

    private static String hash(String s) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
