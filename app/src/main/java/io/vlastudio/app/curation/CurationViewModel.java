package io.vlastudio.app.curation;

import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.export.ExportFile;
import io.vlastudio.dataset.export.ExportResult;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.Workspaces;
import io.vlastudio.store.curation.Curation;
import io.vlastudio.store.curation.CurationRow;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.ManifestDiff;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.MixExport;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SavedSplit;
import io.vlastudio.store.curation.SavedView;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;

/**
 * Every curation command of the CLI (split create, mix list/delete, mix manifest, mix diff, export hdf5) as GUI
 * state: FX thread only, every workspace or file call through the {@link TaskRunner}. Progress of the curated
 * export arrives through {@code onFx} (Platform::runLater in the studio, run inline in tests).
 */
public final class CurationViewModel {

    /** What a curated export will write, shown before it starts. */
    public record ExportPlan(String source, Manifest manifest, List<String> files, int demos, long steps, String note) {
    }

    private final Workspaces workspaces;
    private final Path workspace;
    private final TaskRunner runner;
    private final DemoReader reader;
    private final String studioVersion;
    private final Executor onFx;

    private final ObservableList<SavedSplit> splits = FXCollections.observableArrayList();
    private final ObservableList<String> mixes = FXCollections.observableArrayList();
    private final ObservableList<String> views = FXCollections.observableArrayList();
    private final ObservableList<String> tasks = FXCollections.observableArrayList();
    private final ObservableList<String> diffLines = FXCollections.observableArrayList();
    private final ObservableList<String> exportSummary = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final DoubleProperty exportProgress = new SimpleDoubleProperty();
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
    private final ObjectProperty<ExportPlan> plan = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> lastManifest = new SimpleObjectProperty<>();
    private final BooleanProperty replaceSplit = new SimpleBooleanProperty();
    private RunningJob export;
    private long exportRun;

    public CurationViewModel(Workspaces workspaces, Path workspace, TaskRunner runner, DemoReader reader,
                             String studioVersion, Executor onFx) {
        this.workspaces = workspaces;
        this.workspace = workspace;
        this.runner = runner;
        this.reader = reader;
        this.studioVersion = studioVersion;
        this.onFx = onFx;
    }

    public Path workspace() {
        return workspace;
    }

    private interface WorkspaceCall<T> {
        T call(Curation curation) throws Exception;
    }

    private <T> void onWorkspace(String title, WorkspaceCall<T> call, java.util.function.Consumer<T> done) {
        busy.set(true);
        runner.run(title, ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return call.call(ws.curation());
            }
        }, r -> {
            busy.set(false);
            done.accept(r);
        }, e -> {
            busy.set(false);
            status.set(title + " failed: " + message(e));
        });
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private record Lists(List<SavedSplit> splits, List<String> mixes, List<String> views, List<String> tasks) {
    }

    /** Reloads splits, mixes, views and task names from the workspace. */
    public void refresh() {
        onWorkspace("Reading splits and mixes", c -> {
            TreeSet<String> taskNames = new TreeSet<>();
            for (CurationRow r : c.rows()) {
                taskNames.add(r.demo().task());
            }
            return new Lists(c.splits(), c.mixes(), c.views().stream().map(SavedView::name).toList(), List.copyOf(taskNames));
        }, l -> {
            splits.setAll(l.splits());
            mixes.setAll(l.mixes());
            views.setAll(l.views());
            tasks.setAll(l.tasks());
        });
    }

    /**
     * Creates a split (CLI: {@code split create}).
     *
     * @param mode       {@code stratified} (seeded, per task) or {@code worldvla} (WorldVLA's exact rule)
     * @param heldOut    stratified only: tasks whose demos all go to val_ood (comma separated)
     * @param sourceView split the demos of this view; null or blank: every demo
     */
    public void createSplit(String name, SplitSpec.Mode mode, long seed, double trainFraction, String heldOut,
                            String sourceView, boolean replace) {
        if (name == null || name.isBlank()) {
            status.set("A split needs a name");
            return;
        }
        SplitSpec spec;
        try {
            List<String> held = heldOut == null || heldOut.isBlank() ? List.of()
                    : Arrays.stream(heldOut.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (mode == SplitSpec.Mode.WORLDVLA && !held.isEmpty()) {
                status.set("WorldVLA's rule picks the held-out tasks itself (the last 10% by name); clear the held-out tasks");
                return;
            }
            spec = mode == SplitSpec.Mode.WORLDVLA ? SplitSpec.worldVla().withTrainFraction(trainFraction)
                    : SplitSpec.stratified(seed).withTrainFraction(trainFraction).withHeldOut(held);
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        String view = sourceView == null || sourceView.isBlank() ? null : sourceView;
        onWorkspace("Creating split " + name.strip(), c -> c.createSplit(name.strip(), spec, view, replace), s -> {
            status.set(describe(s));
            refresh();
        });
    }

    /** One line about a split, as {@code vla-studio split list} prints it. */
    public static String describe(SavedSplit s) {
        return String.format(Locale.ROOT, "split %s (%s%s%s): train %d, val_ind %d, val_ood %d", s.name(), s.spec().mode().id(),
                s.spec().mode() == SplitSpec.Mode.STRATIFIED ? ", seed " + s.spec().seed() : "",
                String.format(Locale.ROOT, ", train fraction %.2f", s.spec().trainFraction()),
                s.sizes().getOrDefault(SplitPart.TRAIN, 0), s.sizes().getOrDefault(SplitPart.VAL_IND, 0),
                s.sizes().getOrDefault(SplitPart.VAL_OOD, 0));
    }

    /** Deletes a saved mix (manifests and exports made from it stay). */
    public void deleteMix(String name) {
        if (name == null) {
            return;
        }
        onWorkspace("Deleting mix " + name, c -> c.deleteMix(name), gone -> {
            status.set(gone ? "Deleted mix " + name : "No mix named " + name);
            refresh();
        });
    }

    /** Writes a mix's manifest (CLI: {@code mix manifest NAME --out FILE}). */
    public void writeManifest(String mixName, Path file) {
        if (mixName == null || file == null) {
            status.set("Choose a mix and a file for its manifest");
            return;
        }
        onWorkspace("Writing the manifest of " + mixName, c -> {
            Mix mix = c.mix(mixName).orElseThrow(() -> new IllegalArgumentException("no mix named " + mixName));
            Manifest m = c.manifest(mix, studioVersion);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, m.toJson(), StandardCharsets.UTF_8);
            return m.demos().size();
        }, n -> {
            lastManifest.set(file);
            status.set("Wrote the manifest of mix " + mixName + " (" + n + " demos) to " + file);
        });
    }

    /** Compares two manifests (CLI: {@code mix diff A B}). */
    public void diffManifests(Path a, Path b) {
        if (a == null || b == null) {
            status.set("Choose two manifest files");
            return;
        }
        busy.set(true);
        runner.run("Comparing manifests", ctx -> ManifestDiff.diff(read(a), read(b)), lines -> {
            busy.set(false);
            diffLines.setAll(lines.isEmpty() ? List.of("the manifests describe the same data") : lines);
            status.set(lines.isEmpty() ? "No differences" : lines.size() + " differences between " + a.getFileName()
                    + " and " + b.getFileName());
        }, e -> {
            busy.set(false);
            diffLines.clear();
            status.set(message(e));
        });
    }

    private static Manifest read(Path p) throws Exception {
        try {
            return Manifest.parse(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new IllegalArgumentException(p + ": " + message(e), e);
        }
    }

    /**
     * Computes what a curated export of a mix ({@code mix:NAME}) or a view ({@code view:NAME}) will write: one
     * LIBERO-layout file per task plus manifest.json. Nothing is written.
     */
    public void planExport(String source) {
        plan.set(null);
        exportSummary.clear();
        if (source == null || !source.contains(":")) {
            status.set("Choose a mix or a view to export");
            return;
        }
        onWorkspace("Planning the export of " + source, c -> {
            Mix mix = exportMix(c, source);
            Manifest manifest = c.manifest(mix, studioVersion);
            List<ExportFile> files = MixExport.plan(manifest);
            List<String> lines = new ArrayList<>();
            int demos = 0;
            long steps = 0;
            for (ExportFile f : files) {
                long s = f.demos().stream().mapToLong(d -> d.keptSteps().length).sum();
                lines.add(String.format(Locale.ROOT, "%s: %d demos, %,d steps", f.relativePath(), f.demos().size(), s));
                demos += f.demos().size();
                steps += s;
            }
            lines.add("manifest.json: the mix, its settings and every demo's source, edits and kept steps");
            String note = "Frames are copied as recorded (no resize, no rotation); trims and removed no-op steps are applied; "
                    + "rejected demos are left out.";
            return new ExportPlan(source, manifest, List.copyOf(lines), demos, steps, note);
        }, p -> {
            plan.set(p);
            status.set(String.format(Locale.ROOT, "%d files, %d demos, %,d steps will be written", p.files().size(),
                    p.demos(), p.steps()));
        });
    }

    private static Mix exportMix(Curation c, String source) throws Exception {
        int colon = source.indexOf(':');
        String kind = source.substring(0, colon);
        String name = source.substring(colon + 1);
        if (kind.equals("mix")) {
            return c.mix(name).orElseThrow(() -> new IllegalArgumentException("no mix named " + name));
        }
        c.view(name).orElseThrow(() -> new IllegalArgumentException("no view named " + name));
        return new Mix("view-" + name, List.of(MixComponent.view(name, 1)), MixSettings.defaults());
    }

    /** Writes the planned export into {@code outDir}; progress, Cancel and the summary follow. */
    public void export(Path outDir) {
        ExportPlan p = plan.get();
        if (p == null) {
            status.set("Plan the export first");
            return;
        }
        if (outDir == null) {
            status.set("Choose a folder to export into");
            return;
        }
        long mine = ++exportRun;
        exporting.set(true);
        exportProgress.set(0);
        exportMessage.set("Checking the sources…");
        exportSummary.clear();
        export = runner.run("Exporting curated HDF5 to " + outDir, ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return new MixExport(reader).export(ws.curation(), p.manifest(), outDir, (done, total, msg) -> {
                    ctx.report(done, total, msg);
                    onFx.execute(() -> {
                        if (mine == exportRun && exporting.get()) {
                            exportProgress.set(done / (double) Math.max(1, total));
                            exportMessage.set(msg);
                        }
                    });
                }, ctx::isCancelled);
            } catch (CancellationException e) {
                // cancelled from anywhere (this window, the status bar): the window must not stay "exporting"
                onFx.execute(() -> {
                    if (mine == exportRun) {
                        exportRun++;
                        exporting.set(false);
                        exportMessage.set("Cancelled");
                        status.set("Export cancelled: files in progress were removed, nothing is left under a final name in "
                                + outDir);
                    }
                });
                throw e;
            }
        }, r -> {
            if (mine == exportRun) {
                exporting.set(false);
                exportProgress.set(1);
                exportMessage.set("Done");
                exportSummary.setAll(summary(r, outDir));
                status.set(String.format(Locale.ROOT, "Exported %d demos to %s", r.demos(), outDir));
            }
        }, e -> {
            if (mine == exportRun) {
                exporting.set(false);
                boolean cancelled = e instanceof CancellationException;
                exportMessage.set(cancelled ? "Cancelled" : "Failed");
                status.set(cancelled ? "Export cancelled: nothing was left under the final names in " + outDir
                        : "Export failed: " + message(e));
            }
        });
    }

    static List<String> summary(ExportResult r, Path outDir) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Exported %d demos, %,d steps into %d files (%s) under %s", r.demos(), r.steps(),
                r.files().size() - 1, MixCounter.bytes(r.bytes()), outDir));
        for (Path f : r.files()) {
            out.add("  " + f);
        }
        return out;
    }

    /** Stops a running export: files in progress are removed, nothing is left under a final name. */
    public void cancelExport() {
        if (export != null && exporting.get()) {
            export.cancel();
            exportRun++;
            exporting.set(false);
            exportMessage.set("Cancelled");
            status.set("Export cancelled: files in progress are removed");
        }
    }

    public ObservableList<SavedSplit> splits() {
        return splits;
    }

    public ObservableList<String> mixes() {
        return mixes;
    }

    public ObservableList<String> views() {
        return views;
    }

    public ObservableList<String> tasks() {
        return tasks;
    }

    public ObservableList<String> diffLines() {
        return diffLines;
    }

    public ObservableList<String> exportSummary() {
        return exportSummary;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    public DoubleProperty exportProgressProperty() {
        return exportProgress;
    }

    public ReadOnlyStringProperty exportMessageProperty() {
        return exportMessage.getReadOnlyProperty();
    }

    public ObjectProperty<ExportPlan> planProperty() {
        return plan;
    }

    public ObjectProperty<Path> lastManifestProperty() {
        return lastManifest;
    }

    public BooleanProperty replaceSplitProperty() {
        return replaceSplit;
    }
}
