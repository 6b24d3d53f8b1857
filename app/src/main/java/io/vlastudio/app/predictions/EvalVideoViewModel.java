package io.vlastudio.app.predictions;

import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.training.predictions.EvalTriplet;
import io.vlastudio.training.predictions.EvalVideo;
import io.vlastudio.training.predictions.EvalVideoImports;
import io.vlastudio.training.predictions.EvalVideoIndex;
import io.vlastudio.training.predictions.TaskRate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Training → Evaluation Videos: the evaluation-video folders imported into a workspace, the success rate per task and
 * checkpoint (filterable), and the episodes to play: a closed-loop rollout alone, a world-model triplet as
 * gt | gt_recons | inf. Scans run on the task runner; everything else stays on the FX thread.
 */
public final class EvalVideoViewModel {

    /** One video pane: its title, its file, and why it cannot play when the index already knows. */
    public record Pane(String title, Path file, String problem) {
    }

    /** A row of the episode table: a rollout (outcome success/failure) or a world-model triplet. */
    public record Entry(String checkpoint, String task, int episode, String date, String outcome, List<Pane> panes) {

        /** What is wrong with it, or "". */
        public String note() {
            List<String> notes = new ArrayList<>();
            for (Pane p : panes) {
                if (p.problem() != null) {
                    notes.add((panes.size() > 1 ? p.title() + ": " : "") + p.problem());
                }
            }
            return String.join("; ", notes);
        }
    }

    private final EvalVideoImports imports;
    private final TaskRunner runner;

    private final ObservableList<Path> roots = FXCollections.observableArrayList();
    private final ObjectProperty<Path> root = new SimpleObjectProperty<>(this, "root");
    private final ObjectProperty<EvalVideoIndex> index = new SimpleObjectProperty<>(this, "index");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<TaskRate> allRates = FXCollections.observableArrayList();
    private final FilteredList<TaskRate> rates = new FilteredList<>(allRates);
    private final ObjectProperty<TaskRate> selectedRate = new SimpleObjectProperty<>(this, "selectedRate");
    private final ObservableList<Entry> allEntries = FXCollections.observableArrayList();
    private final FilteredList<Entry> entries = new FilteredList<>(allEntries);
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    public EvalVideoViewModel(Path workspace, TaskRunner runner) {
        this.imports = new EvalVideoImports(workspace);
        this.runner = runner;
        filter.addListener((o, a, b) -> refilter());
        // only the episodes: the rate table's selection is what sets it (refiltering the rates would loop)
        selectedRate.addListener((o, a, b) -> refilterEntries());
    }

    /** Reads the workspace's imports and opens the most recent one. */
    public void load() {
        busy.set(true);
        status.set("Reading " + imports.file() + "…");
        runner.run(TaskRunner.Request.interactive("Reading evaluation videos"), ctx -> {
            List<Path> list = imports.roots();
            EvalVideoIndex first = list.isEmpty() ? null : EvalVideoIndex.scan(list.get(0));
            return new Loaded(list, first);
        }, loaded -> {
            roots.setAll(loaded.roots());
            show(loaded.index());
            if (loaded.index() == null) {
                status.set("No evaluation videos imported yet: Import Folder… picks a folder of WorldVLA evaluation MP4s.");
            }
        }, this::failed, () -> busy.set(false));
    }

    private record Loaded(List<Path> roots, EvalVideoIndex index) {
    }

    /** Scans {@code dir}, records it in the workspace and shows it. */
    public void importFolder(Path dir) {
        busy.set(true);
        status.set("Importing " + dir + "…");
        runner.run(TaskRunner.Request.batch("Importing evaluation videos from " + dir), ctx -> {
            EvalVideoIndex scanned = EvalVideoIndex.scan(dir);
            imports.record(scanned);
            return new Loaded(imports.roots(), scanned);
        }, loaded -> {
            roots.setAll(loaded.roots());
            show(loaded.index());
        }, this::failed, () -> busy.set(false));
    }

    /** Scans an imported folder again and shows it (files may have changed since). */
    public void open(Path dir) {
        if (dir == null || (index.get() != null && dir.equals(index.get().root()) && busy.get())) {
            return;
        }
        busy.set(true);
        status.set("Reading " + dir + "…");
        runner.run(TaskRunner.Request.interactive("Reading evaluation videos in " + dir).latest("eval-videos-open"),
                ctx -> EvalVideoIndex.scan(dir), this::show, this::failed, () -> busy.set(false));
    }

    private void failed(Throwable e) {
        busy.set(false);
        status.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private void show(EvalVideoIndex scanned) {
        selected.set(null);
        selectedRate.set(null);
        if (scanned == null) {
            allRates.clear();
            allEntries.clear();
            problems.clear();
            index.set(null);
            busy.set(false);
            return;
        }
        root.set(scanned.root());
        allRates.setAll(scanned.rates());
        allEntries.setAll(entriesOf(scanned));
        problems.setAll(scanned.problems());
        refilter();
        // last: whoever waits for the index finds the tables filled
        index.set(scanned);
        busy.set(false);
        int rollouts = scanned.rollouts().size();
        status.set(scanned.videos().size() + " videos in " + scanned.root() + ": " + rollouts + " rollouts, "
                + scanned.triplets().size() + " world-model triplets"
                + (scanned.problems().isEmpty() ? "" : ", " + scanned.problems().size() + " problems"));
    }

    static List<Entry> entriesOf(EvalVideoIndex index) {
        List<Entry> out = new ArrayList<>();
        for (EvalVideo v : index.rollouts()) {
            out.add(new Entry(v.checkpoint(), v.task(), v.episode(), v.date(), v.succeeded() ? "success" : "failure",
                    List.of(new Pane(v.file().getFileName().toString(), v.file(), index.problem(v).orElse(null)))));
        }
        for (EvalTriplet t : index.triplets()) {
            List<Pane> panes = new ArrayList<>();
            for (String kind : EvalTriplet.KINDS) {
                EvalVideo v = t.member(kind).orElse(null);
                panes.add(v == null ? new Pane(kind, null, "no " + kind + " video for this episode")
                        : new Pane(kind, v.file(), index.problem(v).orElse(null)));
            }
            out.add(new Entry(t.checkpoint(), t.task(), t.episode(), t.date(), "world model", panes));
        }
        return out;
    }

    private void refilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        rates.setPredicate(r -> f.isEmpty() || matches(f, r.task(), r.checkpoint()));
        refilterEntries();
    }

    private void refilterEntries() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        TaskRate only = selectedRate.get();
        Predicate<Entry> p = e -> (f.isEmpty() || matches(f, e.task(), e.checkpoint(), e.outcome()))
                && (only == null || (only.task().equals(e.task()) && only.checkpoint().equals(e.checkpoint())));
        entries.setPredicate(p);
    }

    private static boolean matches(String f, String... fields) {
        for (String s : fields) {
            if (s.toLowerCase(Locale.ROOT).contains(f)) {
                return true;
            }
        }
        return false;
    }

    public ObservableList<Path> roots() {
        return roots;
    }

    public ObjectProperty<Path> rootProperty() {
        return root;
    }

    public ObjectProperty<EvalVideoIndex> indexProperty() {
        return index;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The rates the filter lets through. */
    public ObservableList<TaskRate> rates() {
        return rates;
    }

    /** Restricts the episodes to one task and checkpoint (null: all). */
    public ObjectProperty<TaskRate> selectedRateProperty() {
        return selectedRate;
    }

    /** The episodes the filter and the selected rate let through. */
    public ObservableList<Entry> entries() {
        return entries;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
