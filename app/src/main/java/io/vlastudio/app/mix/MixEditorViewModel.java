package io.vlastudio.app.mix;

import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.Workspaces;
import io.vlastudio.store.curation.Curation;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.MixCounts;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SavedSplit;
import io.vlastudio.store.curation.SavedView;
import io.vlastudio.store.curation.SplitPart;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mix editor's state: the workspace's views and split parts to pick from, the mix's weighted components and
 * settings, and live counts recomputed in the background after every change (stale results are dropped). FX thread
 * only; every workspace call goes through the {@link TaskRunner}.
 */
public final class MixEditorViewModel {

    private final Workspaces workspaces;
    private final Path workspace;
    private final TaskRunner runner;

    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObservableList<String> savedMixes = FXCollections.observableArrayList();
    private final ObservableList<MixComponent> components = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("mix");
    private final ObjectProperty<MixSettings.Samples> samples = new SimpleObjectProperty<>(MixSettings.Samples.BOTH);
    private final IntegerProperty history = new SimpleIntegerProperty(2);
    private final IntegerProperty chunk = new SimpleIntegerProperty(5);
    private final IntegerProperty resolution = new SimpleIntegerProperty(256);
    private final ObjectProperty<MixSettings.Prompt> prompt = new SimpleObjectProperty<>(MixSettings.Prompt.TASK_NAME);
    private final StringProperty bounds = new SimpleStringProperty("worldvla");
    private final StringProperty orientation = new SimpleStringProperty("rotate180");

    private final ReadOnlyStringWrapper demos = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper steps = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper actionSamples = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper worldSamples = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper tokens = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper exportSize = new ReadOnlyStringWrapper("0 B");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final BooleanProperty counting = new SimpleBooleanProperty();
    private long request;

    public MixEditorViewModel(Workspaces workspaces, Path workspace, TaskRunner runner) {
        this(workspaces, workspace, runner, null, null);
    }

    /**
     * @param exporter      writes WorldVLA exports of the mix (Export…); {@code null} hides nothing but disables it
     * @param studioVersion recorded in export manifests
     */
    public MixEditorViewModel(Workspaces workspaces, Path workspace, TaskRunner runner,
                              io.vlastudio.training.export.WorldVlaExporter exporter, String studioVersion) {
        this.exporter = exporter;
        this.studioVersion = studioVersion;
        this.workspaces = workspaces;
        this.workspace = workspace;
        this.runner = runner;
        components.addListener((javafx.collections.ListChangeListener<MixComponent>) c -> recount());
        samples.addListener((o, a, b) -> recount());
        history.addListener((o, a, b) -> recount());
        chunk.addListener((o, a, b) -> recount());
        resolution.addListener((o, a, b) -> recount());
        prompt.addListener((o, a, b) -> recount());
    }

    /** Loads the views and split parts to choose from, and the mix {@code name} if it exists. */
    public void load() {
        runner.run("Loading views and splits", ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                Curation c = ws.curation();
                List<String> out = new ArrayList<>();
                for (SavedView v : c.views()) {
                    out.add("view:" + v.name());
                }
                for (SavedSplit s : c.splits()) {
                    for (SplitPart p : SplitPart.values()) {
                        out.add("split:" + s.name() + ":" + p.id());
                    }
                }
                return new Object[] {out, c.mix(name.get()).orElse(null), c.mixes()};
            }
        }, r -> {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) r[0];
            sources.setAll(list);
            @SuppressWarnings("unchecked")
            List<String> mixes = (List<String>) r[2];
            savedMixes.setAll(mixes);
            if (r[1] instanceof Mix m) {
                apply(m);
            }
        }, e -> status.set("Could not read workspace " + workspace + ": " + e.getMessage()));
    }

    /**
     * Saves a named view from a filter expression ({@code verdict != rejected and length >= 50}) and reloads the
     * sources; a bad expression is reported in the status with the column it fails at.
     */
    public void saveView(String viewName, String expression) {
        if (viewName == null || viewName.isBlank()) {
            status.set("A view needs a name");
            return;
        }
        runner.run("Saving view " + viewName, ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return ws.curation().saveView(viewName.strip(), expression == null ? "" : expression);
            }
        }, v -> {
            status.set("Saved view " + v.name());
            load();
        }, e -> status.set(e.getMessage()));
    }

    /** Loads the saved mix {@code mixName} into the editor (its components and settings replace what is there). */
    public void open(String mixName) {
        if (mixName == null || mixName.isBlank()) {
            return;
        }
        runner.run("Loading mix " + mixName, ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return ws.curation().mix(mixName).orElseThrow(() -> new IllegalArgumentException("no mix named " + mixName));
            }
        }, m -> {
            name.set(m.name());
            apply(m);
            status.set("Loaded mix " + m.name());
        }, e -> status.set("Could not load mix " + mixName + ": " + e.getMessage()));
    }

    /** Starts a new, empty mix with the default settings. */
    public void newMix() {
        name.set("mix");
        apply(new Mix("mix", List.of(), io.vlastudio.store.curation.MixSettings.defaults()));
        status.set("New mix: add views or split parts, then save");
    }

    /** Deletes the saved mix of the editor's name; what is on screen stays, so it can be saved again. */
    public void delete() {
        String n = name.get();
        runner.run("Deleting mix " + n, ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return ws.curation().deleteMix(n);
            }
        }, gone -> {
            status.set(gone ? "Deleted mix " + n + " (still on screen: Save brings it back)" : "No saved mix named " + n);
            load();
        }, e -> status.set("Could not delete mix " + n + ": " + e.getMessage()));
    }

    private void apply(Mix m) {
        MixSettings s = m.settings();
        samples.set(s.samples());
        history.set(s.history());
        chunk.set(s.chunk());
        resolution.set(s.resolution());
        prompt.set(s.prompt());
        bounds.set(s.bounds());
        orientation.set(s.orientation());
        components.setAll(m.components());
    }

    /** Adds a source ({@code view:NAME} or {@code split:NAME:PART}) with a weight. */
    public void add(String source, double weight) {
        MixComponent c = MixComponent.parse(source);
        components.add(new MixComponent(c.kind(), c.name(), c.part(), weight));
    }

    public void remove(int index) {
        if (index >= 0 && index < components.size()) {
            components.remove(index);
        }
    }

    public void setWeight(int index, double weight) {
        MixComponent c = components.get(index);
        components.set(index, new MixComponent(c.kind(), c.name(), c.part(), weight));
    }

    private final io.vlastudio.training.export.WorldVlaExporter exporter;
    private final String studioVersion;

    /** Whether Export… can run (the editor was given an exporter). */
    public boolean exportAvailable() {
        return exporter != null;
    }

    /** The state of an Export… dialog for the mix as edited now. @throws IllegalArgumentException for an invalid mix */
    public WorldVlaExportViewModel exportModel() {
        WorldVlaExportViewModel m = new WorldVlaExportViewModel(workspaces, workspace, runner, exporter, studioVersion);
        m.useMix(mix());
        return m;
    }

    /** The mix as edited now. */
    public Mix mix() {
        return new Mix(name.get(), List.copyOf(components), new MixSettings(samples.get(), history.get(), chunk.get(),
                resolution.get(), orientation.get(), bounds.get(), prompt.get()));
    }

    private void recount() {
        Mix mix;
        try {
            mix = mix();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        long mine = ++request;
        counting.set(true);
        runner.run("Counting mix " + mix.name(), ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                return ws.curation().count(mix);
            }
        }, counts -> {
            if (mine == request) {
                counting.set(false);
                show(counts);
            }
        }, e -> {
            if (mine == request) {
                counting.set(false);
                status.set("Could not count the mix: " + e.getMessage());
            }
        });
    }

    private void show(MixCounts c) {
        demos.set(String.format(Locale.ROOT, "%,d", c.demos()));
        steps.set(String.format(Locale.ROOT, "%,d", c.steps()));
        actionSamples.set(String.format(Locale.ROOT, "%,d", c.actionSamples()));
        worldSamples.set(String.format(Locale.ROOT, "%,d", c.worldSamples()));
        tokens.set(String.format(Locale.ROOT, "~%,d", c.estimatedTokens()));
        exportSize.set(MixCounter.bytes(c.exportBytes()));
        warnings.setAll(c.warnings());
        status.set("");
    }

    /** Saves the mix under its name. */
    public void save() {
        Mix mix;
        try {
            mix = mix();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        runner.run("Saving mix " + mix.name(), ctx -> {
            try (Workspace ws = workspaces.open(workspace)) {
                ws.curation().saveMix(mix);
                return mix.name();
            }
        }, n -> {
            status.set("Saved mix " + n);
            if (!savedMixes.contains(n)) {
                savedMixes.add(n);
                FXCollections.sort(savedMixes);
            }
        }, e -> status.set("Could not save the mix: " + e.getMessage()));
    }

    public ObservableList<String> sources() {
        return sources;
    }

    /** Names of the mixes saved in the workspace. */
    public ObservableList<String> savedMixes() {
        return savedMixes;
    }

    public ObservableList<MixComponent> components() {
        return components;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<MixSettings.Samples> samplesProperty() {
        return samples;
    }

    public IntegerProperty historyProperty() {
        return history;
    }

    public IntegerProperty chunkProperty() {
        return chunk;
    }

    public IntegerProperty resolutionProperty() {
        return resolution;
    }

    public ObjectProperty<MixSettings.Prompt> promptProperty() {
        return prompt;
    }

    public StringProperty boundsProperty() {
        return bounds;
    }

    public StringProperty orientationProperty() {
        return orientation;
    }

    public ReadOnlyStringProperty demosProperty() {
        return demos.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actionSamplesProperty() {
        return actionSamples.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty worldSamplesProperty() {
        return worldSamples.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportSizeProperty() {
        return exportSize.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public BooleanProperty countingProperty() {
        return counting;
    }
}
