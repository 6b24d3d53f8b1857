package io.vlastudio.store.curation;

import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.Review;

import java.util.Objects;

/**
 * A catalogued demo with everything filters, splits, mixes and exports look at: its catalog row, its whole review,
 * its no-op steps and action range (from the index), and facts about its file.
 *
 * @param noOpSteps     the demo's no-op steps, ascending
 * @param actionMin     per action dimension, the smallest finite value (empty when unknown)
 * @param actionMax     per action dimension, the largest finite value (empty when unknown)
 * @param gripperEvents gripper open/close events the index found
 * @param fingerprint   the content fingerprint of its file at the last index
 * @param fileSize      its file's size in bytes at the last index
 * @param fileSteps     steps of all present demos of its file (for per-step size estimates)
 * @param position      the demo's position in its file's numeric demo order (0, 1, ...)
 */
public record CurationRow(DemoRecord demo, Review review, int[] noOpSteps, double[] actionMin, double[] actionMax,
                          int gripperEvents, String fingerprint, long fileSize, long fileSteps, int position) {

    public CurationRow {
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(review, "review");
        noOpSteps = noOpSteps.clone();
        actionMin = actionMin.clone();
        actionMax = actionMax.clone();
    }

    public long id() {
        return demo.id();
    }

    /** The steps an export keeps: inside the trim, minus excluded and (when asked) no-op steps. */
    public int[] keptSteps() {
        return review.keptSteps(demo.length(), noOpSteps);
    }

    /** Bytes one step of this demo's file takes, on average (for export size estimates). */
    public double bytesPerStep() {
        return fileSteps <= 0 ? 0 : (double) fileSize / fileSteps;
    }

    /** {@code FILE_NAME#DEMO}, how manifests and messages name it. */
    public String label() {
        return demo.file().getFileName() + "#" + demo.demo();
    }
}
