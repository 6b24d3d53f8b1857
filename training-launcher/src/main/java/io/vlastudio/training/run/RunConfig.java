package io.vlastudio.training.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vlastudio.training.studio.StudioModelOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named run configuration as saved in the workspace (JSON, one row of the store's {@code runs} table). Values left
 * out take WorldVLA's defaults from its training script (worldvla-pipeline §5). Edit with {@link #with(Map)}, which
 * goes through the same JSON mapping, so a saved config and an edited one never disagree on a field.
 *
 * @param export        the WorldVLA export folder (contract A) the run trains on
 * @param worldvla      the user's WorldVLA checkout (the folder holding {@code worldvla/pretrain_solver_awm_w_ck.py})
 * @param python        the Python interpreter of that checkout's environment
 * @param tokenizerDir  folder with {@code text_tokenizer.json}, {@code vqgan.yaml}, {@code vqgan.ckpt}
 *                      (default {@code <worldvla>/worldvla/ckpts/chameleon/tokenizer})
 * @param masterPort    the rendezvous port; 0 picks a free one at start ({@code {master_port}} in a preview)
 * @param cpu           run the ranks on the CPU (gloo), for trying the pipeline on a tiny export without a GPU
 * @param outputDir     the run folder; empty means {@code <workspace>/runs/<name>}
 * @param env           environment variables added to the training processes (e.g. {@code NCCL_DEBUG=INFO})
 * @param seed          studio model: the seed (deterministic on the CPU for a given seed; default 0)
 * @param maxMinutes    studio model: stop (evaluate and save) after this many minutes; 0 (default) means no limit
 * @param mask          studio model: {@code action} (WorldVLA's action attention mask, default) or {@code causal}
 * @param layers        studio model: transformer layers (default 2)
 * @param width         studio model: model width (default 128)
 * @param heads         studio model: attention heads (default 4; must divide the width)
 * @param alpha         studio model: loss weight of image tokens (default 0.04, WorldVLA's)
 * @param threads       studio model: PyTorch intra-op threads; 0 (default) means the studio's default
 * @param evalSamples   studio model: validation records per kind evaluated after each epoch (default 32)
 * @param gpuPollSeconds how often the launcher samples this machine's GPUs with nvidia-smi while the run is active
 *                      (default 10; 0 turns it off; never for Slurm runs, whose GPUs are on the compute nodes)
 * @param mix           the saved mix the export was written from when the run was created from a mix (provenance;
 *                      null when it was created from an export folder)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunConfig(
        String name,
        String export,
        Target target,
        String worldvla,
        String python,
        String tokenizerDir,
        String itemProcessor,
        @JsonProperty("model_size") String modelSize,
        Integer resolution,
        @JsonProperty("batch_size") Integer batchSize,
        @JsonProperty("accum_iter") Integer accumIter,
        Integer epochs,
        Double lr,
        @JsonProperty("min_lr") Double minLr,
        @JsonProperty("warmup_epochs") Double warmupEpochs,
        Double wd,
        @JsonProperty("clip_grad") Double clipGrad,
        @JsonProperty("max_seq_len") Integer maxSeqLen,
        @JsonProperty("init_from") String initFrom,
        @JsonProperty("resume_from") String resumeFrom,
        @JsonProperty("save_iteration_interval") Integer saveIterationInterval,
        @JsonProperty("ckpt_max_keep") Integer ckptMaxKeep,
        Integer gpus,
        Integer nodes,
        @JsonProperty("master_addr") String masterAddr,
        @JsonProperty("master_port") Integer masterPort,
        Boolean cpu,
        @JsonProperty("cache_ann_on_disk") Boolean cacheAnnOnDisk,
        String partition,
        String time,
        String account,
        @JsonProperty("output_dir") String outputDir,
        @JsonProperty("extra_args") List<String> extraArgs,
        Map<String, String> env,
        Long seed,
        @JsonProperty("max_minutes") Double maxMinutes,
        String mask,
        Integer layers,
        Integer width,
        Integer heads,
        Double alpha,
        Integer threads,
        @JsonProperty("eval_samples") Integer evalSamples,
        String mix,
        @JsonProperty("gpu_poll_seconds") Double gpuPollSeconds) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The studio model's defaults: one owner, the process's own options (never changed here). */
    private static final StudioModelOptions STUDIO_DEFAULTS = new StudioModelOptions();

    public RunConfig {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw new IllegalArgumentException("run name '" + name
                    + "' must start with a letter or digit and use only letters, digits, '.', '_' and '-' (80 at most)");
        }
        target = target == null ? Target.LOCAL : target;
        python = python == null ? "python3" : python;
        itemProcessor = itemProcessor == null ? "data.pre_tokenize_action:ItemProcessor" : itemProcessor;
        modelSize = modelSize == null ? "7B" : modelSize;
        resolution = resolution == null ? 512 : resolution;
        batchSize = positive(batchSize == null ? 8 : batchSize, "batch_size");
        accumIter = positive(accumIter == null ? 1 : accumIter, "accum_iter");
        epochs = positive(epochs == null ? target == Target.STUDIO_MODEL ? STUDIO_DEFAULTS.epochs() : 40 : epochs, "epochs");
        boolean studio = target == Target.STUDIO_MODEL;
        // the studio model is small and trained from scratch: its own learning rate and epoch count (StudioModelOptions')
        lr = lr == null ? studio ? STUDIO_DEFAULTS.lr() : 5e-6 : lr;
        minLr = minLr == null ? 5e-6 : minLr;
        warmupEpochs = warmupEpochs == null ? 0.01 : warmupEpochs;
        wd = wd == null ? 0.1 : wd;
        clipGrad = clipGrad == null ? 4.0 : clipGrad;
        maxSeqLen = positive(maxSeqLen == null ? 4096 : maxSeqLen, "max_seq_len");
        gpus = positive(gpus == null ? 1 : gpus, "gpus");
        nodes = positive(nodes == null ? 1 : nodes, "nodes");
        masterAddr = masterAddr == null ? "127.0.0.1" : masterAddr;
        masterPort = masterPort == null ? 0 : masterPort;
        if (masterPort < 0 || masterPort > 65535) {
            throw new IllegalArgumentException("master_port " + masterPort + " is not a port (0 picks a free one)");
        }
        cpu = cpu != null && cpu;
        cacheAnnOnDisk = cacheAnnOnDisk != null && cacheAnnOnDisk;
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        env = env == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(env));
        seed = seed == null ? STUDIO_DEFAULTS.seed() : seed;
        maxMinutes = maxMinutes == null ? STUDIO_DEFAULTS.maxMinutes() : maxMinutes;
        if (maxMinutes < 0) {
            throw new IllegalArgumentException("max_minutes must be 0 (no limit) or more, not " + maxMinutes);
        }
        mask = mask == null ? STUDIO_DEFAULTS.mask() : mask;
        if (!mask.equals("action") && !mask.equals("causal")) {
            throw new IllegalArgumentException("mask must be action or causal, not '" + mask + "'");
        }
        layers = positive(layers == null ? STUDIO_DEFAULTS.layers() : layers, "layers");
        width = positive(width == null ? STUDIO_DEFAULTS.width() : width, "width");
        heads = positive(heads == null ? STUDIO_DEFAULTS.heads() : heads, "heads");
        if (width % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide width (" + width + ")");
        }
        alpha = alpha == null ? STUDIO_DEFAULTS.alpha() : alpha;
        if (alpha < 0) {
            throw new IllegalArgumentException("alpha must be 0 or more, not " + alpha);
        }
        evalSamples = positive(evalSamples == null ? STUDIO_DEFAULTS.evalSamples() : evalSamples, "eval_samples");
        threads = threads == null ? STUDIO_DEFAULTS.threads() : threads;
        gpuPollSeconds = gpuPollSeconds == null ? 10.0 : gpuPollSeconds;
        if (gpuPollSeconds < 0) {
            throw new IllegalArgumentException("gpu_poll_seconds must be 0 (off) or more, not " + gpuPollSeconds);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (the studio's default) or more, not " + threads);
        }
    }

    private static int positive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + v);
        }
        return v;
    }

    /** A minimal config: WorldVLA defaults for everything but what names the data and the code. */
    public static RunConfig of(String name, String export, String worldvla) {
        return fromMap(Map.of("name", name, "export", export, "worldvla", worldvla));
    }

    /** This config with the given fields (JSON names) replaced; a null value resets a field to its default. */
    public RunConfig with(Map<String, ?> changes) {
        Map<String, Object> map = toMap();
        map.putAll(changes);
        return fromMap(map);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(JSON.convertValue(this, Map.class));
    }

    public static RunConfig fromMap(Map<String, ?> map) {
        try {
            return JSON.convertValue(map, RunConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable c = e;
            while (c.getCause() != null) {
                c = c.getCause();
            }
            throw new IllegalArgumentException(c.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunConfig fromJson(String json) {
        try {
            return JSON.readValue(json, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable run configuration: " + e.getOriginalMessage(), e);
        }
    }
}
