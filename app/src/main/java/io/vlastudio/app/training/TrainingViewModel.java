package io.vlastudio.app.training;

import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.Workspaces;
import io.vlastudio.training.run.AttemptState;
import io.vlastudio.training.run.LogEvent;
import io.vlastudio.training.run.PreflightException;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunCurves;
import io.vlastudio.training.run.RunLauncher;
import io.vlastudio.training.run.RunListener;
import io.vlastudio.training.run.Stage;
import io.vlastudio.training.run.StageCommand;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The Training window's state (FX thread only): the workspace's runs with their latest status, the selected run's
 * stages, live curves and log. The launcher reports on its supervising threads; those reports are queued and drained
 * onto the FX thread in batches every 250 ms, so a chatty log never floods the UI. Slow calls (pre-flight probes
 * Python, stop waits for the ranks) go through the {@link TaskRunner}.
 */
public final class TrainingViewModel implements AutoCloseable {

    /** One row of the runs list. */
    public record RunRow(String name, String target, String status) {
    }

    public static final int MAX_LOG_LINES = 5000;

    private final Workspace workspace;
    private final Workspaces workspaces;
    private final io.vlastudio.training.export.WorldVlaExporter exporter;
    private final String studioVersion;
    private final ObservableList<String> savedMixes = FXCollections.observableArrayList();
    private final javafx.beans.property.BooleanProperty exporting = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.DoubleProperty exportProgress = new javafx.beans.property.SimpleDoubleProperty();
    private final StringProperty exportStatus = new SimpleStringProperty("");
    private io.vlastudio.app.mix.WorldVlaExportViewModel mixExport;
    private final RunLauncher launcher;
    private final TaskRunner runner;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty gpus = new SimpleStringProperty("");
    private final ObjectProperty<Ablation> ablation = new SimpleObjectProperty<>();
    private final ObservableList<io.vlastudio.training.studio.StudioAblation.Position> ablationRows = FXCollections.observableArrayList();
    private final StringProperty ablationNote = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final Map<String, XYChart.Series<Number, Number>> curves = new LinkedHashMap<>();
    private final ObservableList<XYChart.Series<Number, Number>> series = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> compared = FXCollections.observableArrayList();
    private final ObservableList<String> compareMetrics = FXCollections.observableArrayList();
    private final StringProperty compareNote = new SimpleStringProperty("");
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Timeline drain;
    private final RunListener listener;
    private int trainPoint;

    public TrainingViewModel(Workspaces workspaces, Path workspaceDir, Consumer<Workspace> unused, TaskRunner runner,
                             java.util.function.Function<Workspace, RunLauncher> launchers) throws Exception {
        this(workspaces, workspaceDir, runner, launchers, null, null);
    }

    /**
     * @param exporter      the WorldVLA exporter for New Run from a saved mix (null: runs start from export folders only)
     * @param studioVersion written into the export's manifest
     */
    public TrainingViewModel(Workspaces workspaces, Path workspaceDir, TaskRunner runner,
                             java.util.function.Function<Workspace, RunLauncher> launchers,
                             io.vlastudio.training.export.WorldVlaExporter exporter, String studioVersion) throws Exception {
        this.workspaces = workspaces;
        this.exporter = exporter;
        this.studioVersion = studioVersion;
        this.workspace = workspaces.open(workspaceDir);
        this.launcher = launchers.apply(workspace);
        this.runner = runner;
        for (String name : List.of("closs", "acc_action_0", "acc_image", "lr", "grad_norm")) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            curves.put(name, s);
        }
        series.add(curves.get("closs"));
        this.listener = new RunListener() {
            @Override
            public void line(String run, String stage, String line) {
                inbox.add(() -> {
                    if (run.equals(selected.get())) {
                        log.add(line);
                    }
                });
            }

            @Override
            public void event(String run, String stage, LogEvent event) {
                if (event instanceof LogEvent.Progress p && p.phase() == LogEvent.Phase.TRAIN) {
                    inbox.add(() -> {
                        if (run.equals(selected.get())) {
                            addPoint(p);
                        }
                    });
                }
            }

            @Override
            public void state(String run, AttemptState state) {
                inbox.add(() -> {
                    if (run.equals(selected.get())) {
                        show(state);
                    }
                    updateRow(run, state.status);
                    if (state.finished()) {
                        checkAblation(run);
                    }
                });
            }
        };
        launcher.addListener(listener);
        drain = new Timeline(new KeyFrame(Duration.millis(250), e -> drainInbox()));
        drain.setCycleCount(Timeline.INDEFINITE);
        drain.play();
    }

    private void drainInbox() {
        List<Runnable> batch = new ArrayList<>();
        for (Runnable r; (r = inbox.poll()) != null; ) {
            batch.add(r);
        }
        batch.forEach(Runnable::run);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    private void addPoint(LogEvent.Progress p) {
        trainPoint++;
        for (Map.Entry<String, XYChart.Series<Number, Number>> e : curves.entrySet()) {
            Double v = p.meters().get(e.getKey());
            if (v != null && Double.isFinite(v)) {
                e.getValue().getData().add(new XYChart.Data<>(p.epoch() + (p.iteration() + 1.0) / p.iterations(), v));
            }
        }
    }

    private void show(AttemptState s) {
        status.set(s.status);
        detail.set(describe(s));
        gpus.set(s.gpus == null ? "" : io.vlastudio.training.run.GpuMonitor.describe(s.gpus)
                + (s.finished() ? "\n(sampled while the run was active)" : ""));
    }

    /** This machine's GPUs by nvidia-smi as the run last sampled them; empty without nvidia-smi. */
    public StringProperty gpusProperty() {
        return gpus;
    }

    static String describe(AttemptState s) {
        StringBuilder b = new StringBuilder();
        if (s.stage != null) {
            b.append("stage ").append(s.stage);
        }
        AttemptState.Progress p = s.progress;
        if ("pretokenize".equals(s.stage) && p.records != null) {
            b.append(" · ").append(p.records).append('/').append(p.recordsTotal).append(" records");
        }
        if ("train".equals(s.stage) && p.epoch != null) {
            b.append(" · epoch ").append(p.epoch + 1).append('/').append(p.epochs).append(" · ").append(p.phase)
                    .append(' ').append(p.iteration + 1).append('/').append(p.iterations);
            if (p.etaSeconds != null) {
                long sec = Math.round(p.etaSeconds);
                b.append(String.format(" · ETA %d:%02d:%02d", sec / 3600, sec / 60 % 60, sec % 60));
            }
        }
        if (s.reason != null) {
            b.append(" · ").append(s.reason);
        }
        return b.toString();
    }

    private void updateRow(String run, String st) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(run)) {
                runs.set(i, new RunRow(run, runs.get(i).target(), st));
            }
        }
    }

    /** Reloads the runs list (and re-attaches runs a closed studio left running). */
    public void refresh() {
        runner.run("Loading runs", ctx -> {
            launcher.attachAll();
            List<RunRow> rows = new ArrayList<>();
            for (RunConfig c : launcher.list()) {
                rows.add(new RunRow(c.name(), c.target().id(), launcher.latest(c.name()).map(s -> s.status).orElse("created")));
            }
            return java.util.Map.entry(rows, workspace.curation().mixes());
        }, r -> {
            runs.setAll(r.getKey());
            savedMixes.setAll(r.getValue());
        }, this::fail);
    }

    public void select(String name) {
        if (java.util.Objects.equals(name, selected.get()) && name != null) {
            return; // the row was only refreshed (a new status badge)
        }
        selected.set(name);
        log.clear();
        curves.values().forEach(s -> s.getData().clear());
        trainPoint = 0;
        status.set("");
        detail.set("");
        gpus.set("");
        if (name == null) {
            return;
        }
        runner.run("Loading run " + name, ctx -> launcher.latest(name), s -> {
            if (s.isPresent()) {
                show(s.get());
            } else {
                status.set("created");
            }
        }, this::fail);
    }

    /** Saves a new configuration and selects it. */
    public void create(RunConfig c) {
        runner.run("Creating run " + c.name(), ctx -> {
            launcher.create(c);
            return c.name();
        }, name -> {
            runs.add(new RunRow(c.name(), c.target().id(), "created"));
            select(name);
            message.set("created run " + name);
        }, this::fail);
    }

    /** Whether New Run can start from a saved mix (an exporter was given). */
    public boolean canStartFromMix() {
        return exporter != null;
    }

    /** The workspace's saved mixes (New Run → from a saved mix). */
    public ObservableList<String> savedMixes() {
        return savedMixes;
    }

    /** Where New Run from a mix writes the mix's WorldVLA export: {@code <workspace>/exports/<run>-<mix>}. */
    public Path mixExportDir(String run, String mix) {
        return workspace.directory().resolve("exports").resolve(run + "-" + mix.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * New Run from a saved mix: writes the mix's WorldVLA export (the export dialog's own code path: check, then
     * export with progress and Cancel) into {@link #mixExportDir}, then saves {@code template} on it with the mix
     * name in its provenance. Nothing is saved when the export fails or is cancelled.
     */
    public void createFromMix(RunConfig template, String mix) {
        exportMixThen(template.name(), mix, (dir, resolution) -> create(template.with(java.util.Map.of("export",
                dir.toString(), "mix", mix, "resolution", resolution)))); // trains at the export's resolution
    }

    /** Exports a saved mix into {@link #mixExportDir}{@code (name, mix)}, then hands the folder and its resolution on. */
    private void exportMixThen(String name, String mix, java.util.function.BiConsumer<Path, Integer> then) {
        if (exporter == null) {
            message.set("error: this window cannot export mixes");
            return;
        }
        if (exporting.get()) {
            message.set("error: an export for a new run is under way; wait for it or cancel it");
            return;
        }
        Path dir = mixExportDir(name, mix);
        if (java.nio.file.Files.exists(dir)) {
            message.set("error: " + dir + " exists already (an earlier export): pick another run name, or create the run on that export folder");
            return;
        }
        try {
            if (launcher.config(name).isPresent()) {
                message.set("error: a run named " + name + " exists already; pick another name");
                return;
            }
        } catch (Exception e) {
            fail(e);
            return;
        }
        io.vlastudio.app.mix.WorldVlaExportViewModel ex = new io.vlastudio.app.mix.WorldVlaExportViewModel(workspaces,
                workspace.directory(), runner, exporter, studioVersion);
        mixExport = ex;
        exporting.set(true);
        exportProgress.set(0);
        exportStatus.set("exporting mix " + mix + " for " + name + ": checking…");
        ex.progressProperty().addListener((o, a, b) -> exportProgress.set(b.doubleValue()));
        ex.statusProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                exportStatus.set("exporting mix " + mix + ": " + b);
            }
        });
        ex.phaseProperty().addListener((o, a, b) -> {
            if (ex != mixExport) {
                return;
            }
            switch (b) {
                case PLANNED -> {
                    ex.export();
                    exportStatus.set("exporting mix " + mix + " into " + dir);
                }
                case DONE -> {
                    exporting.set(false);
                    exportStatus.set("");
                    mixExport = null;
                    then.accept(dir, ex.resolutionProperty().get());
                }
                case FAILED, EDITING -> {
                    exporting.set(false);
                    exportStatus.set("");
                    mixExport = null;
                    // the export model sets its result text just after its phase: read it once this change is done
                    javafx.application.Platform.runLater(() -> {
                        String why = ex.resultProperty().get().isBlank() ? ex.summaryProperty().get() : ex.resultProperty().get();
                        message.set("error: the run was not created: " + why);
                    });
                }
                default -> {
                }
            }
        });
        runner.run("Reading mix " + mix, ctx -> workspace.curation().mix(mix)
                .orElseThrow(() -> new IllegalArgumentException("no mix named " + mix + " in " + workspace.directory())), m -> {
            ex.useMix(m); // the mix's own settings (resolution, history, chunk, prompt) make the export
            ex.outProperty().set(dir.toString());
            ex.check();
        }, e -> {
            exporting.set(false);
            exportStatus.set("");
            mixExport = null;
            fail(e);
        });
    }

    // ---- one-click ablation: action mask vs causal mask --------------------------------------------------------

    /** The two runs of an ablation. */
    public record Ablation(String base, String actionRun, String causalRun) {
    }

    /**
     * Starts the mask ablation on an export: two studio-model runs, {@code <base>-action} (WorldVLA's action attention
     * mask) and {@code <base>-causal}, with the same seed and budget ({@code settings}: epochs, max_minutes, seed and
     * any other studio-model field); when both have finished, {@link #ablationRows()} holds action L1 per chunk
     * position of each, beside the baselines.
     */
    public void startAblation(String base, String export, java.util.Map<String, ?> settings) {
        Ablation a = new Ablation(base, base + "-action", base + "-causal");
        List<RunConfig> configs = new ArrayList<>();
        try {
            for (String mask : List.of("action", "causal")) {
                java.util.Map<String, Object> m = new LinkedHashMap<>(settings);
                m.put("name", base + "-" + mask);
                m.put("export", export);
                m.put("target", "studio-model");
                m.put("mask", mask);
                configs.add(RunConfig.fromMap(m));
            }
        } catch (IllegalArgumentException e) {
            fail(e);
            return;
        }
        ablation.set(a);
        ablationRows.clear();
        ablationNote.set("starting " + a.actionRun() + " and " + a.causalRun() + " …");
        runner.run("Starting the ablation " + base, ctx -> {
            for (RunConfig c : configs) {
                if (launcher.config(c.name()).isPresent()) {
                    throw new IllegalArgumentException("a run named " + c.name() + " exists already; pick another ablation name");
                }
            }
            for (RunConfig c : configs) {
                launcher.create(c);
            }
            for (RunConfig c : configs) {
                launcher.start(c.name(), false, false);
            }
            return configs;
        }, started -> {
            for (RunConfig c : started) {
                if (runs.stream().noneMatch(r -> r.name().equals(c.name()))) {
                    runs.add(new RunRow(c.name(), c.target().id(), AttemptState.RUNNING));
                }
            }
            ablationNote.set("training " + a.actionRun() + " and " + a.causalRun() + " (same seed and budget) …");
            message.set("started the ablation " + base);
        }, e -> {
            ablationNote.set("error: " + e.getMessage());
            fail(e);
        });
    }

    /** As {@link #startAblation}, on a saved mix exported first (New Run from a mix's export path). */
    public void startAblationFromMix(String base, String mix, java.util.Map<String, ?> settings) {
        exportMixThen(base, mix, (dir, resolution) -> startAblation(base, dir.toString(), settings));
    }

    private void checkAblation(String run) {
        Ablation a = ablation.get();
        if (a == null || !(run.equals(a.actionRun()) || run.equals(a.causalRun()))) {
            return;
        }
        runner.run("Reading the ablation " + a.base(), ctx -> {
            Optional<AttemptState> sa = launcher.latest(a.actionRun());
            Optional<AttemptState> sc = launcher.latest(a.causalRun());
            for (Optional<AttemptState> s : List.of(sa, sc)) {
                if (s.isPresent() && s.get().finished() && !AttemptState.SUCCEEDED.equals(s.get().status)) {
                    return java.util.Map.entry("the " + s.get().run + " run " + s.get().status
                            + (s.get().reason == null ? "" : ": " + s.get().reason), List.<io.vlastudio.training.studio.StudioAblation.Position>of());
                }
            }
            if (sa.isEmpty() || sc.isEmpty() || !sa.get().finished() || !sc.get().finished()) {
                return java.util.Map.entry("training " + a.actionRun() + " (" + sa.map(s -> s.status).orElse("created") + ") and "
                        + a.causalRun() + " (" + sc.map(s -> s.status).orElse("created") + ") …",
                        List.<io.vlastudio.training.studio.StudioAblation.Position>of());
            }
            List<io.vlastudio.training.studio.StudioAblation.Position> rows = io.vlastudio.training.studio.StudioAblation.positions(
                    launcher.layout(launcher.require(a.actionRun())).output(), launcher.layout(launcher.require(a.causalRun())).output());
            boolean none = rows.stream().allMatch(p -> Double.isNaN(p.actionMask()) && Double.isNaN(p.causalMask()));
            return java.util.Map.entry("action L1 per chunk position (val_ind, last epoch; lower is better): "
                    + a.actionRun() + " vs " + a.causalRun() + (none ? " — no values: the export's val_ind split evaluated no"
                    + " action samples (add demos, or raise eval_samples)" : ""), rows);
        }, r -> {
            if (a.equals(ablation.get())) {
                ablationNote.set(r.getKey());
                ablationRows.setAll(r.getValue());
            }
        }, e -> ablationNote.set("error: " + e.getMessage()));
    }

    public ObjectProperty<Ablation> ablationProperty() {
        return ablation;
    }

    /** Action L1 per chunk position of both runs, once both have finished. */
    public ObservableList<io.vlastudio.training.studio.StudioAblation.Position> ablationRows() {
        return ablationRows;
    }

    public StringProperty ablationNoteProperty() {
        return ablationNote;
    }

    /** Cancels the export of New Run from a mix; no run is created and the unfinished export is removed. */
    public void cancelMixExport() {
        if (mixExport != null) {
            mixExport.cancel();
        }
    }

    public javafx.beans.property.BooleanProperty exportingProperty() {
        return exporting;
    }

    public javafx.beans.property.DoubleProperty exportProgressProperty() {
        return exportProgress;
    }

    public StringProperty exportStatusProperty() {
        return exportStatus;
    }

    public void start(boolean resume) {
        String name = selected.get();
        if (name == null) {
            return;
        }
        log.clear();
        curves.values().forEach(s -> s.getData().clear());
        status.set("starting");
        runner.run((resume ? "Resuming " : "Starting ") + name, ctx -> launcher.start(name, resume, false), sup -> {
            updateRow(name, AttemptState.RUNNING);
            status.set(AttemptState.RUNNING);
            message.set((resume ? "resumed " : "started ") + name);
        }, e -> {
            status.set(runs.stream().filter(r -> r.name().equals(name)).map(RunRow::status).findFirst().orElse("created"));
            fail(e);
        });
    }

    public void stop() {
        String name = selected.get();
        if (name == null) {
            return;
        }
        status.set("stopping");
        runner.run("Stopping " + name, ctx -> {
            launcher.stop(name);
            return launcher.latest(name);
        }, s -> s.ifPresent(this::show), this::fail);
    }

    /** The exact commands of every stage, as a user can copy them. */
    public String preview() {
        String name = selected.get();
        if (name == null) {
            return "";
        }
        try {
            RunConfig c = launcher.require(name);
            StringBuilder b = new StringBuilder();
            for (Stage st : launcher.preview(c, false)) {
                b.append("## ").append(st.name()).append('\n');
                for (StageCommand sc : st.commands()) {
                    b.append("# ").append(sc.label()).append(sc.local() ? "" : " (run on that node)").append(", in ").append(sc.cwd()).append('\n');
                    sc.env().forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
                    b.append(String.join(" ", sc.argv())).append("\n");
                }
                if (st.sbatchScript() != null) {
                    b.append(st.sbatchScript());
                }
            }
            return b.toString();
        } catch (Exception e) {
            return "error: " + e.getMessage();
        }
    }

    public Optional<Path> folder() {
        try {
            String name = selected.get();
            return name == null ? Optional.empty() : Optional.of(launcher.layout(launcher.require(name)).runDir());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void fail(Throwable e) {
        message.set(e instanceof PreflightException p ? p.getMessage() : "error: " + e.getMessage());
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<String> log() {
        return log;
    }

    /** The curves shown (closs first); {@link #curve} gives any tracked meter. */
    public ObservableList<XYChart.Series<Number, Number>> series() {
        return series;
    }

    public XYChart.Series<Number, Number> curve(String meter) {
        return curves.get(meter);
    }

    public void showCurve(String meter) {
        series.setAll(curves.get(meter));
    }

    public List<String> meters() {
        return List.copyOf(curves.keySet());
    }

    // ---- compare two runs --------------------------------------------------------------------------------------

    /**
     * Overlays the curves of {@code metric} of the chosen runs (read back from their logs in the background): one
     * series per run, named by the run, for the chart's legend.
     */
    public void compare(List<String> runNames, String metric) {
        List<String> chosen = List.copyOf(runNames);
        compareNote.set("reading the logs of " + String.join(", ", chosen) + " …");
        runner.run("Comparing " + String.join(" and ", chosen), ctx -> {
            RunCurves rc = new RunCurves(launcher);
            List<RunCurves.Curve> out = new ArrayList<>();
            java.util.Set<String> metrics = new java.util.LinkedHashSet<>();
            for (String n : chosen) {
                out.add(rc.curve(n, metric));
                metrics.addAll(rc.metrics(n));
            }
            return java.util.Map.entry(out, List.copyOf(metrics));
        }, r -> {
            List<XYChart.Series<Number, Number>> series = new ArrayList<>();
            List<String> empty = new ArrayList<>();
            for (RunCurves.Curve c : r.getKey()) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(c.run() + (c.size() == 0 ? " (no " + metric + ")" : ""));
                for (int i = 0; i < c.size(); i++) {
                    s.getData().add(new XYChart.Data<>(c.x()[i], c.y()[i]));
                }
                if (c.size() == 0) {
                    empty.add(c.run());
                }
                series.add(s);
            }
            compared.setAll(series);
            if (!compareMetrics.equals(r.getValue())) {
                compareMetrics.setAll(r.getValue());
            }
            compareNote.set(empty.isEmpty() ? metric + " of " + String.join(" and ", chosen)
                    : String.join(", ", empty) + ": no " + metric + " in the logs");
        }, e -> compareNote.set("error: " + e.getMessage()));
    }

    /** The compared curves, one per run. */
    public ObservableList<XYChart.Series<Number, Number>> compared() {
        return compared;
    }

    /** The metrics the compared runs' logs carry. */
    public ObservableList<String> compareMetrics() {
        return compareMetrics;
    }

    public StringProperty compareNoteProperty() {
        return compareNote;
    }

    public Path workspaceDir() {
        return workspace.directory();
    }

    @Override
    public void close() {
        drain.stop();
        launcher.removeListener(listener);
        workspace.close();
    }
}
