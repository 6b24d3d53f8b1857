package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.runs.RunAttempt;
import io.vlastudio.training.run.AttemptState;
import io.vlastudio.training.run.PreflightException;
import io.vlastudio.training.run.Problem;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunCurves;
import io.vlastudio.training.run.RunLauncher;
import io.vlastudio.training.run.Stage;
import io.vlastudio.training.run.StageCommand;
import io.vlastudio.training.run.SuperviseMain;
import io.vlastudio.training.run.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code vla-studio run create|preview|start|status|stop|resume|logs|list|compare}: WorldVLA training runs (issue 10). */
final class RunCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunCommands() {
    }

    static void register(CommandLine root, AppContext context) {
        root.addSubcommand("run", new CommandLine(new Group())
                .addSubcommand("create", new Create(context))
                .addSubcommand("preview", new Preview(context))
                .addSubcommand("start", new Start(context, false))
                .addSubcommand("resume", new Start(context, true))
                .addSubcommand("status", new Status(context))
                .addSubcommand("stop", new Stop(context))
                .addSubcommand("logs", new Logs(context))
                .addSubcommand("list", new ListRuns(context))
                .addSubcommand("compare", new Compare(context)));
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = {"WorldVLA fine-tuning runs: create a configuration,",
            "preview its exact commands, start, follow, stop and resume it (locally with torchrun, on several nodes,",
            "on Slurm, or the studio's own model)."})
    static final class Group extends GroupCommand {
    }

    abstract static class Base extends OpenWorkspaceCommand {
        @Option(names = "--json", description = "print JSON")
        boolean json;

        Base(AppContext context) {
            super(context);
        }

        @Override
        final int run(Workspace ws) throws Exception {
            return call(ws, context.runLauncher(ws));
        }

        abstract int call(Workspace ws, RunLauncher launcher) throws Exception;

        void print(Object node) throws IOException {
            out().println(JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Saves a run configuration in the workspace.",
            "Values left out take WorldVLA's defaults (7B, batch 8, 40 epochs, lr 5e-6, ...). With --replace an existing",
            "configuration is edited: only the options given change."})
    static final class Create extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--export", paramLabel = "DIR", description = "the WorldVLA export (vla-studio mix export) to train on")
        Path export;
        @Option(names = "--worldvla", paramLabel = "DIR", description = "your WorldVLA checkout (holds worldvla/pretrain_solver_awm_w_ck.py)")
        Path worldvla;
        @Option(names = "--python", paramLabel = "PATH", description = "the Python of WorldVLA's environment (default: python3)")
        String python;
        @Option(names = "--target", description = "local, nodes, slurm or studio-model (default local)")
        String target;
        @Option(names = "--gpus", description = "GPUs per node") Integer gpus;
        @Option(names = "--nodes") Integer nodes;
        @Option(names = "--epochs") Integer epochs;
        @Option(names = "--batch-size") Integer batchSize;
        @Option(names = "--accum-iter") Integer accumIter;
        @Option(names = "--lr") Double lr;
        @Option(names = "--min-lr") Double minLr;
        @Option(names = "--warmup-epochs") Double warmupEpochs;
        @Option(names = "--wd") Double wd;
        @Option(names = "--clip-grad") Double clipGrad;
        @Option(names = "--max-seq-len") Integer maxSeqLen;
        @Option(names = "--model-size", description = "7B or 34B") String modelSize;
        @Option(names = "--resolution", description = "256 or 512 (picks worldvla/exps_<res>_all)") Integer resolution;
        @Option(names = "--init-from", paramLabel = "DIR") Path initFrom;
        @Option(names = "--save-interval", description = "save every N iterations") Integer saveInterval;
        @Option(names = "--ckpt-max-keep") Integer ckptMaxKeep;
        @Option(names = "--master-addr") String masterAddr;
        @Option(names = "--master-port", description = "0 picks a free port at start") Integer masterPort;
        @Option(names = "--partition") String partition;
        @Option(names = "--time", description = "Slurm time limit, e.g. 2-00:00:00") String time;
        @Option(names = "--account") String account;
        @Option(names = "--tokenizer-dir", paramLabel = "DIR") Path tokenizerDir;
        @Option(names = "--output-dir", paramLabel = "DIR", description = "the run folder (default <workspace>/runs/NAME)") Path outputDir;
        @Option(names = "--cpu", negatable = true, description = "run the ranks on the CPU (gloo): for trying the pipeline on a tiny export")
        Boolean cpu;
        @Option(names = "--cache-ann-on-disk", negatable = true) Boolean cacheAnnOnDisk;
        @Option(names = "--env", paramLabel = "KEY=VALUE", description = "environment for the training processes (repeatable)")
        Map<String, String> env;
        @Option(names = "--seed", description = "studio model: the seed (default 0; the same seed gives the same weights on the CPU)")
        Long seed;
        @Option(names = "--max-minutes", description = "studio model: stop (evaluate and save) after N minutes (default 0: no limit)")
        Double maxMinutes;
        @Option(names = "--gpu-poll-seconds", description = "sample this machine's GPUs with nvidia-smi every N seconds while the run is active (default 10, 0: off)")
        Double gpuPollSeconds;
        @Option(names = "--mask", description = "studio model: action (WorldVLA's action attention mask, default) or causal")
        String mask;
        @Option(names = "--layers", description = "studio model: transformer layers (default 2)") Integer layers;
        @Option(names = "--width", description = "studio model: model width (default 128)") Integer width;
        @Option(names = "--heads", description = "studio model: attention heads (default 4)") Integer heads;
        @Option(names = "--alpha", description = "studio model: loss weight of image tokens (default 0.04)") Double alpha;
        @Option(names = "--threads", description = "studio model: PyTorch threads (default 0: the studio's default)") Integer threads;
        @Option(names = "--eval-samples", description = "studio model: validation records per kind each epoch (default 32)")
        Integer evalSamples;
        @Option(names = "--replace", description = "edit an existing configuration") boolean replace;

        Create(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "export", export == null ? null : export.toAbsolutePath().normalize().toString());
            put(m, "worldvla", worldvla == null ? null : worldvla.toAbsolutePath().normalize().toString());
            put(m, "python", python);
            put(m, "target", target);
            put(m, "gpus", gpus);
            put(m, "nodes", nodes);
            put(m, "epochs", epochs);
            put(m, "batch_size", batchSize);
            put(m, "accum_iter", accumIter);
            put(m, "lr", lr);
            put(m, "min_lr", minLr);
            put(m, "warmup_epochs", warmupEpochs);
            put(m, "wd", wd);
            put(m, "clip_grad", clipGrad);
            put(m, "max_seq_len", maxSeqLen);
            put(m, "model_size", modelSize);
            put(m, "resolution", resolution);
            put(m, "init_from", initFrom == null ? null : initFrom.toAbsolutePath().toString());
            put(m, "save_iteration_interval", saveInterval);
            put(m, "ckpt_max_keep", ckptMaxKeep);
            put(m, "master_addr", masterAddr);
            put(m, "master_port", masterPort);
            put(m, "partition", partition);
            put(m, "time", time);
            put(m, "account", account);
            put(m, "tokenizerDir", tokenizerDir == null ? null : tokenizerDir.toAbsolutePath().toString());
            put(m, "output_dir", outputDir == null ? null : outputDir.toAbsolutePath().toString());
            put(m, "cpu", cpu);
            put(m, "cache_ann_on_disk", cacheAnnOnDisk);
            put(m, "env", env);
            put(m, "seed", seed);
            put(m, "max_minutes", maxMinutes);
            put(m, "gpu_poll_seconds", gpuPollSeconds);
            put(m, "mask", mask);
            put(m, "layers", layers);
            put(m, "width", width);
            put(m, "heads", heads);
            put(m, "alpha", alpha);
            put(m, "threads", threads);
            put(m, "eval_samples", evalSamples);
            Optional<RunConfig> existing = launcher.config(name);
            RunConfig c;
            if (existing.isPresent()) {
                if (!replace) {
                    throw new IllegalArgumentException("a run named " + name + " exists already; pass --replace to edit it");
                }
                c = existing.get().with(m);
                launcher.save(c);
            } else {
                if (export == null) {
                    throw new IllegalArgumentException("--export DIR is required for a new run");
                }
                if (worldvla == null && (target == null || Target.parse(target) != Target.STUDIO_MODEL)) {
                    throw new IllegalArgumentException("--worldvla DIR (your WorldVLA checkout) is required for a WorldVLA run");
                }
                m.put("name", name);
                c = RunConfig.fromMap(m);
                launcher.create(c);
            }
            if (json) {
                out().println(c.toJson());
            } else {
                String shape = c.target() == Target.STUDIO_MODEL
                        ? c.layers() + " layers x " + c.width() + " wide, " + c.mask() + " mask, seed " + c.seed()
                        : c.nodes() + " node(s) x " + c.gpus() + " GPU(s)";
                out().println((existing.isPresent() ? "updated run " : "created run ") + name + " (" + c.target().id() + ", "
                        + c.epochs() + " epochs, " + shape + "); folder " + launcher.layout(c).runDir());
            }
            return 0;
        }

        private static void put(Map<String, Object> m, String k, Object v) {
            if (v != null) {
                m.put(k, v);
            }
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = {"Shows the exact working folder, argv and",
            "environment of every stage, in the order they run. With --json: one JSON object per line and stage,",
            "{\"<stage>\": {\"cwd\", \"argv\", \"env\"}} (a stage of several processes also lists them under \"commands\";",
            "for Slurm the train stage carries \"sbatch_script\"). {master_port} is picked at start."})
    static final class Preview extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--resume", description = "preview a resume (auto-resume from the latest epoch* checkpoint)")
        boolean resume;

        Preview(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            RunConfig c = launcher.require(name);
            for (Stage st : launcher.preview(c, resume)) {
                if (json) {
                    ObjectNode body = command(st.first());
                    if (st.commands().size() > 1) {
                        ArrayNode all = body.putArray("commands");
                        for (StageCommand sc : st.commands()) {
                            all.add(command(sc).put("label", sc.label()).put("local", sc.local()));
                        }
                    }
                    if (st.sbatchScript() != null) {
                        body.put("sbatch_script", st.sbatchScript());
                    }
                    ObjectNode line = JSON.createObjectNode();
                    line.set(st.name(), body);
                    out().println(JSON.writeValueAsString(line));
                } else {
                    out().println("## " + st.name());
                    for (StageCommand sc : st.commands()) {
                        out().println("# " + sc.label() + (sc.local() ? "" : " (run this on that node)") + ", in " + sc.cwd());
                        StringBuilder line = new StringBuilder();
                        sc.env().forEach((k, v) -> line.append(k).append('=').append(quote(v)).append(' '));
                        line.append(String.join(" ", sc.argv().stream().map(RunCommands::quote).toList()));
                        out().println(line);
                    }
                    if (st.sbatchScript() != null) {
                        out().println("# " + launcher.layout(c).sbatchScript() + ":");
                        out().print(st.sbatchScript());
                    }
                }
            }
            return 0;
        }

        private static ObjectNode command(StageCommand sc) {
            ObjectNode n = JSON.createObjectNode();
            n.put("cwd", sc.cwd().toString());
            ArrayNode argv = n.putArray("argv");
            sc.argv().forEach(argv::add);
            ObjectNode env = n.putObject("env");
            sc.env().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> env.put(e.getKey(), e.getValue()));
            return n;
        }
    }

    static String quote(String a) {
        return a.matches("[A-Za-z0-9_./=:,+@%{}-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = {"Checks the installation (pre-flight), then",
            "starts the run's stages in the background and returns; `run status` follows it. --wait follows it here."})
    static final class Start extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--wait", description = "follow the run until it ends (exit 0 when it succeeded)")
        boolean waitForEnd;
        @Option(names = "--clear-cache", description = "delete WorldVLA's xllmx_data_cache for this resolution first")
        boolean clearCache;
        private final boolean resume;

        Start(AppContext context, boolean resume) {
            super(context);
            this.resume = resume;
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            RunConfig c = launcher.require(name);
            List<Problem> problems = launcher.preflight(c, resume);
            for (Problem p : problems) {
                err().println(p);
            }
            if (problems.stream().anyMatch(Problem::blocking)) {
                err().println("error: run " + name + " was not started; nothing was changed");
                return 3;
            }
            if (waitForEnd) {
                RunLauncher.Supervision s;
                try {
                    s = launcher.start(name, resume, clearCache);
                } catch (PreflightException e) {
                    err().println("error: " + e.getMessage());
                    return 3;
                }
                String last = "";
                while (!s.await(Duration.ofSeconds(2))) {
                    String now = describe(s.state());
                    if (!now.equals(last) && !json) {
                        out().println(now);
                        out().flush();
                        last = now;
                    }
                }
                return report(s.state());
            }
            int before = launcher.attempts(name).size();
            Path runDir = launcher.layout(c).runDir();
            Files.createDirectories(runDir);
            Path log = runDir.resolve("supervisor.log");
            List<String> argv = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SuperviseMain.class.getName(), ws.directory().toString(), name,
                    resume ? "resume" : "start", "tokenizer=" + context.builtinTokenizer().folder()));
            if (clearCache) {
                argv.add("clear-cache");
            }
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (launcher.attempts(name).size() == before) {
                if (!p.isAlive()) {
                    err().println("error: the run did not start:\n" + String.join("\n", RunLauncher.tail(log, 15)));
                    return 1;
                }
                if (System.nanoTime() > end) {
                    err().println("error: the run's supervisor did not record a start within 2 minutes; see " + log);
                    return 1;
                }
                Thread.sleep(100);
            }
            if (json) {
                print(statusNode(name, launcher));
            } else {
                out().println((resume ? "resumed " : "started ") + name + " in the background (supervisor pid " + p.pid() + "); follow it with"
                        + " `vla-studio run status " + name + "` or `vla-studio run logs " + name + "`");
            }
            return 0;
        }

        private int report(AttemptState s) throws IOException {
            if (json) {
                print(JSON.valueToTree(s));
            } else {
                out().println("run " + name + " " + s.status + (s.reason == null ? "" : ": " + s.reason));
                if (s.logTail != null && AttemptState.FAILED.equals(s.status)) {
                    s.logTail.forEach(out()::println);
                }
            }
            return AttemptState.SUCCEEDED.equals(s.status) ? 0 : 1;
        }
    }

    static String describe(AttemptState s) {
        StringBuilder b = new StringBuilder(s.status);
        if (s.stage != null) {
            b.append(" · ").append(s.stage);
        }
        AttemptState.Progress p = s.progress;
        if (p != null && "pretokenize".equals(s.stage) && p.records != null) {
            b.append(" ").append(p.records).append('/').append(p.recordsTotal).append(" records");
        }
        if (p != null && "train".equals(s.stage) && p.epoch != null) {
            b.append(" epoch ").append(p.epoch + 1).append('/').append(p.epochs).append(' ').append(p.phase)
                    .append(" iteration ").append(p.iteration + 1).append('/').append(p.iterations);
            if (p.etaSeconds != null) {
                b.append(" · ETA ").append(Duration.ofSeconds(Math.round(p.etaSeconds)).toString().substring(2).toLowerCase());
            }
        }
        if (s.reason != null) {
            b.append(" · ").append(s.reason);
        }
        return b.toString();
    }

    static ObjectNode statusNode(String name, RunLauncher launcher) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", name);
        List<RunAttempt> attempts = launcher.attempts(name);
        if (attempts.isEmpty()) {
            n.put("status", "created");
            return n;
        }
        RunAttempt a = attempts.get(attempts.size() - 1);
        AttemptState s = AttemptState.fromJson(a.recordJson());
        n.put("attempt", a.id());
        n.put("attempts", attempts.size());
        n.put("started_at", a.startedAt().toString());
        if (a.endedAt() != null) {
            n.put("ended_at", a.endedAt().toString());
        }
        n.setAll((ObjectNode) JSON.valueToTree(s));
        return n;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {"The run's status, stage, progress and ETA,",
            "checkpoints and final metrics. A run left without a supervisor (the studio was closed) is re-attached."})
    static final class Status extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Status(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            launcher.require(name);
            Optional<AttemptState> last = launcher.latest(name);
            boolean reattached = false;
            if (last.isPresent() && !last.get().finished() && launcher.attachable(name)) {
                Path log = launcher.layout(launcher.require(name)).runDir().resolve("supervisor.log");
                new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), SuperviseMain.class.getName(), ws.directory().toString(), name, "attach",
                        "tokenizer=" + context.builtinTokenizer().folder())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                reattached = true;
            }
            ObjectNode n = statusNode(name, launcher);
            if (json) {
                n.put("reattached", reattached);
                print(n);
            } else if (last.isEmpty()) {
                out().println(name + ": created, never started");
            } else {
                AttemptState s = last.get();
                out().println(name + ": " + describe(s) + (reattached ? " (re-attached)" : ""));
                if (!s.checkpoints.isEmpty()) {
                    out().println("checkpoints: " + String.join(", ", s.checkpoints));
                }
                if (!s.finalMetrics.isEmpty()) {
                    out().println("final metrics: " + s.finalMetrics);
                }
                if (s.gpus != null) {
                    out().println("GPUs (nvidia-smi, " + s.gpusAt + "):");
                    out().println(io.vlastudio.training.run.GpuMonitor.describe(s.gpus));
                }
                if (AttemptState.FAILED.equals(s.status) && s.logTail != null) {
                    out().println("log tail:");
                    s.logTail.forEach(out()::println);
                }
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = {"Stops the run: TERM to every process group of",
            "its stages (torchrun passes it to each rank), a grace period, then KILL; scancel for Slurm."})
    static final class Stop extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Stop(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            launcher.require(name);
            launcher.stop(name);
            if (json) {
                print(statusNode(name, launcher));
            } else {
                out().println(name + ": " + launcher.latest(name).map(RunCommands::describe).orElse("never started"));
            }
            return 0;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "The latest lines of a stage's log.")
    static final class Logs extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--stage", description = "pretokenize, concat or train (default: the current or last stage)")
        String stage;
        @Option(names = {"-n", "--lines"}, description = "how many lines (default 50)")
        int lines = 50;
        @Option(names = "--grep", description = "only lines containing this text")
        String grep;

        Logs(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            launcher.require(name);
            AttemptState s = launcher.latest(name).orElseThrow(() -> new IllegalArgumentException("run " + name + " has never been started"));
            String st = stage != null ? stage : s.stage;
            AttemptState.StageState ss = s.stages.get(st);
            if (ss == null) {
                throw new IllegalArgumentException("run " + name + " has no stage " + st + " (stages: " + s.stages.keySet() + ")");
            }
            ArrayNode files = JSON.createArrayNode();
            for (AttemptState.ProcessRef p : ss.processes) {
                if (p.log == null) {
                    continue;
                }
                List<String> text = RunLauncher.tail(Path.of(p.log), grep == null ? lines : 100_000);
                if (grep != null) {
                    text = text.stream().filter(l -> l.contains(grep)).toList();
                    text = text.subList(Math.max(0, text.size() - lines), text.size());
                }
                if (json) {
                    ObjectNode f = files.addObject().put("stage", st).put("process", p.label).put("file", p.log);
                    text.forEach(f.putArray("lines")::add);
                } else {
                    out().println("==> " + p.log + " <==");
                    text.forEach(out()::println);
                }
            }
            if (json) {
                print(files);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The workspace's runs with their latest status.")
    static final class ListRuns extends Base {
        ListRuns(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            ArrayNode all = JSON.createArrayNode();
            for (RunConfig c : launcher.list()) {
                Optional<AttemptState> s = launcher.latest(c.name());
                if (json) {
                    all.addObject().put("name", c.name()).put("target", c.target().id()).put("export", c.export())
                            .put("status", s.map(x -> x.status).orElse("created"))
                            .put("attempts", launcher.attempts(c.name()).size());
                } else {
                    out().printf("%-24s %-13s %s%n", c.name(), c.target().id(), s.map(RunCommands::describe).orElse("created"));
                }
            }
            if (json) {
                print(all);
            } else if (all.isEmpty() && launcher.list().isEmpty()) {
                out().println("no runs yet: vla-studio run create NAME --export DIR --worldvla DIR");
            }
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = {"The curves of two (or more) runs for one",
            "metric, read from their train logs (training pass, x = epoch + (i+1)/N) or, for a metric the logs do not",
            "print, from output/log_train.txt and log_eval_*.txt (one point per epoch)."})
    static final class Compare extends Base {
        @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN")
        List<String> names;
        @Option(names = "--metric", description = "closs (default), lr, grad_norm, acc_action_0, acc_image, ... (a name the log prints)")
        String metric = "closs";

        Compare(AppContext context) {
            super(context);
        }

        @Override
        int call(Workspace ws, RunLauncher launcher) throws Exception {
            RunCurves curves = new RunCurves(launcher);
            List<RunCurves.Curve> all = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String n : names) {
                RunCurves.Curve c = curves.curve(n, metric);
                all.add(c);
                if (c.size() == 0) {
                    problems.add("run " + n + " has no " + metric + " values in its logs (it has: "
                            + String.join(", ", curves.metrics(n)) + ")");
                }
            }
            if (json) {
                ObjectNode root = JSON.createObjectNode().put("metric", metric);
                ArrayNode series = root.putArray("series");
                for (RunCurves.Curve c : all) {
                    ObjectNode o = series.addObject().put("run", c.run()).put("source", c.source()).put("points", c.size());
                    ArrayNode x = o.putArray("x");
                    ArrayNode y = o.putArray("y");
                    for (int i = 0; i < c.size(); i++) {
                        x.add(c.x()[i]);
                        y.add(c.y()[i]);
                    }
                }
                problems.forEach(root.putArray("problems")::add);
                print(root);
            } else {
                out().printf("%-24s %7s %12s %12s %12s %12s  %s%n", "run", "points", "first", "last", "min", "at epoch", "source");
                for (RunCurves.Curve c : all) {
                    if (c.size() == 0) {
                        out().printf("%-24s %7d%n", c.run(), 0);
                        continue;
                    }
                    int min = 0;
                    for (int i = 1; i < c.size(); i++) {
                        if (c.y()[i] < c.y()[min]) {
                            min = i;
                        }
                    }
                    out().printf("%-24s %7d %12.6g %12.6g %12.6g %12.3f  %s%n", c.run(), c.size(), c.y()[0],
                            c.y()[c.size() - 1], c.y()[min], c.x()[min], c.source());
                }
                problems.forEach(p -> err().println(p));
            }
            return all.stream().allMatch(c -> c.size() == 0) ? 1 : 0;
        }
    }
}
