package io.vlastudio.app.predictions;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Predictions view's benchmark (a sibling of the viewer benchmark; run it under Xvfb with the bench profile):
 * scrubbing a 256×256 demo one step per pulse with the Predictions window open on two prediction sets — real, two
 * predicted and two difference columns, the PSNR/SSIM charts and the timeline — counting pulses in which every column
 * shows the step asked for in the previous pulse; the reference, measured in the same run, is the same scrub with
 * the Predictions window closed (the viewer alone). Then the heap after GC before and after 10,000 frame changes.
 */
public final class PredictionsBenchmark {

    private PredictionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-predictions");
        Path suite = work.resolve("libero_bench_no_noops");
        Path ws = work.resolve("workspace");
        if (!Files.isDirectory(suite)) {
            System.out.println("writing a 256x256 no-noops suite (1 task x 2 demos) to " + suite);
            new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite,
                    SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(1).withDemosPerTask(2), Progress.NONE, () -> false);
        }
        Path file;
        try (Stream<Path> files = Files.list(suite)) {
            file = files.filter(p -> p.toString().endsWith(".hdf5")).sorted().findFirst().orElseThrow();
        }
        if (!Files.isDirectory(ws.resolve("predictions"))) {
            System.out.println("writing two predictions folders (every step) to " + ws.resolve("predictions"));
            try (DemoFile f = new Hdf5DemoReader().open(file)) {
                Demo d = f.openDemo(f.demos().get(0).name());
                PredictionFixtures.write(ws, file, d, "bench", "epoch1", "teacher-forced", 0, 0,
                        PredictionFixtures.Content.DRIFTING, Set.of(), d.length(), d.length());
                PredictionFixtures.write(ws, file, d, "bench", "epoch5", "open-loop", 0, 1,
                        PredictionFixtures.Content.DRIFTING, Set.of(), d.length(), d.length());
            }
        }
        AppContext context = new AppContext(new StudioPaths(work.resolve("home")));
        FxTaskRunner runner = new FxTaskRunner(2);
        CompletableFuture<StudioWindow> ready = new CompletableFuture<>();
        Platform.startup(() -> {
            StudioWindow w = new StudioWindow(context, runner);
            Stage stage = new Stage();
            w.show(stage);
            stage.setWidth(1400);
            stage.setHeight(900);
            ready.complete(w);
        });
        StudioWindow window = ready.get(60, TimeUnit.SECONDS);
        DemoViewerViewModel viewer = window.browser().viewer();
        fx(() -> window.openWorkspace(ws, List.of(suite)));
        waitFor(() -> fx(() -> viewer.signalsProperty().get() != null && viewer.frames().size() == 2), 120);

        List<String> report = new ArrayList<>();
        report.add("| measurement | value | target | result |");
        report.add("|---|---:|---|---|");
        double[] bare = scrub(viewer, null, 10);

        fx(() -> {
            PredictionsWindow p = window.openPredictions();
            p.stage().setWidth(1400);
            p.stage().setHeight(900);
        });
        PredictionsWindow pw = fx(window::predictionsWindow);
        PredictionsViewModel m = pw.model();
        waitFor(() -> fx(() -> m.columns().size() == 2 && m.shownStepProperty().get() >= 0
                && m.columns().stream().allMatch(c -> c.metricsProperty().get() != null)), 300);
        double[] fps = scrub(viewer, m, 10);
        report.add(row("scrub with the Predictions window (real + 2 predicted + 2 differences): pulses per second", fps[2], "", true));
        report.add(row("  pulses showing, in every column, the step asked for one pulse before (fps)", fps[0], ">= 60", fps[0] >= 58));
        report.add(row("  share of pulses showing the step asked for in every column", fps[0] / Math.max(1e-9, fps[2]), "", true));
        report.add(row("reference, same run: the viewer alone, same scrub (fps)", bare[0], "", true));
        report.add(row("reference: pulses per second", bare[2], "", true));
        report.add(row("with predictions / viewer alone (ratio)", fps[0] / Math.max(1e-9, bare[0]), ">= 0.9", fps[0] >= 0.9 * bare[0]));
        // CPU time per pulse of the two threads a pulse runs on: robust to a loaded machine, unlike the fps above
        report.add(row("CPU per pulse, Predictions scrub: JavaFX Application Thread (ms)", fps[3], "<= 12", fps[3] <= 12));
        report.add(row("CPU per pulse, Predictions scrub: prism render thread QuantumRenderer-0 (ms)", fps[4], "<= 12", fps[4] <= 12));
        report.add(row("CPU per pulse, viewer alone: JavaFX Application Thread (ms)", bare[3], "", true));
        report.add(row("CPU per pulse, viewer alone: prism render thread QuantumRenderer-0 (ms)", bare[4], "", true));
        report.forEach(System.out::println);
        if (Boolean.getBoolean("predictions.bench.scrubOnly")) { // while tuning the pulse: skip the heap soak
            Platform.exit();
            runner.close();
            System.exit(0);
        }

        // warm-up: 2,000 changes fill both frame caches (bounded), then 10,000 more must leave the heap where it was
        frameChanges(viewer, m, 2_000, 0);
        long before = usedHeapAfterGc();
        long cacheBefore = m.cache().bytes();
        int changes = frameChanges(viewer, m, 10_000, 3);
        long after = usedHeapAfterGc();
        report.add(row("heap after GC after 2,000 frame changes, caches full (MB)", before / 1e6, "", true));
        report.add(row("heap after GC after " + changes + " more frame changes (MB)", after / 1e6, "flat (within 32 MB)",
                Math.abs(after - before) < 32e6));
        report.add(row("predictions frame cache held before / after (MB, bounded at " + (PredictionsWindow.FRAME_CACHE_BYTES >> 20)
                + ")", cacheBefore / 1e6, "", true));
        report.add(row("  after", m.cache().bytes() / 1e6, "", true));
        report.add(row("max heap of this JVM (MB)", Runtime.getRuntime().maxMemory() / 1e6, "", true));

        String table = String.join("\n", report);
        System.out.println();
        System.out.println(table);
        Files.writeString(work.resolve("predictions-bench-results.md"), "# Predictions benchmark\n\n" + table + "\n\nJVM: "
                + ManagementFactory.getRuntimeMXBean().getVmVersion() + ", prism " + System.getProperty("prism.order", "default")
                + ", load average at the end " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + "\n");
        Platform.exit();
        runner.close();
        System.exit(0);
    }

    private static String row(String what, double value, String target, boolean pass) {
        return String.format(Locale.ROOT, "| %s | %.1f | %s | %s |", what, value, target, target.isEmpty() ? "" : pass ? "PASS" : "FAIL");
    }

    /**
     * One step per pulse for {@code seconds}; returns {exact, 0, pulses} per second, exact counting pulses in which the
     * viewer (and, with {@code m}, every predictions column) shows the step asked for one pulse before, then the CPU
     * time per pulse (ms) of the JavaFX Application Thread and of the prism render thread over the scrub.
     */
    private static double[] scrub(DemoViewerViewModel viewer, PredictionsViewModel m, int seconds) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long[] shown = {0};
        long[] pulses = {0};
        long[] start = {0};
        int last = fx(() -> viewer.lastStepProperty().get());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxThread = threadId("JavaFX Application Thread");
        long renderThread = threadId("QuantumRenderer-0");
        long[] cpuStart = new long[2];
        long[] cpuEnd = new long[2];
        long[] cpuPulses = {0};
        AnimationTimer timer = new AnimationTimer() {
            private int expected = -1;

            @Override
            public void handle(long now) {
                if (start[0] == 0) {
                    start[0] = now;
                    cpuStart[0] = threads.getThreadCpuTime(fxThread);
                    cpuStart[1] = threads.getThreadCpuTime(renderThread);
                }
                pulses[0]++;
                if (expected >= 0 && viewerShows(viewer, expected) && (m == null || m.shownStepProperty().get() == expected)) {
                    shown[0]++;
                }
                if (now - start[0] >= seconds * 1_000_000_000L) {
                    cpuEnd[0] = threads.getThreadCpuTime(fxThread);
                    cpuEnd[1] = threads.getThreadCpuTime(renderThread);
                    cpuPulses[0] = pulses[0] - 1;
                    stop();
                    done.countDown();
                    return;
                }
                expected = (viewer.stepProperty().get() + 1) % (last + 1);
                viewer.seek(expected);
            }
        };
        fx(timer::start);
        done.await(seconds + 30L, TimeUnit.SECONDS);
        double n = Math.max(1, cpuPulses[0]);
        return new double[] {shown[0] / (double) seconds, 0, pulses[0] / (double) seconds,
                (cpuEnd[0] - cpuStart[0]) / 1e6 / n, (cpuEnd[1] - cpuStart[1]) / 1e6 / n};
    }

    /** The id of the live thread named {@code name} (the FX and prism threads; -1 when there is none). */
    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).mapToLong(Thread::getId)
                .findFirst().orElse(-1);
    }

    private static boolean viewerShows(DemoViewerViewModel viewer, int step) {
        return viewer.cameras().stream().allMatch(c -> viewer.cache().get(new io.vlastudio.app.viewer.FrameCache.Key(
                viewer.currentKey(), c.name(), step, viewer.orientations().get(c.name()))) == viewer.frames().get(c.name()));
    }

    private static int frameChanges(DemoViewerViewModel viewer, PredictionsViewModel m, int count, int offset) throws Exception {
        int last = fx(() -> viewer.lastStepProperty().get());
        // 20 seeks per FX call (a round trip per seek would measure the loaded machine's pulse latency, not memory)
        for (int i = 0; i < count; i += 20) {
            int from = i;
            fx(() -> {
                for (int j = from; j < from + 20; j++) {
                    viewer.seek((j * 7 + offset) % (last + 1));
                }
            });
            if (i % 200 == 0) {
                int step = ((from + 19) * 7 + offset) % (last + 1);
                waitFor(() -> fx(() -> m.shownStepProperty().get() == step), 60);
            }
        }
        return count;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void fx(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(2);
        }
    }
}
