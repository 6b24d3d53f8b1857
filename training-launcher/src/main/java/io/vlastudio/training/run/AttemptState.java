package io.vlastudio.training.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one attempt of a run, kept as JSON in the store's {@code run_attempts.record}: what re-attaching needs
 * (each process's pgid and start time, or the Slurm job id, and how far each log was read), the outcome, and the
 * provenance of the run (the config, the exact commands, the export manifest hash, the checkout's git commit and
 * dirty flag, Python / torch / CUDA versions and GPU names, checkpoints and final metrics). A plain data holder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class AttemptState {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String STOPPED = "stopped";

    public String run;
    public boolean resume;
    public String status = RUNNING;
    public String stage;
    public String reason;
    public List<String> logTail;
    public boolean stopRequested;
    public ProcessRef supervisor;
    public Map<String, StageState> stages = new LinkedHashMap<>();
    public Provenance provenance = new Provenance();
    public List<String> checkpoints = new ArrayList<>();
    public Map<String, Double> finalMetrics = new LinkedHashMap<>();
    public Progress progress = new Progress();
    /** The GPUs of this machine by nvidia-smi, sampled while the run is active (absent without nvidia-smi). */
    public List<GpuMonitor.GpuSample> gpus;
    /** When {@link #gpus} was sampled (ISO-8601). */
    public String gpusAt;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class StageState {
        public String status = "pending";
        public Integer exitCode;
        public String jobId;
        public String jobState;
        public List<ProcessRef> processes = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ProcessRef {
        public String label;
        public long pgid;
        public long startTicks;
        public String log;
        public long offset;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Provenance {
        public Map<String, Object> config;
        public Map<String, List<List<String>>> commands = new LinkedHashMap<>();
        public String sbatchScript;
        public String exportManifestSha256;
        public String checkoutCommit;
        public Boolean checkoutDirty;
        public String python;
        public String pythonVersion;
        public String torchVersion;
        public String cudaVersion;
        public List<String> gpus;
        public String host;
        public String startedAt;
        public String endedAt;
    }

    /** Progress as the logs tell it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Progress {
        public Integer epoch;
        public Integer epochs;
        public Integer iteration;
        public Integer iterations;
        public String phase;
        public Long records;
        public Long recordsTotal;
        public Double secondsPerIteration;
        public Double etaSeconds;
    }

    public boolean finished() {
        return !RUNNING.equals(status);
    }

    public String toJson() {
        try {
            return RunConfig.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AttemptState fromJson(String json) {
        try {
            return RunConfig.JSON.readValue(json, AttemptState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable run attempt record: " + e.getOriginalMessage(), e);
        }
    }
}
