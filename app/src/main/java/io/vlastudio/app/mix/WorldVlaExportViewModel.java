package io.vlastudio.app.mix;

import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.Workspaces;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.training.export.WorldVlaExporter;
import io.vlastudio.training.export.WorldVlaPlan;
import io.vlastudio.training.export.WorldVlaSettings;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WorldVLA export dialog's state: which mix (the Mix Editor's current one, or a saved mix picked from the list),
 * the output folder and settings, what will be written (checked before anything is), then progress with Cancel,
 * then where it wrote. FX thread only; planning and writing go through the {@link TaskRunner}.
 */
public final class WorldVlaExportViewModel {

    public enum Phase { EDITING, PLANNING, PLANNED, EXPORTING, DONE, FAILED }

    private final Workspaces workspaces;
    private final Path workspace;
    private final TaskRunner runner;
    private final WorldVlaExporter exporter;
    private final String studioVersion;

    private final ObjectProperty<Mix> mix = new SimpleObjectProperty<>();
    private final ObservableList<String> savedMixes = FXCollections.observableArrayList();
    private final StringProperty savedMix = new SimpleStringProperty();
    private final StringProperty out = new SimpleStringProperty("");
    private final IntegerProperty resolution = new SimpleIntegerProperty(256);
    private final IntegerProperty history = new SimpleIntegerProperty(2);
    private final IntegerProperty chunk = new SimpleIntegerProperty(5);
    private final ObjectProperty<WorldVlaSettings.Split> split = new SimpleObjectProperty<>(WorldVlaSettings.Split.WORLDVLA);
    private final ObjectProperty<WorldVlaSettings.Paths> paths = new SimpleObjectProperty<>(WorldVlaSettings.Paths.ABSOLUTE);
    private final ObjectProperty<WorldVlaSettings.Prompt> prompt = new SimpleObjectProperty<>(WorldVlaSettings.Prompt.TASK_DIR);
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.EDITING);
    private final StringProperty summary = new SimpleStringProperty("Choose an output folder, then Check.");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty canExport = new SimpleBooleanProperty();
    private WorldVlaPlan plan;
    private RunningJob job;

    public WorldVlaExportViewModel(Workspaces workspaces, Path workspace, TaskRunner runner, WorldVlaExporter exporter,
                                   String studioVersion) {
        this.workspaces = workspaces;
        this.workspace = workspace;
        this.runner = runner;
        this.exporter = exporter;
        this.studioVersion = studioVersion;
        Runnable stale = () -> {
            if (phase.get() == Phase.PLANNED || phase.get() == Phase.DONE || phase.get() == Phase.FAILED) {
                phase.set(Phase.EDITING);
                summary.set("Settings changed: Check again.");
            }
        };
        out.addListener((o, a, b) -> stale.run());
        resolution.addListener((o, a, b) -> stale.run());
        history.addListener((o, a, b) -> stale.run());
        chunk.addListener((o, a, b) -> stale.run());
        split.addListener((o, a, b) -> stale.run());
        paths.addListener((o, a, b) -> stale.run());
        prompt.addListener((o, a, b) -> stale.run());
        savedMix.addListener((o, a, b) -> stale.run());
        phase.addListener((o, a, b) -> canExport.set(b == Phase.PLANNED));
    }

    /** Exports this mix as edited (the Mix Editor's); its settings become the defaults. */
    public void useMix(Mix m) {
        mix.set(m);
        resolution.set(m.settings().resolution() == 512 ? 512 : 256);
        history.set(m.settings().history());
        chunk.set(m.settings().chunk());
        prompt.set(m.settings().prompt() == io.vlastudio.store.curation.MixSettings.Prompt.INSTRUCTION
                ? WorldVlaSettings.Prompt.INSTRUCTION : WorldVlaSettings.Prompt.TASK_DIR);
    }

    /** Lists the workspace's saved mixes (for the Curation menu, where no mix is being edited). */
    public void loadSavedMixes() {
        runner.run("Listing mixes", ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return ws.curation().mixes();
            }
        }, names -> {
            savedMixes.setAll(names);
            if (savedMix.get() == null && !names.isEmpty()) {
                savedMix.set(names.get(0));
            }
            if (names.isEmpty() && mix.get() == null) {
                summary.set("This workspace has no saved mixes: build one in Curation → Mix Editor….");
            }
        }, e -> status.set("Could not read the mixes of " + workspace + ": " + e.getMessage()));
    }

    WorldVlaSettings settings() {
        return WorldVlaSettings.defaults().withResolution(resolution.get()).withHistory(history.get()).withChunk(chunk.get())
                .withSplit(split.get()).withPaths(paths.get()).withPrompt(prompt.get());
    }

    /** Works out what will be written and how much space it needs; writes nothing. */
    public void check() {
        if (out.get() == null || out.get().isBlank()) {
            summary.set("Choose an output folder first.");
            return;
        }
        WorldVlaSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            summary.set(e.getMessage());
            return;
        }
        Mix edited = mix.get();
        String name = savedMix.get();
        if (edited == null && name == null) {
            summary.set("Choose a mix to export.");
            return;
        }
        Path dir = Path.of(out.get()).toAbsolutePath().normalize();
        phase.set(Phase.PLANNING);
        summary.set("Checking…");
        warnings.clear();
        runner.run("Planning the WorldVLA export", ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                Mix m = edited != null ? edited : ws.curation().mix(name)
                        .orElseThrow(() -> new IllegalArgumentException("no mix named " + name));
                Manifest manifest = ws.curation().manifest(m, studioVersion);
                return exporter.plan(manifest, s);
            }
        }, p -> {
            plan = p;
            warnings.setAll(p.warnings());
            if (p.trajectories().isEmpty()) {
                summary.set("The mix selects no usable demos (rejected and unavailable demos are left out): nothing to export.");
                phase.set(Phase.EDITING);
                return;
            }
            summary.set(describe(p, dir));
            phase.set(Phase.PLANNED);
        }, e -> {
            summary.set("Cannot export: " + e.getMessage());
            phase.set(Phase.FAILED);
        });
    }

    static String describe(WorldVlaPlan p, Path dir) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %6s %8s %8s %8s%n", "split", "trj", "steps", "action", "world"));
        for (SplitPart part : SplitPart.values()) {
            WorldVlaPlan.Counts c = p.counts().get(part);
            b.append(String.format(Locale.ROOT, "%-8s %6d %8d %8d %8d%n", part.id(), c.trajectories(), c.steps(),
                    c.actionSamples(), c.worldSamples()));
        }
        long free = WorldVlaExporter.freeSpaceFor(dir);
        b.append(String.format(Locale.ROOT, "%d files, about %s; %s free%n", p.files(), MixCounter.bytes(p.estimatedBytes()),
                free == Long.MAX_VALUE ? "unknown space" : MixCounter.bytes(free)));
        b.append("into ").append(dir);
        return b.toString();
    }

    /** Writes the checked plan; progress and Cancel while it runs, then where it wrote. */
    public void export() {
        if (phase.get() != Phase.PLANNED || plan == null) {
            return;
        }
        WorldVlaPlan p = plan;
        Path dir = Path.of(out.get()).toAbsolutePath().normalize();
        phase.set(Phase.EXPORTING);
        progress.set(0);
        status.set("Exporting…");
        AtomicLong lastShown = new AtomicLong(-1);
        job = runner.run("Exporting to WorldVLA", ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return exporter.export(p, dir, ws.curation()::changedFiles, (done, total, msg) -> {
                    ctx.report(done, total, msg);
                    long permille = done * 1000 / Math.max(1, total);
                    if (lastShown.getAndAccumulate(permille, Math::max) < permille) { // workers report out of order
                        Platform.runLater(() -> {
                            if (phase.get() == Phase.EXPORTING) {
                                progress.set(permille / 1000.0);
                                status.set(msg);
                            }
                        });
                    }
                }, ctx::isCancelled);
            }
        }, r -> {
            progress.set(1);
            phase.set(Phase.DONE);
            status.set("");
            result.set(String.format(Locale.ROOT, "Wrote %d trajectories (%s), kept %d unchanged, into %s%n"
                            + "Effective records: train %d, val_ind %d, val_ood %d. Files roots: %s", r.written(),
                    MixCounter.bytes(r.bytes()), r.reused(), r.dir(), r.effectiveRecords().get("train"),
                    r.effectiveRecords().get("val_ind"), r.effectiveRecords().get("val_ood"),
                    String.join(", ", p.suites().stream().map(x -> r.dir().resolve("files").resolve(x).toString()).toList())));
        }, e -> {
            phase.set(Phase.FAILED);
            status.set("");
            result.set(e instanceof CancellationException ? "Cancelled: nothing was written under " + dir
                    : "Export failed: " + e.getMessage());
        });
    }

    /** Stops a running export; nothing is left under the output folder's name. */
    public void cancel() {
        if (job != null && phase.get() == Phase.EXPORTING) {
            job.cancel(); // the runner calls neither callback for a cancelled job: the export removes its .part folder
            phase.set(Phase.FAILED);
            status.set("");
            result.set("Cancelled: nothing is left under " + Path.of(out.get()).toAbsolutePath().normalize()
                    + " (the unfinished .part folder is removed).");
        }
    }

    public ObjectProperty<Mix> mixProperty() {
        return mix;
    }

    public ObservableList<String> savedMixes() {
        return savedMixes;
    }

    public StringProperty savedMixProperty() {
        return savedMix;
    }

    public StringProperty outProperty() {
        return out;
    }

    public IntegerProperty resolutionProperty() {
        return resolution;
    }

    public IntegerProperty historyProperty() {
        return history;
    }

    public IntegerProperty chunkProperty() {
        return chunk;
    }

    public ObjectProperty<WorldVlaSettings.Split> splitProperty() {
        return split;
    }

    public ObjectProperty<WorldVlaSettings.Paths> pathsProperty() {
        return paths;
    }

    public ObjectProperty<WorldVlaSettings.Prompt> promptProperty() {
        return prompt;
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public BooleanProperty canExportProperty() {
        return canExport;
    }

    List<String> suites() {
        return plan == null ? List.of() : plan.suites();
    }
}
