package io.vlastudio.app.bench;

import com.sun.javafx.perf.PerformanceTracker;
import io.vlastudio.app.AppContext;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the UI benchmarks share ({@link ViewerBenchmark}, {@link UiSoak}, and any other bench class that drives the
 * real studio window): the synthetic suite they open, starting the window on the real toolkit and the real
 * {@link FxTaskRunner}, calls onto the FX thread, waiting, the used heap after GC, a meter of the frames the
 * toolkit really presents (with the CPU the FX and render threads spent on them), and the results table. The docs'
 * screenshot scenes ({@link ScreenshotScenes}, the Predictions window's) start and place their windows with it too.
 */
public final class BenchHarness {

    private BenchHarness() {
    }

    /** Writes a 256x256 no-noops synthetic suite (2 tasks x 12 demos) into {@code dir} unless one is there. */
    public static Path syntheticSuite(Path dir) throws IOException {
        return syntheticSuite(dir, SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(2).withDemosPerTask(12),
                "a 256x256 no-noops suite (2 tasks x 12 demos)");
    }

    /** Writes the synthetic suite {@code spec} ({@code what}, for the log line) into {@code dir} unless one is there. */
    public static Path syntheticSuite(Path dir, SuiteSpec spec, String what) throws IOException {
        boolean present;
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                present = s.anyMatch(p -> p.toString().endsWith(".hdf5"));
            }
        } else {
            present = false;
        }
        if (!present) {
            System.out.println("writing " + what + " to " + dir);
            try {
                new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir, spec, Progress.NONE, () -> false);
            } catch (Exception e) {
                throw new IOException("could not write the benchmark suite to " + dir + ": " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** The suite's first HDF5 file by name. */
    public static Path firstFile(Path suite) throws IOException {
        try (var files = Files.list(suite)) {
            return files.filter(p -> p.toString().endsWith(".hdf5")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no .hdf5 file in " + suite));
        }
    }

    /** The studio window on the real toolkit, its task runner and stage. */
    public record Studio(StudioWindow window, FxTaskRunner runner, Stage stage) {

        /** Ends the toolkit and the runner (the benchmark's JVM exits after this). */
        public void close() {
            Platform.exit();
            runner.close();
        }
    }

    /** Starts the toolkit and shows the studio window at {@code width x height}. */
    public static Studio start(AppContext context, int width, int height) throws Exception {
        FxTaskRunner runner = new FxTaskRunner(2);
        CompletableFuture<Studio> ready = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                StudioWindow w = new StudioWindow(context, runner);
                Stage stage = new Stage();
                w.show(stage);
                stage.setWidth(width);
                stage.setHeight(height);
                ready.complete(new Studio(w, runner, stage));
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    /** Moves {@code stage} to ({@code x}, {@code y}) and sizes it (on the FX thread). */
    public static void place(Stage stage, double x, double y, double width, double height) {
        stage.setX(x);
        stage.setY(y);
        stage.setWidth(width);
        stage.setHeight(height);
    }

    /**
     * The screenshot handshake of the docs' screenshot scripts: writes {@code signals/N.ready} and waits (two minutes
     * at most) for {@code signals/N.done}, which the script writes after {@code import -window root}.
     */
    public static void screenshot(Path signals, int n) throws Exception {
        Files.createDirectories(signals);
        Files.writeString(signals.resolve(n + ".ready"), "");
        long end = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(signals.resolve(n + ".done")) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    /** Runs {@code call} on the FX thread and returns its result (30 s at most). */
    public static <T> T fx(Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Runs {@code r} on the FX thread and waits for it. */
    public static void fx(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** A condition polled by {@link #waitFor}. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls a condition (1 ms apart) until it holds, failing after {@code seconds}. */
    public static void waitFor(Condition condition, int seconds) throws Exception {
        waitFor(condition, seconds, 1);
    }

    /** Polls a condition ({@code pollMillis} apart) until it holds, failing after {@code seconds}. */
    public static void waitFor(Condition condition, int seconds, long pollMillis) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(pollMillis);
        }
    }

    /**
     * Used heap after full GCs (bytes): GCs are repeated until two readings agree within 1 MB (at most 10), because
     * a GC asked for while a thread holds the GC locker (the software renderer uploads pixels in JNI critical
     * sections) is skipped, and one reading would then count garbage.
     */
    public static long usedHeapAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = r.totalMemory() - r.freeMemory();
            if (Math.abs(used - last) < 1_000_000) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A results-table row: {@code | what | value | target | PASS/FAIL |} (no verdict without a target). */
    public static String row(String what, double value, String target, boolean pass) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s |", what, num(value), target,
                target.isEmpty() ? "" : pass ? "PASS" : "FAIL");
    }

    /** Whole numbers without decimals, small fractions with four, the rest with one. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Math.abs(v) < 1 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The machine as a benchmark reports it: cores, load averages now, JVM, prism pipeline. */
    public static String machine() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load average (1/5/15 min, running/all, last pid) "
                + load + "; JVM " + ManagementFactory.getRuntimeMXBean().getVmVersion() + ", max heap "
                + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB, prism " + System.getProperty("prism.order", "default");
    }

    /** Writes a results file: a title, the table, then free lines. */
    public static void writeResults(Path file, String title, List<String> table, String... notes) throws IOException {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        table.forEach(l -> b.append(l).append('\n'));
        b.append('\n');
        for (String n : notes) {
            b.append(n).append("\n\n");
        }
        b.append(machine()).append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, b.toString());
        System.out.println();
        System.out.println(String.join("\n", table));
        System.out.println(machine());
    }

    /**
     * Writes the heap's class histogram (live objects, after a full GC; what {@code jcmd <pid> GC.class_histogram}
     * prints) to {@code file}: two of them, diffed, show what a leak keeps.
     */
    public static void classHistogram(Path file) throws Exception {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.valueOf(out));
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /**
     * Counts what the toolkit does for a scene between {@link #start} and {@link #stop}: pulses, frames rendered
     * and presented (JavaFX's own scene tracker, called by the render thread when a frame is done), and the CPU
     * time the FX application thread and the render thread spent meanwhile. CPU time per frame does not depend on
     * what else runs on the machine as much as frames per second do, so it is reported beside them.
     */
    public static final class FrameMeter {
        private final Scene scene;
        private final AtomicLong frames = new AtomicLong();
        private final AtomicLong pulses = new AtomicLong();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long t0;
        private long fx0;
        private long render0;
        private long fxThread = -1;
        private long renderThread = -1;

        public FrameMeter(Scene scene) {
            this.scene = scene;
        }

        /** Starts counting (any thread). */
        public void start() throws Exception {
            fxThread = fx(() -> Thread.currentThread().getId());
            renderThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
            fx(() -> {
                PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
                tracker.setOnRenderedFrameTask(frames::incrementAndGet);
                tracker.setOnPulse(pulses::incrementAndGet);
            });
            frames.set(0);
            pulses.set(0);
            fx0 = cpu(fxThread);
            render0 = cpu(renderThread);
            t0 = System.nanoTime();
        }

        /** Stops counting and returns what was counted. */
        public Measure stop() throws Exception {
            long f = frames.get();
            long p = pulses.get();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long fxCpu = cpu(fxThread) - fx0;
            long renderCpu = cpu(renderThread) - render0;
            fx(() -> PerformanceTracker.releaseSceneTracker(scene));
            return new Measure(seconds, f, p, fxCpu / 1e6, renderCpu / 1e6);
        }

        private long cpu(long id) {
            long t = id < 0 ? -1 : threads.getThreadCpuTime(id);
            return Math.max(0, t);
        }
    }

    /** What a {@link FrameMeter} counted: seconds, frames presented, pulses, CPU ms of the FX and render threads. */
    public record Measure(double seconds, long frames, long pulses, double fxCpuMs, double renderCpuMs) {

        public double framesPerSecond() {
            return frames / seconds;
        }

        public double pulsesPerSecond() {
            return pulses / seconds;
        }

        /** FX-thread CPU per presented frame (ms). */
        public double fxMsPerFrame() {
            return fxCpuMs / Math.max(1, frames);
        }

        /** Render-thread CPU per presented frame (ms). */
        public double renderMsPerFrame() {
            return renderCpuMs / Math.max(1, frames);
        }
    }
}
