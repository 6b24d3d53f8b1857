package io.vlastudio.training.predictions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The world-model videos of one episode: ground truth ({@code gt}), the tokenizer's reconstruction of it
 * ({@code gt_recons}) and the model's rollout ({@code inf}). A member is empty when its file is missing.
 */
public record EvalTriplet(String checkpoint, String date, int episode, String task,
                          Optional<EvalVideo> gt, Optional<EvalVideo> gtRecons, Optional<EvalVideo> inf) {

    /** The kinds in display order. */
    public static final List<String> KINDS = List.of("gt", "gt_recons", "inf");

    /** The member of {@code kind} ({@code gt}, {@code gt_recons} or {@code inf}). */
    public Optional<EvalVideo> member(String kind) {
        return switch (kind) {
            case "gt" -> gt;
            case "gt_recons" -> gtRecons;
            case "inf" -> inf;
            default -> throw new IllegalArgumentException("not a world-model video kind: " + kind);
        };
    }

    /** The kinds whose file is missing, in display order. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (String k : KINDS) {
            if (member(k).isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }
}
