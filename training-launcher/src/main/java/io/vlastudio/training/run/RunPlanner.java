package io.vlastudio.training.run;

import io.vlastudio.training.studio.StudioModelMain;
import io.vlastudio.training.studio.StudioModelOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run configuration into its stages and their exact commands (worldvla-pipeline §4-§5): (1) pre-tokenize the
 * export's conversations with WorldVLA's own item processor through the studio's driver, one shard per GPU;
 * (2) concatenate the records into the export's token files and write the run's data configs; (3) train through
 * torchrun (or sbatch + srun torchrun, or the studio model's JVM). Pure: the same inputs give the same plan, which
 * is what Preview shows and Start runs.
 */
public final class RunPlanner {

    /** Written in a preview where the port is picked at start. */
    public static final String PORT_PLACEHOLDER = "{master_port}";
    /** The training entry point, relative to the checkout. */
    public static final String TRAIN_SCRIPT = "worldvla/pretrain_solver_awm_w_ck.py";
    public static final String PRETOKENIZE_DRIVER = "studio_pretokenize.py";
    public static final String CONCAT_DRIVER = "studio_concat.py";
    public static final List<String> SPLITS = List.of("train", "val_ind", "val_ood");

    private final String javaCommand;
    private final String classpath;
    private final Path builtinTokenizer;

    /**
     * @param javaCommand      the java executable for the studio-model target
     * @param classpath        the studio's classpath for the studio-model target
     * @param builtinTokenizer the studio's built-in image tokenizer folder, the studio model's tokenizer when a run
     *                         names none ({@code tokenizerDir}); may be null when no studio-model run is planned
     */
    public RunPlanner(String javaCommand, String classpath, Path builtinTokenizer) {
        this.javaCommand = javaCommand;
        this.classpath = classpath;
        this.builtinTokenizer = builtinTokenizer;
    }

    /** The planner for this JVM (its own java and classpath) with the studio's built-in tokenizer folder. */
    public static RunPlanner forThisJvm(Path builtinTokenizer) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new RunPlanner(java, System.getProperty("java.class.path"), builtinTokenizer);
    }

    public Path builtinTokenizer() {
        return builtinTokenizer;
    }

    /** The image tokenizer folder of a studio-model run: its own {@code tokenizerDir}, else the built-in one. */
    public Path studioTokenizer(RunConfig c) {
        if (c.tokenizerDir() != null) {
            return Path.of(c.tokenizerDir());
        }
        if (builtinTokenizer == null) {
            throw new IllegalStateException("this planner knows no built-in tokenizer; set the run's tokenizer folder");
        }
        return builtinTokenizer;
    }

    /** Where a run lives: its folder, its output (checkpoints, logs) and the studio's files. */
    public record Layout(Path runDir) {
        public Path output() {
            return runDir.resolve("output");
        }

        public Path studioDir() {
            return runDir.resolve("studio");
        }

        public Path dataConfigs() {
            return runDir.resolve("data");
        }

        public Path logs() {
            return runDir.resolve("logs");
        }

        public Path sbatchScript() {
            return runDir.resolve("train.sbatch");
        }
    }

    public static Path checkoutCode(RunConfig c) {
        return Path.of(c.worldvla()).resolve("worldvla");
    }

    /** WorldVLA's scripts run from {@code worldvla/exps_<res>_all} (their relative paths and data cache live there). */
    public static Path trainCwd(RunConfig c) {
        return checkoutCode(c).resolve("exps_" + c.resolution() + "_all");
    }

    public static Path tokenizerDir(RunConfig c) {
        return c.tokenizerDir() != null ? Path.of(c.tokenizerDir()) : checkoutCode(c).resolve("ckpts/chameleon/tokenizer");
    }

    public static Path pretokDir(RunConfig c) {
        return Path.of(c.export()).resolve("tokens").resolve("pretok");
    }

    /**
     * The stages in the order they run.
     *
     * @param port the master port to write, or {@code null} for the config's (or the placeholder when it is 0)
     */
    public List<Stage> plan(RunConfig c, Layout layout, Integer port, boolean resume) {
        String p = port != null ? port.toString() : c.masterPort() > 0 ? c.masterPort().toString() : PORT_PLACEHOLDER;
        List<Stage> stages = new ArrayList<>();
        if (c.target() == Target.STUDIO_MODEL) {
            stages.add(new Stage(Stage.TRAIN, List.of(studioModel(c, layout, resume)), null));
            return stages;
        }
        stages.add(pretokenize(c, layout));
        stages.add(concat(c, layout));
        switch (c.target()) {
            case LOCAL -> stages.add(new Stage(Stage.TRAIN, List.of(new StageCommand("node 0", trainCwd(c),
                    torchrun(c, layout, List.of("--nnodes=1", "--nproc_per_node=" + c.gpus(), "--master_port=" + p), resume),
                    trainEnv(c), true, layout.logs().resolve("train.log"))), null));
            case NODES -> {
                List<StageCommand> nodes = new ArrayList<>();
                for (int n = 0; n < c.nodes(); n++) {
                    nodes.add(new StageCommand("node " + n, trainCwd(c), torchrun(c, layout, List.of("--nnodes=" + c.nodes(),
                            "--nproc_per_node=" + c.gpus(), "--rdzv_backend=c10d", "--rdzv_endpoint=" + c.masterAddr() + ":" + p,
                            "--rdzv_id=" + c.name()), resume), trainEnv(c), n == 0,
                            layout.logs().resolve(n == 0 ? "train.log" : "train-node" + n + ".log")));
                }
                stages.add(new Stage(Stage.TRAIN, nodes, null));
            }
            case SLURM -> {
                List<String> argv = List.of("sbatch", "--parsable", "--job-name=vla-" + c.name(),
                        "--output=" + layout.runDir().resolve("slurm-%j.out"), "--chdir=" + trainCwd(c),
                        layout.sbatchScript().toString());
                stages.add(new Stage(Stage.TRAIN, List.of(new StageCommand("sbatch", trainCwd(c), argv, Map.of(), true,
                        layout.logs().resolve("sbatch.log"))), sbatchScript(c, layout, resume)));
            }
            default -> throw new IllegalStateException();
        }
        return stages;
    }

    private Stage pretokenize(RunConfig c, Layout layout) {
        int shards = c.gpus();
        List<StageCommand> cmds = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PYTHONUNBUFFERED", "1");
            env.put("CUDA_VISIBLE_DEVICES", c.cpu() ? "" : Integer.toString(s));
            cmds.add(new StageCommand("shard " + s, checkoutCode(c), List.of(c.python(), "-u",
                    layout.studioDir().resolve(PRETOKENIZE_DRIVER).toString(),
                    "--worldvla", checkoutCode(c).toString(), "--item_processor", c.itemProcessor(),
                    "--tokenizer", tokenizerDir(c).toString(), "--target_size", c.resolution().toString(),
                    "--export", c.export(), "--out_dir", pretokDir(c).toString(),
                    "--shard", Integer.toString(s), "--shards", Integer.toString(shards)),
                    env, true, layout.logs().resolve("pretokenize-" + s + ".log")));
        }
        return new Stage(Stage.PRETOKENIZE, cmds, null);
    }

    private Stage concat(RunConfig c, Layout layout) {
        return new Stage(Stage.CONCAT, List.of(new StageCommand("concat", checkoutCode(c), List.of(c.python(), "-u",
                layout.studioDir().resolve(CONCAT_DRIVER).toString(), "--export", c.export(),
                "--pretok_dir", pretokDir(c).toString(), "--config_dir", layout.dataConfigs().toString()),
                Map.of("PYTHONUNBUFFERED", "1"), true, layout.logs().resolve("concat.log"))), null);
    }

    private static Map<String, String> studioEnv(RunConfig c) {
        Map<String, String> env = new LinkedHashMap<>(c.env());
        return env;
    }

    private static Map<String, String> trainEnv(RunConfig c) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("OMP_NUM_THREADS", "1");
        if (c.cpu()) {
            env.put("CUDA_VISIBLE_DEVICES", "");
        }
        env.putAll(c.env());
        return env;
    }

    /** torchrun through the user's Python; {@code --redirects 1 --tee 1} also works around torch 1.13 on Python 3.11. */
    private static List<String> torchrun(RunConfig c, Layout layout, List<String> rendezvous, boolean resume) {
        List<String> argv = new ArrayList<>(List.of(c.python(), "-m", "torch.distributed.run"));
        argv.addAll(rendezvous);
        argv.addAll(List.of("--redirects", "1", "--tee", "1", "--monitor_interval", "1",
                "--log_dir", layout.logs().resolve("torchrun").toString()));
        argv.add(Path.of(c.worldvla()).resolve(TRAIN_SCRIPT).toString());
        argv.addAll(trainerFlags(c, layout, resume));
        return argv;
    }

    /** WorldVLA's training flags (pretrain_solver_awm_w_ck.py), in the order its launch scripts write them. */
    public static List<String> trainerFlags(RunConfig c, Layout layout, boolean resume) {
        List<String> f = new ArrayList<>(List.of(
                "--model_size", c.modelSize(),
                "--batch_size", c.batchSize().toString(),
                "--accum_iter", c.accumIter().toString(),
                "--epochs", c.epochs().toString(),
                "--warmup_epochs", num(c.warmupEpochs()),
                "--lr", num(c.lr()),
                "--min_lr", num(c.minLr()),
                "--wd", num(c.wd()),
                "--clip_grad", num(c.clipGrad()),
                "--data_config_train", layout.dataConfigs().resolve("train.yaml").toString(),
                "--data_config_val_ind", layout.dataConfigs().resolve("val_ind.yaml").toString(),
                "--data_config_val_ood", layout.dataConfigs().resolve("val_ood.yaml").toString(),
                "--max_seq_len", c.maxSeqLen().toString(),
                "--unmask_image_logits",
                "--output_dir", layout.output().toString()));
        if (c.initFrom() != null) {
            f.addAll(List.of("--init_from", c.initFrom()));
        }
        if (c.saveIterationInterval() != null) {
            f.addAll(List.of("--save_iteration_interval", c.saveIterationInterval().toString()));
        }
        if (c.ckptMaxKeep() != null) {
            f.addAll(List.of("--ckpt_max_keep", c.ckptMaxKeep().toString()));
        }
        if (c.cacheAnnOnDisk()) {
            f.add("--cache_ann_on_disk");
        }
        if (!resume) {
            f.add("--no_auto_resume");
        }
        f.addAll(c.extraArgs());
        return f;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private StageCommand studioModel(RunConfig c, Layout layout, boolean resume) {
        List<String> argv = StudioModelMain.command(javaCommand, classpath, studioOptions(c, layout, resume));
        argv.addAll(c.extraArgs());
        return new StageCommand("studio model", layout.runDir(), argv, studioEnv(c), true, layout.logs().resolve("train.log"));
    }

    /** The studio model process's options for a run: the run's settings, its output folder and tokenizer. */
    StudioModelOptions studioOptions(RunConfig c, Layout layout, boolean resume) {
        return new StudioModelOptions().export(Path.of(c.export())).outputDir(layout.output()).tokenizer(studioTokenizer(c))
                .epochs(c.epochs()).batchSize(c.batchSize()).lr(c.lr()).seed(c.seed()).maxMinutes(c.maxMinutes())
                .mask(c.mask()).layers(c.layers()).width(c.width()).heads(c.heads()).alpha(c.alpha())
                .evalSamples(c.evalSamples()).threads(c.threads())
                .initFrom(c.initFrom() == null ? null : Path.of(c.initFrom())).resume(resume);
    }

    /** The batch script: one torchrun agent per node under srun, c10d rendezvous on the first node's address. */
    public static String sbatchScript(RunConfig c, Layout layout, boolean resume) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# written by VLA Studio for run ").append(c.name()).append('\n');
        s.append("#SBATCH --job-name=vla-").append(c.name()).append('\n');
        s.append("#SBATCH --nodes=").append(c.nodes()).append('\n');
        s.append("#SBATCH --ntasks-per-node=1\n");
        if (!c.cpu()) {
            s.append("#SBATCH --gpus-per-node=").append(c.gpus()).append('\n');
        }
        if (c.partition() != null) {
            s.append("#SBATCH --partition=").append(c.partition()).append('\n');
        }
        if (c.time() != null) {
            s.append("#SBATCH --time=").append(c.time()).append('\n');
        }
        if (c.account() != null) {
            s.append("#SBATCH --account=").append(c.account()).append('\n');
        }
        s.append("set -euo pipefail\n");
        s.append("export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1\n");
        if (c.cpu()) {
            s.append("export CUDA_VISIBLE_DEVICES=\n");
        }
        for (Map.Entry<String, String> e : c.env().entrySet()) {
            s.append("export ").append(e.getKey()).append('=').append(shellQuote(e.getValue())).append('\n');
        }
        s.append("FIRST=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n1)\n");
        s.append("# the node's address, not its name: node names need not resolve\n");
        s.append("MASTER=$(scontrol show node \"$FIRST\" | sed -n 's/.*NodeAddr=\\([^ ]*\\).*/\\1/p')\n");
        s.append("PORT=").append(c.masterPort() > 0 ? c.masterPort().toString() : "$((29500 + SLURM_JOB_ID % 2000))").append('\n');
        List<String> argv = new ArrayList<>(List.of("srun", "--kill-on-bad-exit=1", c.python(), "-m", "torch.distributed.run",
                "--nnodes=" + c.nodes(), "--nproc_per_node=" + c.gpus(), "--rdzv_backend=c10d"));
        s.append(String.join(" ", argv.stream().map(RunPlanner::shellQuote).toList()));
        s.append(" --rdzv_endpoint=\"$MASTER:$PORT\" --rdzv_id=\"$SLURM_JOB_ID\" \\\n  --redirects 1 --tee 1 --monitor_interval 1 ");
        List<String> rest = new ArrayList<>();
        rest.add(Path.of(c.worldvla()).resolve(TRAIN_SCRIPT).toString());
        rest.addAll(trainerFlags(c, layout, resume));
        s.append(String.join(" ", rest.stream().map(RunPlanner::shellQuote).toList())).append('\n');
        return s.toString();
    }

    static String shellQuote(String a) {
        if (a.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return a;
        }
        return "'" + a.replace("'", "'\\''") + "'";
    }
}
