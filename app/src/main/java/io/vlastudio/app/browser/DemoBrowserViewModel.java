package io.vlastudio.app.browser;

import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * State of the first studio window: opened files and their demos, the selected demo, the step shown and its
 * camera frames. Lives on the FX thread; every file read goes through the {@link TaskRunner}.
 */
public final class DemoBrowserViewModel {

    private final DatasetScanner scanner;
    private final TaskRunner runner;

    private final ObservableList<DemoFile> files = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DemoItem> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Demo> demo = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CameraInfo> cameras = FXCollections.observableArrayList();
    private final ObservableMap<String, Frame> frames = FXCollections.observableHashMap();
    private final IntegerProperty step = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper lastStep = new ReadOnlyIntegerWrapper(0);
    private final ObjectProperty<Orientation> orientation = new SimpleObjectProperty<>(Orientation.UPRIGHT);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a LIBERO or robomimic HDF5 file or folder.");
    private Consumer<String> errorHandler = message -> { };
    private String libraryStatus = "";
    private long frameRequest;
    private RunningJob openJob;

    public DemoBrowserViewModel(DatasetScanner scanner, TaskRunner runner) {
        this.scanner = scanner;
        this.runner = runner;
        step.addListener((obs, o, n) -> loadFrames());
        orientation.addListener((obs, o, n) -> loadFrames());
    }

    /** Where error messages go (the view shows a dialog). */
    public void setErrorHandler(Consumer<String> handler) {
        this.errorHandler = handler;
    }

    /** Opens files and folders (searched for *.hdf5), replacing what was open. */
    public void open(List<Path> paths) {
        if (openJob != null && !openJob.isDone()) {
            openJob.cancel();
        }
        String title = "Opening " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " items");
        status.set(title + "…");
        openJob = runner.run(title, ctx -> {
            List<Path> found = scanner.findFiles(paths);
            return scanner.open(found, ctx, ctx::isCancelled);
        }, this::opened, e -> fail("Could not open " + paths, e));
    }

    private void opened(DatasetScanner.ScanResult result) {
        closeAll();
        files.setAll(result.files());
        int demos = result.files().stream().mapToInt(f -> f.demos().size()).sum();
        libraryStatus = plural(result.files().size(), "file") + ", " + plural(demos, "demo")
                + (result.errors().isEmpty() ? "" : ", " + plural(result.errors().size(), "file") + " could not be read");
        status.set(libraryStatus);
        if (!result.errors().isEmpty()) {
            errorHandler.accept(result.errors().stream().map(DatasetException::getMessage)
                    .collect(Collectors.joining("\n\n", "These files could not be opened:\n\n", "")));
        }
        if (result.files().isEmpty() && result.errors().isEmpty()) {
            errorHandler.accept("No HDF5 files (*.hdf5, *.h5) were found there.");
        }
        items().stream().filter(i -> i.summary().valid()).findFirst().ifPresent(this::select);
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

    /** Shows a demo. */
    public void select(DemoItem item) {
        if (item == null || item.equals(selected.get())) {
            return;
        }
        selected.set(item);
        if (!item.summary().valid()) {
            demo.set(null);
            cameras.clear();
            frames.clear();
            status.set(item.summary().problems().get(0).message());
            return;
        }
        runner.run("Opening " + item.summary().name(), ctx -> item.file().openDemo(item.summary().name()), d -> {
            if (!item.equals(selected.get())) {
                return;
            }
            demo.set(d);
            cameras.setAll(d.cameras());
            lastStep.set(Math.max(0, d.length() - 1));
            status.set(libraryStatus + "   ▸   " + item.file().task() + " · " + d.name() + " · " + d.length() + " steps · "
                    + d.cameras().stream().map(CameraInfo::name).collect(Collectors.joining(", ")));
            if (step.get() == 0) {
                loadFrames();
            } else {
                step.set(0);
            }
        }, e -> fail("Could not open " + item, e));
    }

    /** Moves the playhead by {@code delta} steps, clamped to the demo. */
    public void stepBy(int delta) {
        step.set(Math.max(0, Math.min(lastStep.get(), step.get() + delta)));
    }

    private void loadFrames() {
        Demo d = demo.get();
        if (d == null) {
            return;
        }
        int s = Math.max(0, Math.min(step.get(), d.length() - 1));
        Orientation o = orientation.get();
        long request = ++frameRequest;
        List<CameraInfo> cams = List.copyOf(cameras);
        runner.run("Reading step " + s, ctx -> {
            Map<String, Frame> out = new LinkedHashMap<>();
            for (CameraInfo c : cams) {
                out.put(c.name(), d.frame(c.name(), s, o));
            }
            return out;
        }, loaded -> {
            if (request == frameRequest) {
                frames.putAll(loaded);
            }
        }, e -> fail("Could not read step " + s + " of " + d.name(), e));
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
        files.forEach(DemoFile::close);
        files.clear();
        selected.set(null);
        demo.set(null);
        cameras.clear();
        frames.clear();
    }

    /** Closes every open file. */
    public void dispose() {
        closeAll();
    }

    public ObservableList<DemoFile> files() {
        return files;
    }

    public ReadOnlyObjectProperty<DemoItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Demo> demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public ObservableList<CameraInfo> cameras() {
        return cameras;
    }

    public ObservableMap<String, Frame> frames() {
        return frames;
    }

    public IntegerProperty stepProperty() {
        return step;
    }

    public ReadOnlyIntegerProperty lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    public ObjectProperty<Orientation> orientationProperty() {
        return orientation;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
