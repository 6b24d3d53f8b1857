package io.vlastudio.app.predictions;

import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.app.viewer.FrameCache;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.action.ActionTokenizer;
import io.vlastudio.training.predictions.ActionComparison;
import io.vlastudio.training.predictions.ChunkComparison;
import io.vlastudio.training.predictions.ComparisonExport;
import io.vlastudio.training.predictions.FrameScore;
import io.vlastudio.training.predictions.PredictionCatalog;
import io.vlastudio.training.predictions.PredictionMetrics;
import io.vlastudio.training.predictions.PredictionSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Predictions view's state for the demo open in the viewer: the real frame, and for every prediction set of the
 * demo (runs, checkpoints, modes; {@link PredictionCatalog#forDemo}) its predicted frame and the heat map of the
 * absolute difference, all at the step of the viewer's clock. The clock is the viewer's own step property, so
 * scrubbing or playing either window moves both.
 *
 * <p>Frames (PNG decoding, the real frame, the difference) are read on the interactive lane, one read in flight at a
 * time: while it runs only the newest wanted step is remembered, so fast scrubbing never queues a backlog and a
 * result for a step the user has left is cached but not shown. All columns change together: a step is shown once
 * every shown column has its frames. Metrics (PSNR/SSIM per frame and per horizon, action chunks) are computed on
 * the batch lane. A step without a prediction shows a placeholder, never the previous frame.
 */
public final class PredictionsViewModel {

    /** Camera the predictions are of (contract C: agentview) when the folder names none the demo has. */
    static final String DEFAULT_CAMERA = "agentview";
    private static final int PREFETCH = 8;

    private final TaskRunner runner;
    private final FrameCache cache;
    private final ActionTokenizer bins;
    private final IntegerProperty step;
    private final java.util.function.Function<Path, PredictionCatalog> catalogs;
    private final ComparisonExport exporter;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    private final ObservableList<Column> columns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Frame> real = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper shownStep = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(NO_DEMO);
    private final ReadOnlyStringWrapper catalogProblems = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Demo> demo = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Orientation> displayOrientation = new SimpleObjectProperty<>(Orientation.UPRIGHT);
    private final Map<FrameCache.Key, String> failures = new HashMap<>();
    private final Map<FrameCache.Key, Double> meanErrors = new java.util.concurrent.ConcurrentHashMap<>();
    private Consumer<String> errorHandler = m -> { };
    private Object demoKey;
    private String camera = DEFAULT_CAMERA;
    private long generation;
    private RunningJob catalogJob;
    private RunningJob metricsJob;
    private boolean readInFlight;
    private int wantedStep = -1;
    private int lastAskedStep = -1;
    private int direction = 1;

    /** What the view says while no demo is open. */
    public static final String NO_DEMO = "Open a demo in the viewer to see its predictions.";

    /**
     * @param catalogs the predictions of a workspace folder ({@code AppContext::predictions})
     * @param exporter writes comparisons (PNG strip, GIF, MP4) of the shown sets
     * @param runner the task runner (frames: interactive lane; catalog and metrics: batch lane)
     * @param cache  decoded real, predicted and difference frames, bounded in bytes
     * @param bins   the action tokenizer whose bins the action comparison counts
     * @param step   the clock: the viewer's step property, shared
     */
    public PredictionsViewModel(java.util.function.Function<Path, PredictionCatalog> catalogs, ComparisonExport exporter,
                                TaskRunner runner, FrameCache cache, ActionTokenizer bins, IntegerProperty step) {
        this.catalogs = catalogs;
        this.exporter = exporter;
        this.runner = runner;
        this.cache = cache;
        this.bins = bins;
        this.step = step;
        step.addListener((obs, o, n) -> showStep());
    }

    public void setErrorHandler(Consumer<String> handler) {
        this.errorHandler = handler;
    }

    /** The empty state: what to run to get predictions for {@code file#demo}. */
    public static String emptyMessage(Path file, String demoName) {
        return "No predictions for this demo — run\n\n  vla-studio predict RUN --demo " + file + "#" + demoName
                + " --mode open-loop\n\n(RUN: a studio-model run of this workspace, see Training → Runs…; --mode teacher-forced "
                + "for one-step predictions), or write WorldVLA's predictions folder under the workspace's predictions/ folder.";
    }

    /**
     * Shows the predictions of {@code demoName} of {@code file} found in the workspace {@code workspaceDir}
     * ({@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<stem>#<demo>/}).
     *
     * @param key a stable identity of the demo (cache key)
     */
    public void show(Path workspaceDir, Path file, String demoName, Demo d, Object key) {
        clear();
        long gen = generation;
        this.demoKey = key;
        demo.set(d);
        camera = cameraOf(d, DEFAULT_CAMERA);
        message.set("Looking for predictions of " + demoName + " in " + workspaceDir.resolve("predictions") + "…");
        Path absolute = file.toAbsolutePath().normalize();
        catalogJob = runner.run(TaskRunner.Request.batch("Looking for predictions of " + demoName), ctx -> {
            PredictionCatalog catalog = catalogs.apply(workspaceDir);
            List<PredictionSet> sets = new ArrayList<>(catalog.forDemo(absolute, demoName));
            sets.sort(Comparator.comparing(PredictionSet::label));
            List<Found> found = new ArrayList<>();
            for (PredictionSet s : sets) {
                found.add(new Found(s, s.problems(d)));
            }
            return new Catalog(found, catalog.problems());
        }, c -> {
            if (gen != generation) {
                return;
            }
            catalogProblems.set(c.problems().isEmpty() ? "" : c.problems().size() + " predictions folder"
                    + (c.problems().size() == 1 ? "" : "s") + " of the workspace could not be read: " + String.join("; ", c.problems()));
            List<Column> next = new ArrayList<>();
            for (Found f : c.sets()) {
                next.add(new Column(f.set(), next.size(), f.problems()));
            }
            columns.setAll(next);
            message.set(next.isEmpty() ? emptyMessage(file, demoName) : "");
            showStep();
            computeMetrics();
        }, e -> {
            if (gen == generation) {
                message.set("The predictions of " + demoName + " could not be listed: " + e.getMessage());
            }
        }, () -> { });
    }

    /** Adds a predictions folder from anywhere (File → Add Folder… in the view); its problems show in its column. */
    public void addFolder(Path dir) {
        Demo d = demo.get();
        if (d == null) {
            errorHandler.accept("Open a demo in the viewer first: predictions are shown beside a demo.");
            return;
        }
        long gen = generation;
        runner.run(TaskRunner.Request.batch("Reading predictions in " + dir.getFileName()), ctx -> {
            PredictionSet s = PredictionSet.open(dir);
            return new Found(s, s.problems(d));
        }, f -> {
            if (gen != generation) {
                return;
            }
            if (columns.stream().anyMatch(c -> c.set().dir().equals(f.set().dir()))) {
                return;
            }
            columns.add(new Column(f.set(), columns.size(), f.problems()));
            message.set("");
            showStep();
            computeMetrics();
        }, e -> errorHandler.accept(e.getMessage()), () -> { });
    }

    /**
     * Writes the shown sets beside the real frames to {@code out} (a PNG strip, GIF or MP4 by its extension), turned the
     * way the view shows them, on the batch lane; {@link #statusProperty()} says what was written.
     */
    public void export(Path out) {
        Demo d = demo.get();
        List<PredictionSet> sets = columns.stream().filter(c -> c.shown.get()).map(Column::set).toList();
        if (d == null || sets.isEmpty()) {
            errorHandler.accept("Nothing to export: show at least one prediction set of a demo.");
            return;
        }
        ComparisonExport.Format format = ComparisonExport.Format.ofFile(out).orElse(null);
        if (format == null) {
            errorHandler.accept(out.getFileName() + ": the file name must end in .png (a strip), .gif or .mp4");
            return;
        }
        // the file chooser has asked before replacing a file
        ComparisonExport.Options options = new ComparisonExport.Options(format, null, 10, displayOrientation.get(), true);
        status.set("Exporting " + out.getFileName() + "…");
        runner.run(TaskRunner.Request.batch("Exporting " + out.getFileName()),
                ctx -> exporter.export(d, sets, out, options, (done, total) -> ctx.report(done, total, "step " + done + " of " + total)),
                r -> status.set("Wrote " + r.file() + " (" + r.frames() + (r.frames() == 1 ? " image, " : " frames, ")
                        + r.steps().size() + " steps)"),
                e -> {
                    status.set("");
                    errorHandler.accept("Could not export " + out + ": " + e.getMessage());
                }, () -> status.set(""));
    }

    /** What the last export did ("Wrote …"), or "". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Forgets the demo (the viewer shows none). */
    public void clear() {
        generation++;
        if (catalogJob != null) {
            catalogJob.cancel();
        }
        if (metricsJob != null) {
            metricsJob.cancel();
        }
        demo.set(null);
        demoKey = null;
        columns.clear();
        real.set(null);
        shownStep.set(-1);
        failures.clear();
        meanErrors.clear();
        catalogProblems.set("");
        message.set(NO_DEMO);
        wantedStep = -1;
        lastAskedStep = -1;
    }

    private static String cameraOf(Demo d, String wanted) {
        for (CameraInfo c : d.cameras()) {
            if (c.name().equals(wanted)) {
                return wanted;
            }
        }
        for (CameraInfo c : d.cameras()) {
            if (c.name().startsWith(wanted)) {
                return c.name();
            }
        }
        return d.cameras().isEmpty() ? wanted : d.cameras().get(0).name();
    }

    // ---- frames ------------------------------------------------------------------------------------------------

    FrameCache.Key realKey(int s) {
        return new FrameCache.Key(demoKey, "real:" + camera, s, Orientation.RAW);
    }

    static FrameCache.Key predictedKey(Column c, int s) {
        return new FrameCache.Key(c.set().dir(), "predicted", s, Orientation.RAW);
    }

    static FrameCache.Key differenceKey(Column c, int s) {
        return new FrameCache.Key(c.set().dir(), "difference:" + c.cameraKey, s, Orientation.RAW);
    }

    private int clampedStep() {
        Demo d = demo.get();
        return d == null ? 0 : Math.max(0, Math.min(d.length() - 1, step.get()));
    }

    /** Shows the clock's step if every shown column has its frames; reads what is missing (and ahead). */
    private void showStep() {
        if (demo.get() == null || demoKey == null) {
            return;
        }
        int s = clampedStep();
        int delta = lastAskedStep < 0 ? 0 : s - lastAskedStep;
        if (delta != 0 && Math.abs(delta) <= 10) {
            direction = Integer.signum(delta);
        }
        boolean moving = delta != 0 && Math.abs(delta) <= 10;
        lastAskedStep = s;
        if (complete(s)) {
            apply(s);
            if (moving) {
                read(s);
            }
        } else {
            read(s);
        }
    }

    private boolean complete(int s) {
        if (!cache.contains(realKey(s))) {
            return false;
        }
        for (Column c : columns) {
            if (!c.shown.get() || !c.set().steps().contains(s)) {
                continue;
            }
            FrameCache.Key p = predictedKey(c, s);
            if (failures.containsKey(p)) {
                continue;
            }
            if (!cache.contains(p)) {
                return false;
            }
            FrameCache.Key dk = differenceKey(c, s);
            if (!failures.containsKey(dk) && !cache.contains(dk)) {
                return false;
            }
        }
        return true;
    }

    /** Puts step {@code s} on screen, in every column at once (frames are in the cache or known to be absent). */
    private void apply(int s) {
        Frame r = cache.get(realKey(s));
        if (r == null) {
            return;
        }
        real.set(r);
        for (Column c : columns) {
            if (!c.set().steps().contains(s)) {
                c.show(null, null, "no prediction for step " + s, Double.NaN);
                continue;
            }
            FrameCache.Key pk = predictedKey(c, s);
            FrameCache.Key dk = differenceKey(c, s);
            if (failures.containsKey(pk)) {
                c.show(null, null, failures.get(pk), Double.NaN);
                continue;
            }
            Frame p = cache.get(pk);
            Frame diff = cache.get(dk);
            String why = failures.getOrDefault(dk, "");
            c.show(p, diff, why, meanErrors.getOrDefault(dk, Double.NaN));
        }
        shownStep.set(s);
    }

    private void read(int s) {
        if (readInFlight) {
            wantedStep = s;
            return;
        }
        Demo d = demo.get();
        long gen = generation;
        String cam = camera;
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i <= PREFETCH; i++) {
            int t = s + direction * i;
            if (t < 0 || t >= d.length()) {
                break;
            }
            steps.add(t);
        }
        List<Column> shown = columns.stream().filter(c -> c.shown.get()).toList();
        Map<Integer, FrameCache.Key> realByStep = new LinkedHashMap<>();
        for (int t : steps) {
            realByStep.put(t, realKey(t));
        }
        Map<FrameCache.Key, String> knownFailures = Map.copyOf(failures);
        if (steps.stream().allMatch(this::complete)) {
            return; // everything ahead is in the cache: no job at all
        }
        readInFlight = true;
        runner.run(TaskRunner.Request.interactive("Reading predictions at step " + s).latest("predictions-frames"), ctx -> {
            Loaded out = new Loaded(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
            for (int t : steps) {
                if (ctx.isCancelled()) {
                    break;
                }
                FrameCache.Key rk = realByStep.get(t);
                Frame r = cache.get(rk);
                if (r == null) {
                    r = d.frame(cam, t, Orientation.RAW);
                    out.frames().put(rk, r);
                }
                for (Column c : shown) {
                    if (!c.set().steps().contains(t)) {
                        continue;
                    }
                    FrameCache.Key pk = predictedKey(c, t);
                    FrameCache.Key dk = differenceKey(c, t);
                    if (knownFailures.containsKey(pk) || (cache.contains(pk) && (cache.contains(dk) || knownFailures.containsKey(dk)))) {
                        continue;
                    }
                    Frame p = cache.get(pk);
                    if (p == null) {
                        try {
                            p = c.set().frame(t).orElse(null);
                        } catch (IOException | RuntimeException e) {
                            out.failures().put(pk, "frame_" + String.format(Locale.ROOT, "%06d", t) + ".png could not be read: "
                                    + e.getMessage());
                            continue;
                        }
                        if (p == null) {
                            out.failures().put(pk, "no prediction for step " + t + " (its file went away)");
                            continue;
                        }
                        out.frames().put(pk, p);
                    }
                    if (!cache.contains(dk)) {
                        try {
                            Frame diff = PredictionMetrics.absDifference(r, p);
                            out.errors().put(dk, Heatmap.meanAbs(diff));
                            out.frames().put(dk, Heatmap.colour(diff));
                        } catch (RuntimeException e) {
                            out.failures().put(dk, "no difference: " + e.getMessage());
                        }
                    }
                }
            }
            return out;
        }, loaded -> {
            readInFlight = false;
            if (gen != generation) {
                continueWanted();
                return;
            }
            loaded.frames().forEach(cache::put);
            failures.putAll(loaded.failures());
            meanErrors.putAll(loaded.errors());
            int now = clampedStep();
            if (complete(now)) {
                apply(now);
            }
            continueWanted();
        }, e -> {
            readInFlight = false;
            if (gen == generation) {
                errorHandler.accept("Could not read the frames of step " + s + ": " + e.getMessage());
            }
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

    // ---- metrics -----------------------------------------------------------------------------------------------

    /** On the scoring job's thread: keeps a scored pair and its difference map if they fit in the cache. */
    private void keepFrames(Column c, int step, Frame real, Frame predicted, Map<Integer, FrameCache.Key> realKeys) {
        FrameCache.Key rk = realKeys.get(step);
        FrameCache.Key pk = predictedKey(c, step);
        FrameCache.Key dk = differenceKey(c, step);
        if (rk == null || cache.contains(dk)) {
            return;
        }
        Frame diff = PredictionMetrics.absDifference(real, predicted);
        Frame map = Heatmap.colour(diff);
        long need = (long) real.rgb().length + predicted.rgb().length + map.rgb().length;
        if (cache.bytes() + need > cache.maxBytes()) {
            return;
        }
        meanErrors.put(dk, Heatmap.meanAbs(diff));
        cache.putIfRoom(rk, real);
        cache.putIfRoom(pk, predicted);
        cache.putIfRoom(dk, map);
    }


    private void computeMetrics() {
        Demo d = demo.get();
        if (d == null || columns.isEmpty()) {
            return;
        }
        if (metricsJob != null) {
            metricsJob.cancel();
        }
        long gen = generation;
        List<Column> todo = columns.stream().filter(c -> c.metrics.get() == null).toList();
        String cam = camera;
        Map<Column, Boolean> shownNow = new LinkedHashMap<>();
        todo.forEach(c -> shownNow.put(c, c.shown.get()));
        Map<Integer, FrameCache.Key> realKeys = new java.util.concurrent.ConcurrentHashMap<>();
        for (int t = 0; t < d.length(); t++) {
            realKeys.put(t, realKey(t));
        }
        metricsJob = runner.run(TaskRunner.Request.batch("Scoring predictions of " + d.name()), ctx -> {
            Map<Column, SetMetrics> out = new LinkedHashMap<>();
            int i = 0;
            for (Column c : todo) {
                if (ctx.isCancelled()) {
                    break;
                }
                ctx.report(i++, todo.size(), c.label());
                // the scoring pass decodes every predicted frame once: the cache keeps what fits without evicting
                // anything (real, predicted, difference), so a first scrub does not decode the same PNGs again
                boolean keep = shownNow.get(c) && cam.equals(c.set().meta().camera()) && c.set().orientation() == Orientation.RAW;
                out.put(c, SetMetrics.of(c.set(), d, bins, keep ? (step, real, p) -> keepFrames(c, step, real, p, realKeys) : null));
            }
            return out;
        }, results -> {
            if (gen == generation) {
                results.forEach((c, m) -> c.metrics.set(m));
            }
        }, e -> {
            if (gen == generation) {
                errorHandler.accept("The predictions of " + d.name() + " could not be scored: " + e.getMessage());
            }
        }, () -> { });
    }

    /**
     * Everything measured for one prediction set: per-frame PSNR/SSIM, their mean per rollout horizon, and the action
     * chunks against the recorded actions. A part that could not be computed is empty and named in {@code problem}.
     */
    public record SetMetrics(List<FrameScore> scores, double[] psnrByHorizon, double[] ssimByHorizon,
                             List<ChunkComparison> chunks, double[] binAccuracy, double[] l1, List<Integer> gripperDisagreements,
                             String problem) {

        static SetMetrics of(PredictionSet set, Demo d, ActionTokenizer bins) {
            return of(set, d, bins, null);
        }

        /** {@link #of(PredictionSet, Demo, ActionTokenizer)}, handing each scored pair of frames to {@code frames}. */
        static SetMetrics of(PredictionSet set, Demo d, ActionTokenizer bins, PredictionMetrics.FramePairs frames) {
            List<String> problems = new ArrayList<>();
            List<FrameScore> scores = List.of();
            try {
                scores = frames == null ? PredictionMetrics.score(set, d) : PredictionMetrics.score(set, d, frames);
            } catch (IOException | RuntimeException e) {
                problems.add("frame metrics: " + e.getMessage());
            }
            int maxH = scores.stream().mapToInt(FrameScore::horizon).max().orElse(-1);
            double[] psnr = new double[maxH + 1];
            double[] ssim = new double[maxH + 1];
            int[] n = new int[maxH + 1];
            for (FrameScore f : scores) {
                if (f.horizon() >= 0) {
                    psnr[f.horizon()] += Double.isFinite(f.psnr()) ? f.psnr() : 0;
                    ssim[f.horizon()] += f.ssim();
                    n[f.horizon()]++;
                }
            }
            for (int h = 0; h <= maxH; h++) {
                psnr[h] = n[h] == 0 ? Double.NaN : psnr[h] / n[h];
                ssim[h] = n[h] == 0 ? Double.NaN : ssim[h] / n[h];
            }
            List<ChunkComparison> chunks = List.of();
            double[] acc = new double[0];
            double[] l1 = new double[0];
            List<Integer> grip = List.of();
            if (!set.chunks().isEmpty()) {
                try {
                    chunks = ActionComparison.compare(set, d, bins);
                    acc = ActionComparison.binAccuracyPerPosition(chunks);
                    l1 = ActionComparison.l1PerPosition(chunks);
                    grip = ActionComparison.gripperDisagreements(chunks);
                } catch (RuntimeException e) {
                    problems.add("actions: " + e.getMessage());
                }
            }
            return new SetMetrics(scores, psnr, ssim, chunks, acc, l1, grip, String.join("; ", problems));
        }

        /** PSNR per step of a {@code length}-step demo (NaN where there is no prediction). */
        public double[] psnrByStep(int length) {
            double[] out = nans(length);
            for (FrameScore f : scores) {
                if (f.step() >= 0 && f.step() < length) {
                    out[f.step()] = f.psnr();
                }
            }
            return out;
        }

        /** SSIM per step of a {@code length}-step demo (NaN where there is no prediction). */
        public double[] ssimByStep(int length) {
            double[] out = nans(length);
            for (FrameScore f : scores) {
                if (f.step() >= 0 && f.step() < length) {
                    out[f.step()] = f.ssim();
                }
            }
            return out;
        }

        private static double[] nans(int n) {
            double[] out = new double[Math.max(0, n)];
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
    }

    // ---- what the view binds to ---------------------------------------------------------------------------------

    /** One prediction set beside the real frame: its predicted frame and the difference at the shown step. */
    public static final class Column {
        private final PredictionSet set;
        private final int index;
        private final List<String> problems;
        private final String problemSummary;
        private final String cameraKey;
        private final BooleanProperty shown = new SimpleBooleanProperty(true);
        private final ReadOnlyObjectWrapper<Frame> predicted = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyObjectWrapper<Frame> difference = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<SetMetrics> metrics = new ReadOnlyObjectWrapper<>();

        Column(PredictionSet set, int index, List<String> problems) {
            this.set = set;
            this.index = index;
            this.problems = List.copyOf(problems);
            this.problemSummary = summarize(problems);
            this.cameraKey = Objects.toString(set.meta().camera(), DEFAULT_CAMERA);
        }

        void show(Frame p, Frame diff, String why, double meanError) {
            predicted.set(p);
            difference.set(diff);
            placeholder.set(why == null ? "" : why);
            error.set(Double.isNaN(meanError) ? "" : String.format(Locale.ROOT, "mean |Δ| %.1f", meanError));
        }

        public PredictionSet set() {
            return set;
        }

        /** Position among the columns (its colour in plots). */
        public int index() {
            return index;
        }

        public String label() {
            return set.label();
        }

        /** The folder's problems with this demo, one per line as the API words them. */
        public List<String> problems() {
            return problems;
        }

        /** The problems in a few words for the column's banner ("12 frames missing (frame_000012.png, …)"), or "". */
        public String problemSummary() {
            return problemSummary;
        }

        public BooleanProperty shownProperty() {
            return shown;
        }

        public ReadOnlyObjectProperty<Frame> predictedProperty() {
            return predicted.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<Frame> differenceProperty() {
            return difference.getReadOnlyProperty();
        }

        /** Why the column shows no frame at this step ("no prediction for step 12"), or "". */
        public ReadOnlyStringProperty placeholderProperty() {
            return placeholder.getReadOnlyProperty();
        }

        /** The mean absolute difference at this step ("mean |Δ| 12.3"), or "". */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<SetMetrics> metricsProperty() {
            return metrics.getReadOnlyProperty();
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * The problems of a folder in a few words: missing frames counted ("12 frames missing (frame_000012.png, …)"), the
     * others listed (at most three, then how many more).
     */
    static String summarize(List<String> problems) {
        List<String> missing = new ArrayList<>();
        List<String> other = new ArrayList<>();
        int moreMissing = 0;
        for (String p : problems) {
            java.util.regex.Matcher more = MORE_MISSING.matcher(p);
            if (p.startsWith("frame_") && p.endsWith(" is missing")) {
                missing.add(p.substring(0, p.indexOf(' ')));
            } else if (more.matches()) {
                moreMissing += Integer.parseInt(more.group(1));
            } else {
                other.add(p);
            }
        }
        List<String> lines = new ArrayList<>();
        int count = missing.size() + moreMissing;
        if (count > 0) {
            lines.add(count == 1 ? "1 frame missing (" + missing.get(0) + ")"
                    : count + " frames missing (" + (missing.isEmpty() ? "" : missing.get(0) + ", ") + "…)");
        }
        for (int i = 0; i < other.size() && i < 3; i++) {
            lines.add(other.get(i));
        }
        if (other.size() > 3) {
            lines.add("and " + (other.size() - 3) + " more problems");
        }
        return String.join("\n", lines);
    }

    private static final java.util.regex.Pattern MORE_MISSING = java.util.regex.Pattern.compile("… and (\\d+) more frames are missing");

    private record Found(PredictionSet set, List<String> problems) {
    }

    private record Catalog(List<Found> sets, List<String> problems) {
    }

    private record Loaded(Map<FrameCache.Key, Frame> frames, Map<FrameCache.Key, String> failures,
                          Map<FrameCache.Key, Double> errors) {
    }

    /** Shows or hides a column; shown columns are read and shown at the current step. */
    public void setShown(Column c, boolean shown) {
        c.shown.set(shown);
        showStep();
    }

    public ObservableList<Column> columns() {
        return columns;
    }

    /** The real frame at the shown step (raw orientation). */
    public ReadOnlyObjectProperty<Frame> realProperty() {
        return real.getReadOnlyProperty();
    }

    /** The step every column shows now (-1: none yet); it follows the clock as soon as the frames are there. */
    public ReadOnlyIntegerProperty shownStepProperty() {
        return shownStep.getReadOnlyProperty();
    }

    /** The empty state, or what the view is doing; "" while predictions are shown. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Folders of the workspace's predictions/ that could not be read at all, or "". */
    public ReadOnlyStringProperty catalogProblemsProperty() {
        return catalogProblems.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Demo> demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** How every column is turned on screen (predictions are stored raw, like the real frame is read). */
    public ObjectProperty<Orientation> displayOrientationProperty() {
        return displayOrientation;
    }

    /** The clock (the viewer's step). */
    public IntegerProperty stepProperty() {
        return step;
    }

    /** The camera the predictions are compared with. */
    public String camera() {
        return camera;
    }

    public FrameCache cache() {
        return cache;
    }
}
