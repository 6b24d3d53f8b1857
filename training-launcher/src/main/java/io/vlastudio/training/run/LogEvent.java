package io.vlastudio.training.run;

import java.util.Map;

/** What a line of a run's log says, as {@link LogParser} reads it. */
public sealed interface LogEvent {

    /** The phases of an epoch: WorldVLA trains, then evaluates in-distribution and out-of-distribution validation. */
    enum Phase { TRAIN, VAL_IND, VAL_OOD }

    /**
     * An {@code Epoch: [E]  [i/N]  name: window (global) ...} line.
     *
     * @param meters window averages by meter name (lr, closs, acc_*, grad_norm, samples/sec, max mem, ...)
     * @param global global averages where the line gives them
     */
    record Progress(Phase phase, int epoch, int iteration, int iterations, Map<String, Double> meters,
                    Map<String, Double> global) implements LogEvent {
    }

    /** {@code Averaged stats:} closing a phase. */
    record PhaseEnd(Phase phase, int epoch, Map<String, Double> averages) implements LogEvent {
    }

    /** {@code Epoch: [E] Total time: h:mm:ss}. */
    record EpochEnd(int epoch, String totalTime) implements LogEvent {
    }

    /** A driver's {@code studio-pretokenize: done/total} line. */
    record Records(long done, long total) implements LogEvent {
    }

    /** A recognised failure. */
    record Failure(Kind kind, String line) implements LogEvent {
        public enum Kind {
            NAN_LOSS("the loss became NaN or infinite"),
            CUDA_OOM("CUDA ran out of GPU memory"),
            NCCL("NCCL (GPU communication) failed"),
            DISK_FULL("the disk is full"),
            PYTHON_ERROR("the Python code raised an error");

            public final String description;

            Kind(String description) {
                this.description = description;
            }
        }
    }
}
