package io.vlastudio.app.browser;

import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.overlay.OverlayViewModel;
import io.vlastudio.app.review.ReviewViewModel;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The library: opened files and their demos, a text filter, the selected demo and moving to the previous or
 * next demo of the filter. The selected demo is shown by the {@link DemoViewerViewModel}. Lives on the FX
 * thread; every file read goes through the {@link TaskRunner}.
 */
public final class DemoBrowserViewModel {

    private final DatasetScanner scanner;
    private final TaskRunner runner;
    private final DemoViewerViewModel viewer;
    private final OverlayViewModel overlay;
    private final ReviewViewModel review;
    private final Thumbnails thumbnails;

    private final ObservableList<DemoFile> files = FXCollections.observableArrayList();
    private final ObservableList<DemoItem> visible = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<DemoItem> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a LIBERO or robomimic HDF5 file or folder.");
    private Consumer<String> errorHandler = message -> { };
    private Consumer<Path> onOpened = p -> { };
    private String libraryStatus = "";
    private RunningJob openJob;
    /** The next demo of the filter, read ahead so that ↓ shows it at once. */
    private final java.util.Map<DemoItem, DemoViewerViewModel.Prepared> prepared = new java.util.LinkedHashMap<>();

    public DemoBrowserViewModel(DatasetScanner scanner, TaskRunner runner, DemoViewerViewModel viewer) {
        this.scanner = scanner;
        this.runner = runner;
        this.viewer = viewer;
        this.overlay = new OverlayViewModel(runner);
        this.review = new ReviewViewModel(runner, () -> viewer.stepProperty().get());
        this.thumbnails = new Thumbnails(runner);
        overlay.setOnOpen(this::select);
        filter.addListener((obs, o, n) -> refilter());
    }

    /** Where error messages go (the view shows a dialog). */
    public void setErrorHandler(Consumer<String> handler) {
        this.errorHandler = handler;
        viewer.setErrorHandler(handler);
        review.setErrorHandler(handler);
    }

    /** Told about every path opened successfully (for the recent list). */
    public void setOnOpened(Consumer<Path> onOpened) {
        this.onOpened = onOpened;
    }

    /** Opens files and folders (searched for *.hdf5), replacing what was open. */
    public void open(List<Path> paths) {
        if (openJob != null && !openJob.isDone()) {
            openJob.cancel();
        }
        String title = "Opening " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " items");
        status.set(title + "…");
        io.vlastudio.store.Workspace ws = review.workspaceProperty().get();
        openJob = runner.run(title, ctx -> {
            if (ws != null && !ws.readOnly()) {
                // the catalog first (unchanged files are skipped), so reviews are there when the demos are
                ws.index(paths, ctx, ctx::isCancelled);
            }
            return scanner.open(scanner.find(paths), ctx, ctx::isCancelled); // broken links are among the errors
        }, result -> {
            opened(result);
            review.reloadRecords();
            if (!result.files().isEmpty()) {
                paths.forEach(onOpened);
            }
        }, e -> fail("Could not open " + paths, e));
    }

    private void opened(DatasetScanner.ScanResult result) {
        closeAll();
        files.setAll(result.files());
        int demos = result.files().stream().mapToInt(f -> f.demos().size()).sum();
        libraryStatus = plural(result.files().size(), "file") + ", " + plural(demos, "demo")
                + (result.errors().isEmpty() ? "" : ", " + plural(result.errors().size(), "file") + " could not be read");
        status.set(libraryStatus);
        refilter();
        if (!result.errors().isEmpty()) {
            errorHandler.accept(result.errors().stream().map(DatasetException::getMessage)
                    .collect(Collectors.joining("\n\n", "These files could not be opened:\n\n", "")));
        }
        if (result.files().isEmpty() && result.errors().isEmpty()) {
            errorHandler.accept("No HDF5 files (*.hdf5, *.h5) were found there.");
        }
        visible.stream().filter(i -> i.summary().valid()).findFirst().ifPresent(this::select);
    }

    /** Every demo of every open file, files in path order, demos in numeric order. */
    public List<DemoItem> items() {
        List<DemoItem> out = new ArrayList<>();
        for (DemoFile f : files) {
            for (DemoSummary s : f.demos()) {
                out.add(new DemoItem(f, s));
            }
        }
        return out;
    }

    private void refilter() {
        String[] words = filter.get() == null ? new String[0] : filter.get().toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<DemoItem> out = new ArrayList<>();
        for (DemoItem item : items()) {
            String text = (item.file().suite() + " " + item.file().task() + " " + item.file().language() + " "
                    + item.summary().name() + (item.summary().valid() ? "" : " invalid")).toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                if (!w.isEmpty() && !text.contains(w)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(item);
            }
        }
        visible.setAll(out);
    }

    /** Shows a demo from its first step. */
    public void select(DemoItem item) {
        select(item, 0);
    }

    /** Shows a demo at a step (the overlay opens demos where a curve was clicked). */
    public void select(DemoItem item, int step) {
        if (item == null) {
            return;
        }
        if (item.equals(selected.get())) {
            viewer.seek(step);
            return;
        }
        selected.set(item);
        overlay.setFile(item.file());
        review.show(item);
        if (!item.summary().valid()) {
            viewer.clear();
            status.set(item.summary().problems().get(0).message());
            return;
        }
        String dataset = datasetOf(item);
        DemoViewerViewModel.Prepared ready = prepared.remove(item);
        if (ready != null) {
            shown(item, ready.demo(), ready.signals(), dataset, step);
            return;
        }
        runner.run("Opening " + item.summary().name(), ctx -> item.file().openDemo(item.summary().name()), d -> {
            if (!item.equals(selected.get())) {
                return;
            }
            shown(item, d, null, dataset, step);
        }, e -> fail("Could not open " + item, e));
    }

    private static String datasetOf(DemoItem item) {
        return item.file().path().toAbsolutePath().getParent().toString();
    }

    private void shown(DemoItem item, io.vlastudio.dataset.Demo d, io.vlastudio.app.viewer.DemoSignals signals,
                       String dataset, int step) {
        {
            viewer.show(item, dataset, d, signals);
            viewer.seek(step);
            status.set(libraryStatus + "   ▸   " + item.file().task() + " · " + d.name() + " · " + d.length() + " steps · "
                    + d.cameras().stream().map(CameraInfo::name).collect(Collectors.joining(", ")));
        }
        prepareNext(item);
    }

    /** Reads the demo after {@code item} in the filter ahead of time. */
    private void prepareNext(DemoItem item) {
        int i = visible.indexOf(item);
        if (i < 0 || i + 1 >= visible.size()) {
            return;
        }
        DemoItem next = visible.get(i + 1);
        if (!next.summary().valid() || prepared.containsKey(next)) {
            return;
        }
        prepared.clear();
        var orientations = viewer.orientationsFor(datasetOf(next), next.summary().cameras());
        runner.run("Reading ahead " + next.summary().name(),
                ctx -> viewer.prepare(next, next.file().openDemo(next.summary().name()), orientations),
                p -> {
                    if (files.contains(next.file())) {
                        prepared.put(next, p);
                    }
                }, e -> { });
    }

    /** ↓ / ↑: the next or previous demo in the current filter. */
    public void selectRelative(int delta) {
        if (visible.isEmpty()) {
            return;
        }
        int i = visible.indexOf(selected.get());
        int next = i < 0 ? (delta > 0 ? 0 : visible.size() - 1) : Math.max(0, Math.min(visible.size() - 1, i + delta));
        select(visible.get(next));
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void fail(String what, Throwable e) {
        String message = e instanceof DatasetException ? e.getMessage() : what + ": " + e;
        status.set(message);
        errorHandler.accept(message);
    }

    private void closeAll() {
        prepared.clear();
        thumbnails.clear();
        viewer.clear();
        viewer.cache().clear();
        files.forEach(DemoFile::close);
        files.clear();
        visible.clear();
        selected.set(null);
    }

    /** Closes every open file. */
    public void dispose() {
        closeAll();
    }

    /** Thumbnail strips for the library rows. */
    public Thumbnails thumbnails() {
        return thumbnails;
    }

    public ReviewViewModel review() {
        return review;
    }

    public OverlayViewModel overlay() {
        return overlay;
    }

    public DemoViewerViewModel viewer() {
        return viewer;
    }

    public ObservableList<DemoFile> files() {
        return files;
    }

    /** The demos the filter lets through, in library order. */
    public ObservableList<DemoItem> visibleItems() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<DemoItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
