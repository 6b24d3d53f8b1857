package io.vlastudio.training.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run's training stage runs. */
public enum Target {
    /** torchrun on this machine, {@code --nproc_per_node} = the chosen GPUs. */
    LOCAL,
    /** One torchrun per node with a c10d rendezvous; the studio starts node 0 here and shows the others' commands. */
    NODES,
    /** An sbatch script with {@code srun torchrun}, submitted with sbatch and followed with squeue/scontrol. */
    SLURM,
    /** The studio's own small model in its own JVM (contract B), no WorldVLA checkout needed. */
    STUDIO_MODEL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Target parse(String id) {
        for (Target t : values()) {
            if (t.id().equalsIgnoreCase(id) || t.name().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target '" + id + "' (local, nodes, slurm or studio-model)");
    }
}
