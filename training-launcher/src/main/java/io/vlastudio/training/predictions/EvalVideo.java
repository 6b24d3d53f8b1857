package io.vlastudio.training.predictions;

import java.nio.file.Path;

/**
 * One evaluation video, from its file name: WorldVLA's closed-loop LIBERO rollouts
 * ({@code <date>--episode=<n>--success=True|False--task=<text>.mp4}) and its successor's world-model triplets
 * ({@code --success=gt|gt_recons|inf}).
 *
 * @param success    {@code "true"}, {@code "false"}, or for a world-model video {@code "gt"}, {@code "gt_recons"}, {@code "inf"}
 * @param task       the task text with underscores turned into spaces
 * @param checkpoint the folder the video lies in, relative to the scanned folder ({@code ""} at its root)
 */
public record EvalVideo(Path file, String date, int episode, String success, String task, String checkpoint) {

    /** A closed-loop rollout whose outcome is in its name (not a world-model video). */
    public boolean isRollout() {
        return "true".equals(success) || "false".equals(success);
    }

    /** One of the three videos of a world-model triplet. */
    public boolean isWorldModel() {
        return !isRollout();
    }

    public boolean succeeded() {
        return "true".equals(success);
    }
}
