package io.vlastudio.training.predictions;

import java.nio.file.Path;

/**
 * {@code meta.json} of a predictions folder (contract C): which run and checkpoint predicted, how ({@code mode}: the
 * world model teacher-forced or open-loop from step {@code start}), for which demo (its file, name and length), and
 * what the frames are (camera, orientation, size). Read and written by {@link PredictionsFolder}, the one owner of the
 * folder format.
 *
 * @param run         the run's name
 * @param checkpoint  the checkpoint's folder name, e.g. {@code epoch3}
 * @param source      {@code studio-model} or {@code worldvla}
 * @param mode        {@code teacher-forced} or {@code open-loop}
 * @param start       the step the rollout started from (its first predicted frame is {@code start + 1})
 * @param demoFile    the HDF5 file of the demo, absolute
 * @param demo        the demo's name, e.g. {@code demo_3}
 * @param length      the demo's number of steps when it was predicted
 * @param camera      the camera the frames predict, {@code agentview}
 * @param orientation the frames' orientation id ({@code raw}: as stored in the file)
 * @param width       frame width in pixels
 * @param height      frame height in pixels
 */
public record PredictionMeta(String run, String checkpoint, String source, String mode, int start,
                             Path demoFile, String demo, int length, String camera, String orientation, int width, int height) {

    /** Predicted by the studio's own model. */
    public static final String SOURCE_STUDIO_MODEL = "studio-model";
    /** Predicted by WorldVLA's model through the studio's generation driver. */
    public static final String SOURCE_WORLDVLA = "worldvla";
    /** Every frame predicted from the real previous frame. */
    public static final String MODE_TEACHER_FORCED = "teacher-forced";
    /** From the real frame at {@code start}, feeding back its own frames. */
    public static final String MODE_OPEN_LOOP = "open-loop";

    /** Whether the frames are an open-loop rollout (horizon grows with the step). */
    public boolean openLoop() {
        return MODE_OPEN_LOOP.equals(mode);
    }

    /** {@code <file stem>#<demo>}, the folder name of these predictions in a workspace. */
    public String demoKey() {
        return PredictionsFolder.demoKey(demoFile, demo);
    }
}
