package io.vlastudio.training.run;

import java.util.List;

/**
 * A stage of a run: {@code pretokenize}, {@code concat} or {@code train}. Its processes run side by side; the stage
 * ends when all of its local ones have ended. For Slurm, {@code sbatchScript} holds the batch script the train stage's
 * {@code sbatch} call submits.
 */
public record Stage(String name, List<StageCommand> commands, String sbatchScript) {

    public static final String PRETOKENIZE = "pretokenize";
    public static final String CONCAT = "concat";
    public static final String TRAIN = "train";

    public Stage {
        commands = List.copyOf(commands);
    }

    public StageCommand first() {
        return commands.get(0);
    }
}
