package io.vlastudio.training.run;

import io.vlastudio.store.WorkspaceException;
import io.vlastudio.store.runs.RunAttempt;
import io.vlastudio.store.runs.Runs;
import io.vlastudio.store.runs.SavedRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Creates, previews, starts, supervises, stops and resumes training runs of one workspace. Configurations and the
 * history of attempts live in the workspace ({@link Runs}); processes run in their own process groups with their
 * output in files, so a run survives the studio and a restarted studio re-attaches ({@link #attach}). Blocking calls;
 * supervision runs on a daemon thread per run and reports to {@link RunListener}s.
 */
public final class RunLauncher {

    private final Runs runs;
    private final Path workspaceDir;
    private final RunPlanner planner;
    private final Function<String, PythonProbe> prober;
    private final Duration grace;
    private final GpuMonitor gpus;
    private final Map<String, Supervision> active = new ConcurrentHashMap<>();
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

    public RunLauncher(Runs runs, Path workspaceDir, RunPlanner planner) {
        this(runs, workspaceDir, planner, PythonProbe::run, Duration.ofSeconds(40));
    }

    /**
     * @param grace how long Stop waits after TERM before KILL (torchrun itself escalates after 30 s)
     */
    public RunLauncher(Runs runs, Path workspaceDir, RunPlanner planner, Function<String, PythonProbe> prober, Duration grace) {
        this(runs, workspaceDir, planner, prober, grace, GpuMonitor.fromEnvironment());
    }

    /** @param gpus samples this machine's GPUs while a run is active (nvidia-smi; nothing without it) */
    public RunLauncher(Runs runs, Path workspaceDir, RunPlanner planner, Function<String, PythonProbe> prober, Duration grace,
                       GpuMonitor gpus) {
        this.gpus = gpus;
        this.runs = runs;
        this.workspaceDir = workspaceDir;
        this.planner = planner;
        this.prober = prober;
        this.grace = grace;
    }

    public void addListener(RunListener l) {
        listeners.add(l);
    }

    public void removeListener(RunListener l) {
        listeners.remove(l);
    }

    // ---- configurations ------------------------------------------------------------------------------------------

    /** Saves a new configuration; refuses a name in use. */
    public void create(RunConfig c) throws WorkspaceException {
        if (!runs.save(c.name(), c.toJson(), false)) {
            throw new IllegalArgumentException("a run named " + c.name() + " exists already; edit it, or pick another name");
        }
    }

    /** Saves (replaces) a configuration. */
    public void save(RunConfig c) throws WorkspaceException {
        runs.save(c.name(), c.toJson(), true);
    }

    public Optional<RunConfig> config(String name) throws WorkspaceException {
        return runs.get(name).map(s -> RunConfig.fromJson(s.configJson()));
    }

    public RunConfig require(String name) throws WorkspaceException {
        return config(name).orElseThrow(() -> new IllegalArgumentException("no run named " + name + " in workspace " + workspaceDir
                + " (vla-studio run list shows the runs)"));
    }

    public List<RunConfig> list() throws WorkspaceException {
        return runs.list().stream().map(SavedRun::configJson).map(RunConfig::fromJson).toList();
    }

    /** A copy under a new name (a fresh run folder). */
    public RunConfig duplicate(String from, String to) throws WorkspaceException {
        RunConfig copy = require(from).with(Map.of("name", to, "output_dir", ""));
        copy = copy.with(java.util.Collections.singletonMap("output_dir", null));
        create(copy);
        return copy;
    }

    /** Deletes a configuration; its attempts and run folder stay. Refused while it runs. */
    public boolean delete(String name) throws WorkspaceException {
        Optional<AttemptState> last = latest(name);
        if (last.isPresent() && !last.get().finished() && supervisorAlive(last.get())) {
            throw new IllegalStateException("run " + name + " is running; stop it first");
        }
        return runs.delete(name);
    }

    public RunPlanner.Layout layout(RunConfig c) {
        return new RunPlanner.Layout(c.outputDir() != null && !c.outputDir().isBlank()
                ? Path.of(c.outputDir()) : workspaceDir.resolve("runs").resolve(c.name()));
    }

    public List<Stage> preview(RunConfig c, boolean resume) {
        return planner.plan(c, layout(c), null, resume);
    }

    public List<Problem> preflight(RunConfig c, boolean resume) {
        PythonProbe probe = c.target() == Target.STUDIO_MODEL ? null : prober.apply(c.python());
        return Preflight.check(c, layout(c), probe, resume, studioTokenizer(c));
    }

    private Path studioTokenizer(RunConfig c) {
        if (c.target() != Target.STUDIO_MODEL || (c.tokenizerDir() == null && planner.builtinTokenizer() == null)) {
            return null;
        }
        return planner.studioTokenizer(c);
    }

    // ---- attempts --------------------------------------------------------------------------------------------

    public Optional<AttemptState> latest(String name) throws WorkspaceException {
        List<RunAttempt> all = runs.attempts(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(AttemptState.fromJson(all.get(all.size() - 1).recordJson()));
    }

    public List<RunAttempt> attempts(String name) throws WorkspaceException {
        return runs.attempts(name);
    }

    public Optional<Supervision> supervision(String name) {
        return Optional.ofNullable(active.get(name));
    }

    /**
     * Starts (or with {@code resume}, resumes from the latest {@code epoch*} checkpoint, skipping finished
     * pre-tokenize shards) a run: pre-flight, then the stages on a supervising thread.
     *
     * @throws PreflightException when a check fails; nothing was started
     */
    public Supervision start(String name, boolean resume, boolean clearCache) throws PreflightException, WorkspaceException, IOException {
        RunConfig c = require(name);
        Optional<AttemptState> last = latest(name);
        if (last.isPresent() && !last.get().finished() && (active.containsKey(name) || supervisorAlive(last.get()))) {
            throw new IllegalStateException("run " + name + " is already running");
        }
        PythonProbe probe = c.target() == Target.STUDIO_MODEL ? null : prober.apply(c.python());
        List<Problem> problems = Preflight.check(c, layout(c), probe, resume, studioTokenizer(c));
        if (problems.stream().anyMatch(Problem::blocking)) {
            throw new PreflightException(name, problems);
        }
        RunPlanner.Layout layout = layout(c);
        if (clearCache) {
            deleteTree(RunPlanner.trainCwd(c).resolve("xllmx_data_cache"));
        }
        for (Path d : List.of(layout.runDir(), layout.output(), layout.logs(), layout.dataConfigs(), layout.studioDir())) {
            Files.createDirectories(d);
        }
        if (c.target() != Target.STUDIO_MODEL) {
            copyResource(RunPlanner.PRETOKENIZE_DRIVER, layout.studioDir());
            copyResource(RunPlanner.CONCAT_DRIVER, layout.studioDir());
            Files.createDirectories(RunPlanner.trainCwd(c));
        }
        int port = c.masterPort() > 0 ? c.masterPort() : Preflight.freePort();
        List<Stage> stages = planner.plan(c, layout, port, resume);
        AttemptState s = new AttemptState();
        s.run = name;
        s.resume = resume;
        s.supervisor = self();
        provenance(s.provenance, c, probe, stages);
        for (Stage st : stages) {
            s.stages.put(st.name(), new AttemptState.StageState());
        }
        if (resume && last.isPresent()) {
            // shards and stages finish idempotently; training resumes from the latest epoch* folder (auto-resume)
            s.progress.epochs = c.epochs();
        }
        s.progress.epochs = c.epochs();
        long id = runs.startAttempt(name, AttemptState.RUNNING, s.toJson());
        if (c.target() == Target.SLURM) {
            Files.writeString(layout.sbatchScript(), stages.get(stages.size() - 1).sbatchScript());
        }
        Supervision sup = new Supervision(id, c, layout, stages, s);
        active.put(name, sup);
        sup.begin();
        return sup;
    }

    /**
     * Takes over a run whose latest attempt is still running but whose supervisor is gone (the studio was closed or
     * killed): re-attaches to the recorded process groups or Slurm job and reads the logs on from the recorded
     * offsets. Empty when there is nothing to take over.
     */
    public Optional<Supervision> attach(String name) throws WorkspaceException {
        if (active.containsKey(name)) {
            return Optional.of(active.get(name));
        }
        List<RunAttempt> all = runs.attempts(name);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        RunAttempt a = all.get(all.size() - 1);
        AttemptState s = AttemptState.fromJson(a.recordJson());
        if (s.finished() || supervisorAlive(s)) {
            return Optional.empty();
        }
        RunConfig c = config(name).orElseGet(() -> RunConfig.fromMap(s.provenance.config));
        RunPlanner.Layout layout = layout(c);
        List<Stage> stages = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> e : s.provenance.commands.entrySet()) {
            stages.add(planStage(c, layout, e.getKey(), s));
        }
        s.supervisor = self();
        runs.updateAttempt(a.id(), s.status, s.toJson(), false);
        Supervision sup = new Supervision(a.id(), c, layout, stages, s);
        active.put(name, sup);
        sup.begin();
        return Optional.of(sup);
    }

    /** Whether the run's latest attempt is running without a live supervisor (so {@link #attach} would take over). */
    public boolean attachable(String name) throws WorkspaceException {
        if (active.containsKey(name)) {
            return false;
        }
        Optional<AttemptState> s = latest(name);
        return s.isPresent() && !s.get().finished() && !supervisorAlive(s.get());
    }

    /** Re-attaches every run of the workspace that is running without a supervisor. */
    public List<String> attachAll() throws WorkspaceException {
        List<String> names = new ArrayList<>();
        for (SavedRun r : runs.list()) {
            if (attach(r.name()).isPresent()) {
                names.add(r.name());
            }
        }
        return names;
    }

    private Stage planStage(RunConfig c, RunPlanner.Layout layout, String name, AttemptState s) {
        Integer port = null;
        for (Stage st : planner.plan(c, layout, 0, s.resume)) {
            if (st.name().equals(name)) {
                List<List<String>> argvs = s.provenance.commands.get(name);
                List<StageCommand> cmds = new ArrayList<>();
                for (int i = 0; i < st.commands().size(); i++) {
                    StageCommand sc = st.commands().get(i);
                    cmds.add(new StageCommand(sc.label(), sc.cwd(), i < argvs.size() ? argvs.get(i) : sc.argv(), sc.env(), sc.local(), sc.log()));
                }
                return new Stage(name, cmds, s.provenance.sbatchScript);
            }
        }
        throw new IllegalStateException("stage " + name + " unknown to this launcher");
    }

    /**
     * Stops a run: TERM to each process group, grace period, KILL to the group (or scancel for Slurm). Works across
     * processes: the request is recorded, so the supervisor elsewhere reports "stopped" rather than "failed".
     */
    public void stop(String name) throws WorkspaceException, InterruptedException {
        Supervision sup = active.get(name);
        if (sup != null) {
            sup.stop();
            return;
        }
        List<RunAttempt> all = runs.attempts(name);
        if (all.isEmpty()) {
            throw new IllegalStateException("run " + name + " has never been started");
        }
        RunAttempt a = all.get(all.size() - 1);
        AttemptState s = AttemptState.fromJson(a.recordJson());
        if (s.finished()) {
            return;
        }
        s.stopRequested = true;
        runs.updateAttempt(a.id(), s.status, s.toJson(), false);
        boolean supervised = supervisorAlive(s);
        stopProcesses(s);
        if (!supervised) {
            s.status = AttemptState.STOPPED;
            s.reason = "stopped by the user";
            s.provenance.endedAt = Instant.now().toString();
            runs.updateAttempt(a.id(), s.status, s.toJson(), true);
        } else {
            // the supervisor records the end; wait a little for it
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end && !AttemptState.fromJson(runs.attempt(a.id()).orElseThrow().recordJson()).finished()) {
                Thread.sleep(200);
            }
        }
    }

    private void stopProcesses(AttemptState s) throws InterruptedException {
        for (AttemptState.StageState ss : s.stages.values()) {
            if (ss.jobId != null && !"succeeded".equals(ss.status)) {
                try {
                    Slurm.cancel(ss.jobId);
                } catch (IOException e) {
                    // already gone
                }
            }
            for (AttemptState.ProcessRef p : ss.processes) {
                GroupProcess.attach(p.pgid, p.startTicks).stop(grace);
            }
        }
    }

    static AttemptState.ProcessRef self() {
        AttemptState.ProcessRef r = new AttemptState.ProcessRef();
        r.label = "supervisor";
        r.pgid = ProcessHandle.current().pid();
        r.startTicks = GroupProcess.startTicks(r.pgid);
        return r;
    }

    private boolean supervisorAlive(AttemptState s) {
        if (s.supervisor == null) {
            return false;
        }
        if (s.supervisor.pgid == ProcessHandle.current().pid()) {
            return active.containsKey(s.run);
        }
        long[] st = GroupProcess.stat(s.supervisor.pgid);
        return st != null && st[2] == s.supervisor.startTicks && st[3] == 0;
    }

    private void provenance(AttemptState.Provenance p, RunConfig c, PythonProbe probe, List<Stage> stages) {
        p.config = c.toMap();
        for (Stage st : stages) {
            p.commands.put(st.name(), st.commands().stream().map(StageCommand::argv).toList());
            if (st.sbatchScript() != null) {
                p.sbatchScript = st.sbatchScript();
            }
        }
        p.exportManifestSha256 = sha256(Path.of(c.export()).resolve("manifest.json"));
        if (c.target() != Target.STUDIO_MODEL && c.worldvla() != null) {
            p.checkoutCommit = git(c.worldvla(), "rev-parse", "HEAD");
            String status = git(c.worldvla(), "status", "--porcelain");
            p.checkoutDirty = status == null ? null : !status.isBlank();
        }
        if (probe != null) {
            p.python = probe.python();
            p.pythonVersion = probe.pythonVersion();
            p.torchVersion = probe.torchVersion();
            p.cudaVersion = probe.cudaVersion();
            p.gpus = probe.gpus().stream().map(g -> g.name() + " (" + g.memoryMiB() + " MiB)").toList();
        }
        try {
            p.host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            p.host = null;
        }
        p.startedAt = Instant.now().toString();
    }

    static String sha256(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (Exception e) {
            return null;
        }
    }

    private static String git(String dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void copyResource(String name, Path dir) throws IOException {
        try (InputStream in = RunLauncher.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource io/vlastudio/training/run/" + name);
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** The latest lines of a file (for failure reports and {@code run logs}). */
    public static List<String> tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            long size = Files.size(file);
            try (var ch = Files.newByteChannel(file)) {
                long from = Math.max(0, size - 64 * 1024);
                ch.position(from);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (size - from));
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read on
                }
                String[] all = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n");
                return List.of(all).subList(Math.max(0, all.length - lines), all.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Supervision of one attempt: runs its stages in order and follows their logs. */
    public final class Supervision {

        private final long attemptId;
        private final RunConfig config;
        private final RunPlanner.Layout layout;
        private final List<Stage> stages;
        private final AttemptState state;
        private final Map<String, LogParser> parsers = new ConcurrentHashMap<>();
        private final List<GroupProcess> running = new CopyOnWriteArrayList<>();
        private volatile boolean stopping;
        private final Thread thread;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private long lastPersist;
        private long lastStoreCheck;
        private double lastProgressAt = -1;
        private long lastGpuPoll;
        private int lastProgressIter = -1;

        Supervision(long attemptId, RunConfig config, RunPlanner.Layout layout, List<Stage> stages, AttemptState state) {
            this.attemptId = attemptId;
            this.config = config;
            this.layout = layout;
            this.stages = stages;
            this.state = state;
            this.thread = new Thread(this::supervise, "run-" + config.name());
            this.thread.setDaemon(true);
        }

        void begin() {
            thread.start();
        }

        public String run() {
            return config.name();
        }

        public RunPlanner.Layout layout() {
            return layout;
        }

        /** A snapshot of the attempt's state (JSON round trip, so it never changes under the caller). */
        public AttemptState state() {
            synchronized (state) {
                return AttemptState.fromJson(state.toJson());
            }
        }

        /** Waits for the attempt to end; true if it did. */
        public boolean await(Duration d) throws InterruptedException {
            return done.await(d.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops the run and waits for the supervisor to record it. */
        public void stop() throws InterruptedException {
            stopping = true;
            synchronized (state) {
                state.stopRequested = true;
            }
            persist(true);
            await(grace.plusSeconds(30));
        }

        private void supervise() {
            try {
                for (Stage st : stages) {
                    AttemptState.StageState ss = state.stages.computeIfAbsent(st.name(), k -> new AttemptState.StageState());
                    if ("succeeded".equals(ss.status)) {
                        continue;
                    }
                    synchronized (state) {
                        state.stage = st.name();
                        ss.status = "running";
                    }
                    if (stopRequested()) {
                        finish(AttemptState.STOPPED, "stopped by the user", null);
                        return;
                    }
                    if (ss.processes.isEmpty() && ss.jobId == null) {
                        launch(st, ss);
                    } else {
                        for (AttemptState.ProcessRef p : ss.processes) {
                            running.add(GroupProcess.attach(p.pgid, p.startTicks));
                        }
                    }
                    persist(true);
                    if (!watch(st, ss)) {
                        return;
                    }
                    synchronized (state) {
                        ss.status = "succeeded";
                    }
                    running.clear();
                    persist(true);
                }
                finish(AttemptState.SUCCEEDED, null, null);
            } catch (Exception e) {
                try {
                    for (GroupProcess g : running) {
                        g.stop(Duration.ofSeconds(5));
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                finish(AttemptState.FAILED, "the launcher failed: " + e, null);
            } finally {
                active.remove(config.name(), this);
                done.countDown();
            }
        }

        private void launch(Stage st, AttemptState.StageState ss) throws IOException {
            for (StageCommand cmd : st.commands()) {
                if (!cmd.local()) {
                    continue;
                }
                if (st.sbatchScript() != null) {
                    Files.createDirectories(cmd.log().getParent());
                    ss.jobId = Slurm.submit(cmd.argv(), cmd.cwd());
                    Files.writeString(cmd.log(), "submitted batch job " + ss.jobId + "\n");
                    AttemptState.ProcessRef ref = new AttemptState.ProcessRef();
                    ref.label = "slurm job " + ss.jobId;
                    ref.log = layout.runDir().resolve("slurm-" + ss.jobId + ".out").toString();
                    ss.processes.clear();
                    synchronized (state) {
                        ss.processes.add(ref);
                    }
                    continue;
                }
                GroupProcess g = GroupProcess.start(cmd.argv(), cmd.cwd(), cmd.env(), cmd.log());
                running.add(g);
                AttemptState.ProcessRef ref = new AttemptState.ProcessRef();
                ref.label = cmd.label();
                ref.pgid = g.pgid();
                ref.startTicks = g.startTicks();
                ref.log = cmd.log().toString();
                ref.offset = Files.size(cmd.log());
                synchronized (state) {
                    ss.processes.add(ref);
                }
            }
        }

        /** Samples this machine's GPUs every {@code gpu_poll_seconds} (not for a Slurm job: its GPUs are elsewhere). */
        private void pollGpus(AttemptState.StageState ss) {
            double every = config.gpuPollSeconds();
            if (every <= 0 || ss.jobId != null || config.target() == Target.SLURM
                    || System.nanoTime() - lastGpuPoll < (long) (every * 1e9)) {
                return;
            }
            lastGpuPoll = System.nanoTime();
            gpus.sample().ifPresent(g -> {
                synchronized (state) {
                    state.gpus = g;
                    state.gpusAt = java.time.Instant.now().toString();
                }
                AttemptState snapshot = state();
                for (RunListener l : listeners) {
                    l.state(config.name(), snapshot);
                }
            });
        }

        /** Follows the stage until it ends; false when the attempt ended (failed or stopped). */
        private boolean watch(Stage st, AttemptState.StageState ss) throws Exception {
            LogEvent.Failure failure = null;
            long lastSlurmPoll = 0;
            Slurm.JobState job = null;
            while (true) {
                boolean alive;
                if (ss.jobId != null) {
                    if (System.nanoTime() - lastSlurmPoll > TimeUnit.MILLISECONDS.toNanos(700)) {
                        job = Slurm.state(ss.jobId);
                        lastSlurmPoll = System.nanoTime();
                        synchronized (state) {
                            ss.jobState = job.state();
                        }
                    }
                    alive = job == null || !job.finished();
                } else {
                    alive = running.stream().anyMatch(GroupProcess::leaderAlive);
                }
                LogEvent.Failure f = readLogs(st, ss);
                if (f != null && (failure == null || failure.kind() == LogEvent.Failure.Kind.PYTHON_ERROR)) {
                    failure = f;
                }
                if (stopRequested()) {
                    if (ss.jobId != null) {
                        Slurm.cancel(ss.jobId);
                        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (!Slurm.state(ss.jobId).finished() && System.nanoTime() < end) {
                            Thread.sleep(200);
                        }
                    }
                    for (GroupProcess g : running) {
                        g.stop(grace);
                    }
                    readLogs(st, ss);
                    finish(AttemptState.STOPPED, "stopped by the user", lastLog(ss));
                    return false;
                }
                if (!alive) {
                    break;
                }
                pollGpus(ss);
                persist(false);
                Thread.sleep(200);
            }
            // ranks a dead agent left behind must not outlive the stage
            for (GroupProcess g : running) {
                if (g.groupAlive()) {
                    g.stop(Duration.ofSeconds(5));
                }
            }
            Thread.sleep(100);
            LogEvent.Failure f = readLogs(st, ss);
            if (f != null && (failure == null || failure.kind() == LogEvent.Failure.Kind.PYTHON_ERROR)) {
                failure = f;
            }
            Integer code = null;
            boolean ok;
            if (ss.jobId != null) {
                ok = job != null && job.succeeded();
                code = exitOf(job == null ? null : job.exitCode());
            } else {
                for (GroupProcess g : running) {
                    if (g.exitCode().isPresent()) {
                        int e = g.exitCode().getAsInt();
                        code = code == null || code == 0 ? e : code;
                    }
                }
                ok = code != null ? code == 0 : failure == null && finishedCleanly(st);
            }
            synchronized (state) {
                ss.exitCode = code;
            }
            if (ok) {
                return true;
            }
            if (stopRequested()) {
                finish(AttemptState.STOPPED, "stopped by the user", lastLog(ss));
                return false;
            }
            String why;
            if (failure != null && failure.kind() != LogEvent.Failure.Kind.PYTHON_ERROR) {
                why = failure.kind().description + ": " + failure.line();
            } else if (ss.jobId != null) {
                why = "Slurm job " + ss.jobId + " ended " + (job == null ? "UNKNOWN" : job.state())
                        + (job != null && job.exitCode() != null ? " (ExitCode=" + job.exitCode() + ")" : "");
            } else if (code != null) {
                why = "the " + st.name() + " stage exited with code " + code + lastException(ss);
            } else {
                why = "the " + st.name() + " stage ended while the studio was closed and did not finish" + lastException(ss);
            }
            finish(AttemptState.FAILED, why, lastLog(ss));
            return false;
        }

        private Integer exitOf(String slurmExit) {
            if (slurmExit == null) {
                return null;
            }
            try {
                return Integer.parseInt(slurmExit.split(":")[0]);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** For a re-attached stage whose exit code is unknown: did it get to its end? */
        private boolean finishedCleanly(Stage st) {
            try {
                return switch (st.name()) {
                    case Stage.TRAIN -> {
                        if (config.target() == Target.STUDIO_MODEL) {
                            // StudioModelMain's last line tells: finished, or stopped at --max_minutes (both exit 0)
                            List<String> end = tail(layout.output().resolve("common.log"), 3);
                            if (end.stream().anyMatch(l -> l.endsWith("training finished")
                                    || l.endsWith("training stopped at the time limit"))) {
                                yield true;
                            }
                        }
                        Path log = layout.output().resolve("log_train.txt");
                        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                        yield !lines.isEmpty() && RunConfig.JSON.readTree(lines.get(lines.size() - 1)).path("epoch").asInt(-1)
                                == config.epochs() - 1;
                    }
                    case Stage.CONCAT -> Files.exists(layout.dataConfigs().resolve("val_ood.yaml"));
                    default -> state.stages.get(st.name()).processes.stream().allMatch(p ->
                            tail(Path.of(p.log), 1).stream().anyMatch(l -> l.endsWith(" done")));
                };
            } catch (IOException e) {
                return false;
            }
        }

        private String lastException(AttemptState.StageState ss) {
            List<String> t = lastLog(ss);
            for (int i = t.size() - 1; i >= 0; i--) {
                String l = t.get(i).strip();
                if (l.matches("^[A-Za-z_.]*(Error|Exception)\\b.*") || l.startsWith("studio-concat: error")) {
                    return ": " + l;
                }
            }
            return "";
        }

        private List<String> lastLog(AttemptState.StageState ss) {
            List<String> out = new ArrayList<>();
            for (AttemptState.ProcessRef p : ss.processes) {
                if (p.log != null) {
                    out.addAll(tail(Path.of(p.log), 30));
                }
            }
            return out.subList(Math.max(0, out.size() - 30), out.size());
        }

        private LogEvent.Failure readLogs(Stage st, AttemptState.StageState ss) throws IOException {
            LogEvent.Failure failure = null;
            for (AttemptState.ProcessRef p : ss.processes) {
                if (p.log == null) {
                    continue;
                }
                Path log = Path.of(p.log);
                if (!Files.exists(log)) {
                    continue;
                }
                LogParser parser = parsers.computeIfAbsent(p.log, k -> new LogParser());
                long size = Files.size(log);
                if (size <= p.offset) {
                    continue;
                }
                byte[] bytes;
                try (var ch = Files.newByteChannel(log)) {
                    ch.position(p.offset);
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size - p.offset, 8 << 20));
                    while (buf.hasRemaining() && ch.read(buf) > 0) {
                        // read on
                    }
                    bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
                }
                int lastNl = -1;
                for (int i = bytes.length - 1; i >= 0; i--) {
                    if (bytes[i] == '\n') {
                        lastNl = i;
                        break;
                    }
                }
                if (lastNl < 0) {
                    continue;
                }
                String text = new String(bytes, 0, lastNl, StandardCharsets.UTF_8);
                synchronized (state) {
                    p.offset += lastNl + 1;
                }
                for (String line : text.split("\n", -1)) {
                    for (RunListener l : listeners) {
                        l.line(config.name(), st.name(), line);
                    }
                    LogEvent e = parser.accept(line);
                    if (e == null) {
                        continue;
                    }
                    if (e instanceof LogEvent.Failure f && (failure == null || failure.kind() == LogEvent.Failure.Kind.PYTHON_ERROR)) {
                        failure = f;
                    }
                    progress(e);
                    for (RunListener l : listeners) {
                        l.event(config.name(), st.name(), e);
                    }
                }
            }
            return failure;
        }

        private void progress(LogEvent e) {
            synchronized (state) {
                AttemptState.Progress pr = state.progress;
                if (e instanceof LogEvent.Progress p) {
                    pr.epoch = p.epoch();
                    pr.iteration = p.iteration();
                    pr.iterations = p.iterations();
                    pr.phase = p.phase().name().toLowerCase();
                    if (p.phase() == LogEvent.Phase.TRAIN) {
                        double now = System.nanoTime() / 1e9;
                        if (lastProgressAt > 0 && p.iteration() > lastProgressIter) {
                            double spi = (now - lastProgressAt) / (p.iteration() - lastProgressIter);
                            pr.secondsPerIteration = pr.secondsPerIteration == null ? spi : 0.7 * pr.secondsPerIteration + 0.3 * spi;
                        }
                        lastProgressAt = now;
                        lastProgressIter = p.iteration();
                        if (pr.secondsPerIteration != null) {
                            long left = (long) (p.iterations() - p.iteration() - 1) + (long) (config.epochs() - p.epoch() - 1) * p.iterations();
                            pr.etaSeconds = Math.max(0, left) * pr.secondsPerIteration;
                        }
                    }
                } else if (e instanceof LogEvent.Records r) {
                    pr.records = r.done();
                    pr.recordsTotal = r.total();
                } else if (e instanceof LogEvent.EpochEnd end) {
                    lastProgressAt = -1;
                    lastProgressIter = -1;
                }
            }
        }

        private boolean stopRequested() throws WorkspaceException {
            if (stopping) {
                return true;
            }
            if (System.nanoTime() - lastStoreCheck > TimeUnit.MILLISECONDS.toNanos(500)) {
                lastStoreCheck = System.nanoTime();
                Optional<RunAttempt> a = runs.attempt(attemptId);
                if (a.isPresent() && AttemptState.fromJson(a.get().recordJson()).stopRequested) {
                    stopping = true;
                    synchronized (state) {
                        state.stopRequested = true;
                    }
                }
            }
            return stopping;
        }

        private void persist(boolean now) {
            if (!now && System.nanoTime() - lastPersist < TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            lastPersist = System.nanoTime();
            String json;
            synchronized (state) {
                json = state.toJson();
            }
            try {
                runs.updateAttempt(attemptId, AttemptState.RUNNING, json, false);
            } catch (WorkspaceException e) {
                // the next persist tries again; the processes are unaffected
            }
            AttemptState snapshot = state();
            for (RunListener l : listeners) {
                l.state(config.name(), snapshot);
            }
        }

        private void finish(String status, String reason, List<String> tail) {
            synchronized (state) {
                state.status = status;
                state.reason = reason;
                state.logTail = tail;
                state.provenance.endedAt = Instant.now().toString();
                state.checkpoints = checkpoints(layout.output());
                state.finalMetrics = finalMetrics(layout.output());
            }
            try {
                runs.updateAttempt(attemptId, status, state.toJson(), true);
            } catch (WorkspaceException e) {
                // nothing more to do: the record says running, and attach() will find the processes gone
            }
            AttemptState snapshot = state();
            for (RunListener l : listeners) {
                l.state(config.name(), snapshot);
            }
        }
    }

    /** The checkpoint folders of a run's output, oldest first. */
    public static List<String> checkpoints(Path output) {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(output)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("epoch\\d+(-iter\\d+)?"))
                    .sorted(Comparator.comparingInt((String n) -> Integer.parseInt(n.replaceAll("epoch(\\d+).*", "$1")))
                            .thenComparing(n -> n)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The last line of log_train.txt, log_eval_ind.txt and log_eval_ood.txt, merged. */
    public static Map<String, Double> finalMetrics(Path output) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String name : List.of("log_train.txt", "log_eval_ind.txt", "log_eval_ood.txt")) {
            Path f = output.resolve(name);
            List<String> last = tail(f, 1);
            if (last.isEmpty() || last.get(0).isBlank()) {
                continue;
            }
            try {
                var node = RunConfig.JSON.readTree(last.get(0));
                String prefix = name.equals("log_eval_ood.txt") ? "ood_" : "";
                node.fields().forEachRemaining(e -> {
                    if (e.getValue().isNumber()) {
                        out.put(e.getKey().equals("epoch") ? "epoch" : prefix + e.getKey(), e.getValue().asDouble());
                    }
                });
            } catch (IOException e) {
                // a torn line: skip
            }
        }
        return out;
    }
}
