package io.vlastudio.app.viewer;

import io.vlastudio.app.StudioSettings;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.stats.NoOpDetector;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo viewer's state: one clock (step, play/pause, speed) for every camera, per-camera orientation
 * (remembered per dataset), the frames of the current step and the demo's plotted signals. Frames come through
 * a bounded {@link FrameCache}; reads are coalesced so that fast scrubbing never queues a backlog: while one
 * read is in flight only the newest wanted step is remembered.
 */
public final class DemoViewerViewModel {

    /** The recorded control rate of LIBERO demos. */
    public static final double RECORDED_HZ = 20.0;
    static final double[] SPEEDS = {0.25, 0.5, 1, 2, 4, 8};
    private static final int PREFETCH = 8;

    private final TaskRunner runner;
    private final FrameCache cache;
    private final StudioSettings settings;
    private final NoOpDetector noOps = new NoOpDetector();

    private final ReadOnlyObjectWrapper<Demo> demo = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CameraInfo> cameras = FXCollections.observableArrayList();
    private final ObservableMap<String, Orientation> orientations = FXCollections.observableHashMap();
    private final ObservableMap<String, Frame> frames = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<DemoSignals> signals = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty step = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper lastStep = new ReadOnlyIntegerWrapper(0);
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    /** What the viewer says while no demo is shown. */
    public static final String DROP_HINT = "Drop LIBERO .hdf5 files or folders here\nor use File → Open (Ctrl+O)";
    private final javafx.beans.property.StringProperty emptyMessage = new javafx.beans.property.SimpleStringProperty(DROP_HINT);
    private final DoubleProperty speed = new SimpleDoubleProperty(1.0);
    private final TimeWindow timeWindow = new TimeWindow();
    private Consumer<String> errorHandler = m -> { };
    private Object demoKey;
    private String dataset = "";
    private boolean readInFlight;
    private int wantedStep = -1;
    private int lastShownStep = -1;
    private int scrubDirection;
    private long lastTick = -1;
    private double stepAccumulator;

    public DemoViewerViewModel(TaskRunner runner, FrameCache cache, StudioSettings settings) {
        this.runner = runner;
        this.cache = cache;
        this.settings = settings;
        step.addListener((obs, o, n) -> showStep());
        // the time axes page after the playhead when it leaves the zoomed range
        step.addListener((obs, o, n) -> timeWindow.follow(n.intValue()));
        playing.addListener((obs, o, n) -> lastTick = -1);
    }

    public void setErrorHandler(Consumer<String> handler) {
        this.errorHandler = handler;
    }

    /**
     * Shows a demo from its first step.
     *
     * @param key     a stable identity for the demo (cache key)
     * @param dataset the dataset the demo belongs to (orientation choices are remembered per dataset)
     */
    public void show(Object key, String dataset, Demo d) {
        show(key, dataset, d, null);
    }

    /** Shows a demo whose signals were already read (see {@link #prepare}); null reads them now. */
    public void show(Object key, String dataset, Demo d, DemoSignals ready) {
        playing.set(false);
        this.demoKey = key;
        this.dataset = dataset;
        demo.set(d);
        lastShownStep = -1;
        signals.set(null);
        frames.clear();
        orientations.clear();
        for (CameraInfo c : d.cameras()) {
            orientations.put(c.name(), settings.orientation(dataset, c.name()).orElse(Orientation.UPRIGHT));
        }
        cameras.setAll(d.cameras());
        lastStep.set(Math.max(0, d.length() - 1));
        timeWindow.setLength(d.length());
        if (step.get() == 0) {
            showStep();
        } else {
            step.set(0);
        }
        if (ready != null) {
            signals.set(ready);
            return;
        }
        runner.interactive("Reading signals of " + d.name(), ctx -> DemoSignals.read(d, noOps), s -> {
            if (demo.get() == d) {
                signals.set(s);
            }
        }, e -> errorHandler.accept("Could not read the signals of " + d.name() + ": " + e.getMessage()));
    }

    /** A demo read ahead of time: opened, signals read, first frames in the cache. */
    public record Prepared(Demo demo, DemoSignals signals) {
    }

    /**
     * Reads a demo ahead (in the caller's background job): its signals, and its first step's frames into the
     * cache in the orientations given, so that showing it next costs no read.
     */
    public Prepared prepare(Object key, Demo d, Map<String, Orientation> orientations) throws Exception {
        DemoSignals s = DemoSignals.read(d, noOps);
        for (CameraInfo c : d.cameras()) {
            Orientation o = orientations.getOrDefault(c.name(), Orientation.UPRIGHT);
            FrameCache.Key k = new FrameCache.Key(key, c.name(), 0, o);
            if (!cache.contains(k)) {
                cache.put(k, d.frame(c.name(), 0, o));
            }
        }
        return new Prepared(d, s);
    }

    /** The orientations a demo of {@code dataset} will be shown in (FX thread: reads settings). */
    public Map<String, Orientation> orientationsFor(String dataset, List<CameraInfo> cams) {
        Map<String, Orientation> out = new LinkedHashMap<>();
        for (CameraInfo c : cams) {
            out.put(c.name(), settings.orientation(dataset, c.name()).orElse(Orientation.UPRIGHT));
        }
        return out;
    }

    /** Clears the viewer (no demo). */
    public void clear() {
        playing.set(false);
        demo.set(null);
        demoKey = null;
        signals.set(null);
        cameras.clear();
        frames.clear();
        lastStep.set(0);
        timeWindow.setLength(0);
    }

    /** Sets a camera's orientation and remembers it for the dataset. */
    public void setOrientation(String camera, Orientation orientation) {
        orientations.put(camera, orientation);
        settings.setOrientation(dataset, camera, orientation);
        String snapshot = settings.snapshot();
        runner.interactive("Saving settings", ctx -> {
            settings.write(snapshot);
            return null;
        }, r -> { }, e -> { });
        showStep();
    }

    public void stepBy(int delta) {
        seek(step.get() + delta);
    }

    public void seek(int s) {
        step.set(Math.max(0, Math.min(lastStep.get(), s)));
    }

    public void togglePlay() {
        if (!playing.get() && step.get() >= lastStep.get()) {
            step.set(0);
        }
        playing.set(!playing.get());
    }

    /** L: play, or play faster. */
    public void faster() {
        if (!playing.get()) {
            playing.set(true);
            return;
        }
        speed.set(nextSpeed(speed.get(), +1));
    }

    /** J: play slower. */
    public void slower() {
        speed.set(nextSpeed(speed.get(), -1));
    }

    /** K: pause. */
    public void pause() {
        playing.set(false);
    }

    static double nextSpeed(double current, int direction) {
        int i = 0;
        while (i < SPEEDS.length - 1 && SPEEDS[i] < current) {
            i++;
        }
        return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i + direction))];
    }

    /**
     * Advances playback to wall-clock time {@code nanos} (called every pulse by the view's animation timer):
     * steps at the recorded 20 Hz times the speed, stopping at the last step.
     */
    public void tick(long nanos) {
        if (!playing.get() || demo.get() == null) {
            lastTick = -1;
            return;
        }
        if (lastTick < 0) {
            lastTick = nanos;
            stepAccumulator = 0;
            return;
        }
        stepAccumulator += (nanos - lastTick) / 1e9 * RECORDED_HZ * speed.get();
        lastTick = nanos;
        int advance = (int) stepAccumulator;
        if (advance > 0) {
            stepAccumulator -= advance;
            int next = Math.min(lastStep.get(), step.get() + advance);
            step.set(next);
            if (next >= lastStep.get()) {
                playing.set(false);
            }
        }
    }

    private FrameCache.Key key(String camera, int s) {
        return new FrameCache.Key(demoKey, camera, s, orientations.getOrDefault(camera, Orientation.UPRIGHT));
    }

    /** Shows the current step's frames from the cache, reading what is missing. */
    private void showStep() {
        Demo d = demo.get();
        if (d == null) {
            return;
        }
        int s = step.get();
        // a steady scrub (small moves one way) reads ahead in its direction, like playback does
        int delta = lastShownStep < 0 ? 0 : s - lastShownStep;
        scrubDirection = delta == 0 || Math.abs(delta) > 10 ? 0 : Integer.signum(delta);
        lastShownStep = s;
        boolean complete = true;
        for (CameraInfo c : cameras) {
            Frame f = cache.get(key(c.name(), s));
            if (f != null) {
                frames.put(c.name(), f);
            } else {
                complete = false;
            }
        }
        if (!complete || playing.get() || scrubDirection != 0) {
            read(s);
        }
    }

    private void read(int s) {
        if (readInFlight) {
            wantedStep = s;
            return;
        }
        Demo d = demo.get();
        Object key = demoKey;
        List<CameraInfo> cams = List.copyOf(cameras);
        Map<String, Orientation> orient = new LinkedHashMap<>(orientations);
        int ahead = playing.get() ? Math.max(1, (int) Math.ceil(PREFETCH * speed.get()))
                : scrubDirection != 0 ? PREFETCH : 0;
        int direction = playing.get() || scrubDirection >= 0 ? 1 : -1;
        List<FrameCache.Key> missing = new ArrayList<>();
        for (int i = 0; i <= ahead; i++) {
            int t = s + direction * i;
            if (t < 0 || t > lastStep.get()) {
                break;
            }
            for (CameraInfo c : cams) {
                FrameCache.Key k = new FrameCache.Key(key, c.name(), t, orient.get(c.name()));
                if (!cache.contains(k)) {
                    missing.add(k);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        readInFlight = true;
        runner.run(TaskRunner.Request.interactive("Reading step " + s), ctx -> {
            Map<FrameCache.Key, Frame> out = new LinkedHashMap<>();
            for (FrameCache.Key k : missing) {
                if (ctx.isCancelled()) {
                    break;
                }
                out.put(k, d.frame(k.camera(), k.step(), k.orientation()));
            }
            return out;
        }, loaded -> {
            readInFlight = false;
            loaded.forEach(cache::put);
            if (demo.get() == d) {
                for (CameraInfo c : cams) {
                    Frame f = loaded.get(key(c.name(), step.get()));
                    if (f != null) {
                        frames.put(c.name(), f);
                    }
                }
            }
            continueWanted();
        }, e -> {
            readInFlight = false;
            errorHandler.accept(e.getMessage());
            continueWanted();
        }, () -> {
            readInFlight = false;
            continueWanted();
        });
    }

    private void continueWanted() {
        if (wantedStep >= 0) {
            wantedStep = -1;
            showStep();
        }
    }

    public ReadOnlyObjectProperty<Demo> demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public ObservableList<CameraInfo> cameras() {
        return cameras;
    }

    public ObservableMap<String, Orientation> orientations() {
        return orientations;
    }

    public ObservableMap<String, Frame> frames() {
        return frames;
    }

    public ReadOnlyObjectProperty<DemoSignals> signalsProperty() {
        return signals.getReadOnlyProperty();
    }

    public IntegerProperty stepProperty() {
        return step;
    }

    /** The steps the time axes show: one zoom for the viewer and every window on its clock. */
    public TimeWindow timeWindow() {
        return timeWindow;
    }

    public ReadOnlyIntegerProperty lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    /** The cache identity of the demo on screen. */
    public Object currentKey() {
        return demoKey;
    }

    public FrameCache cache() {
        return cache;
    }

    /** What the viewer says while it shows no demo (the drop hint, or what the studio is preparing and where). */
    public javafx.beans.property.StringProperty emptyMessageProperty() {
        return emptyMessage;
    }
}
