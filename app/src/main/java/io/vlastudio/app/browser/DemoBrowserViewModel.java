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
        review.setOnVerdictSaved(() -> {
            if (autoAdvance) {
                selectNextUnreviewed();
            }
        });
        filter.addListener((obs, o, n) -> refilter());
        review.revisionProperty().addListener((obs, o, n) -> {
            if (filterUsesReviews()) {
                refilter();
            }
        });
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

    /**
     * Opens files and folders (searched for *.hdf5) and adds them to the library; files already open stay as they
     * are. A failed or cancelled open leaves the library, the selection and the status line as they were.
     */
    public void open(List<Path> paths) {
        open(paths, false);
    }

    /**
     * Opens files and folders in place of what is open (a workspace switch). The old library is closed only once
     * the new one has opened: a failed or cancelled open leaves it as it was.
     */
    public void openReplacing(List<Path> paths) {
        open(paths, true);
    }

    private void open(List<Path> paths, boolean replace) {
        if (openJob != null && !openJob.isDone()) {
            openJob.cancel();
        }
        String title = "Opening " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " items");
        String before = status.get();
        status.set(title + "…");
        io.vlastudio.store.Workspace ws = review.workspaceProperty().get();
        java.util.Set<Path> alreadyOpen = replace ? java.util.Set.of()
                : files.stream().map(f -> f.path().toAbsolutePath().normalize()).collect(Collectors.toUnmodifiableSet());
        openJob = runner.run(TaskRunner.Request.batch(title), ctx -> {
            if (ws != null && !ws.readOnly()) {
                // the catalog first (unchanged files are skipped), so reviews are there when the demos are
                ws.index(paths, ctx, ctx::isCancelled);
            }
            DatasetScanner.Found all = scanner.find(paths); // broken links are among the errors
            List<Path> found = all.files().stream()
                    .filter(p -> !alreadyOpen.contains(p.toAbsolutePath().normalize())).toList();
            return new Opening(scanner.open(new DatasetScanner.Found(found, all.problems()), ctx, ctx::isCancelled),
                    found.isEmpty() && all.problems().isEmpty() && !alreadyOpen.isEmpty());
        }, result -> {
            opened(result.scan(), replace, result.allOpenAlready(), before);
            review.reloadRecords();
            if (!result.scan().files().isEmpty() || result.allOpenAlready()) {
                paths.forEach(onOpened);
            }
        }, e -> {
            status.set(before);
            fail("Could not open " + paths.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + " (the library is unchanged)", e, false);
        }, () -> status.set(before));
    }

    private record Opening(DatasetScanner.ScanResult scan, boolean allOpenAlready) implements AutoCloseable {
        @Override
        public void close() {
            scan.close();
        }
    }

    private void opened(DatasetScanner.ScanResult result, boolean replace, boolean allOpenAlready, String before) {
        if (!result.errors().isEmpty()) {
            errorHandler.accept(result.errors().stream().map(DatasetException::getMessage)
                    .collect(Collectors.joining("\n\n", "These files could not be opened:\n\n", "")));
        }
        if (result.files().isEmpty()) {
            if (!allOpenAlready && result.errors().isEmpty()) {
                errorHandler.accept("No HDF5 files (*.hdf5, *.h5) were found there.");
            }
            status.set(allOpenAlready ? (libraryStatus.isEmpty() ? "" : libraryStatus + "   ▸   ") + "already open" : before);
            return;
        }
        if (replace) {
            closeAll();
        }
        List<DemoFile> all = new ArrayList<>(files);
        all.addAll(result.files());
        all.sort(java.util.Comparator.comparing(f -> f.path().toAbsolutePath().normalize().toString()));
        files.setAll(all);
        updateLibraryStatus(result.errors().size());
        refilter();
        DemoItem current = selected.get();
        if (current == null || !visible.contains(current)) {
            DemoFile first = result.files().get(0);
            visible.stream().filter(i -> i.file() == first && i.summary().valid()).findFirst()
                    .or(() -> visible.stream().filter(i -> i.summary().valid()).findFirst())
                    .ifPresent(this::select);
        }
        if (selected.get() == null) {
            status.set(libraryStatus);
        }
    }

    private void updateLibraryStatus(int unreadable) {
        int demos = files.stream().mapToInt(f -> f.demos().size()).sum();
        libraryStatus = plural(files.size(), "file") + ", " + plural(demos, "demo")
                + (unreadable == 0 ? "" : ", " + plural(unreadable, "file") + " could not be read");
        status.set(libraryStatus);
    }

    /** Says what the studio is doing on the status line (until the next open or selection). */
    public void announce(String message) {
        status.set(message);
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

    /**
     * Applies the filter: every word must match. A plain word matches the suite, task, instruction or demo name
     * (or "invalid"); {@code verdict:accepted} (rejected, flagged, unreviewed) matches the demo's verdict and
     * {@code tag:NAME} one of its tags and {@code segment:LABEL} one of its segments' labels, as saved in the workspace. A
     * label with spaces is written in quotes ({@code segment:"failed grasp"}) or with hyphens ({@code segment:failed-grasp}).
     */
    private void refilter() {
        List<String> words = words(filter.get());
        List<DemoItem> out = new ArrayList<>();
        for (DemoItem item : items()) {
            String text = (item.file().suite() + " " + item.file().task() + " " + item.file().language() + " "
                    + item.summary().name() + (item.summary().valid() ? "" : " invalid")).toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                if (!w.isEmpty() && !matches(item, text, w)) {
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

    /** The filter's words, lower case; a double-quoted part keeps its spaces (its quotes are dropped). */
    static List<String> words(String filter) {
        List<String> out = new ArrayList<>();
        if (filter == null) {
            return out;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:[^\\s\"]|\"[^\"]*\"?)+").matcher(filter.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group().replace("\"", ""));
        }
        return out;
    }

    /** A segment label as the filter compares it: lower case, runs of spaces, hyphens and underscores as one hyphen. */
    private static String labelKey(String label) {
        return label.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "-");
    }

    private boolean matches(DemoItem item, String text, String word) {
        if (word.startsWith("segment:") && word.length() > 8) {
            io.vlastudio.store.DemoRecord r = review.records().get(
                    io.vlastudio.app.review.ReviewViewModel.key(item.file().path(), item.summary().name()));
            String label = labelKey(word.substring(8));
            return r != null && r.segments().stream().anyMatch(s -> labelKey(s).equals(label));
        }
        if (word.startsWith("verdict:") && word.length() > 8) {
            return review.verdictOf(item).id().startsWith(word.substring(8));
        }
        if (word.startsWith("tag:") && word.length() > 4) {
            io.vlastudio.store.DemoRecord r = review.records().get(
                    io.vlastudio.app.review.ReviewViewModel.key(item.file().path(), item.summary().name()));
            String tag = word.substring(4);
            return r != null && r.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(tag));
        }
        return text.contains(word);
    }

    /** Whether the filter uses what reviews say (verdicts, tags, segments), so it must be applied again when they change. */
    private boolean filterUsesReviews() {
        String f = filter.get();
        return f != null && (f.contains("verdict:") || f.contains("tag:") || f.contains("segment:"));
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
        runner.interactive("Opening " + item.summary().name(), ctx -> item.file().openDemo(item.summary().name()), d -> {
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

    /**
     * U: the next demo of the filter, after the selected one, that has no verdict yet (wrapping around once).
     * Says so on the status line when every demo of the filter has one.
     */
    public void selectNextUnreviewed() {
        int n = visible.size();
        int from = visible.indexOf(selected.get());
        for (int k = 1; k <= n; k++) {
            DemoItem candidate = visible.get(((from < 0 ? -1 : from) + k + n) % n);
            if (!candidate.equals(selected.get()) && candidate.summary().valid()
                    && review.verdictOf(candidate) == io.vlastudio.store.Verdict.UNREVIEWED) {
                select(candidate);
                return;
            }
        }
        status.set((libraryStatus.isEmpty() ? "" : libraryStatus + "   ▸   ") + "every demo of the filter has a verdict");
    }

    private boolean autoAdvance;

    /** Whether a verdict moves on to the next unreviewed demo (View → Advance After a Verdict). */
    public void setAutoAdvance(boolean on) {
        autoAdvance = on;
    }

    public boolean autoAdvance() {
        return autoAdvance;
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
        fail(what, e, true);
    }

    private void fail(String what, Throwable e, boolean showInStatus) {
        String message = e instanceof DatasetException ? what + ":\n" + e.getMessage() : what + ": " + e;
        if (showInStatus) {
            status.set(message);
        }
        errorHandler.accept(message);
    }

    private void closeAll() {
        prepared.clear();
        thumbnails.clear();
        viewer.clear();
        viewer.cache().clear();
        // closing an HDF5 file can block on the disk: never on the FX thread
        files.forEach(runner::closeLater);
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
