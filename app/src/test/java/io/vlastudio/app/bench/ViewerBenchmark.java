package io.vlastudio.app.bench;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real studio window (run it under Xvfb: {@code xvfb-run -a mvn -Pbench -pl app verify}) and reports:
 * the sustained frame rate while scrubbing two 256x256 cameras with every plot visible (one step per pulse,
 * counting pulses in which both cameras showed the new step), the time to switch to the next demo until its
 * frames and plots are on screen, and the heap after 10,000 frame changes.
 */
public final class ViewerBenchmark {

    private ViewerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-viewer");
        Path suite = work.resolve("libero_bench_no_noops");
        if (!Files.isDirectory(suite) || Files.list(suite).noneMatch(p -> p.toString().endsWith(".hdf5"))) {
            System.out.println("writing a 256x256 no-noops suite (2 tasks x 12 demos) to " + suite);
            new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite,
                    SuiteSpec.defaults(DatasetVariant.NO_NOOPS).withTasks(2).withDemosPerTask(12), Progress.NONE, () -> false);
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
        StudioWindow window = ready.get(30, TimeUnit.SECONDS);
        DemoViewerViewModel viewer = window.browser().viewer();
        fx(() -> window.open(List.of(suite)));
        waitFor(() -> fx(() -> viewer.signalsProperty().get() != null && viewer.frames().size() == 2), 60);
        System.out.println("opened " + fx(() -> window.browser().items().size()) + " demos; cameras "
                + fx(() -> viewer.cameras().stream().map(c -> c.name() + " " + c.width() + "x" + c.height()).toList()));

        List<String> report = new ArrayList<>();
        report.add("| measurement | value | target | result |");
        report.add("|---|---:|---|---|");
        // reference in the same run: the same scrub with the plots hidden (cameras, timeline and transport only)
        var plots = fx(() -> window.browserView().viewer().signalPlots());
        fx(() -> plots.forEach(p -> p.setVisible(false)));
        double[] bare = scrubFps(viewer, 10);
        fx(() -> plots.forEach(p -> p.setVisible(true)));
        double[] fps = scrubFps(viewer, 10);
        report.add(row("scrub: pulses per second (JavaFX caps at 60)", fps[2], "", true));
        report.add(row("scrub: pulses showing the step asked for in the previous pulse, on both cameras (fps)", fps[0], ">= 60", fps[0] >= 58));
        report.add(row("scrub: distinct frames shown per second", fps[1], "", true));
        report.add(row("reference, same run: that rate with the " + plots.size() + " plots hidden (fps)", bare[0], "", true));
        report.add(row("scrub with plots / without plots (ratio)", fps[0] / Math.max(1e-9, bare[0]), ">= 0.95", fps[0] >= 0.95 * bare[0]));

        double[] cold = switchTimes(window, viewer, 8, 0);
        double[] switches = switchTimes(window, viewer, 16, 300);
        double median = median(switches);
        report.add(row("switch to next demo after 300 ms on the previous one, frames + plots on screen, median of 16 (ms)",
                median, "< 100", median < 100));
        report.add(row("same, worst of 16 (ms)", Arrays.stream(switches).max().orElse(0), "", true));
        report.add(row("switch at once (no time to read ahead), median of 8 (ms)", median(cold), "", true));

        long before = usedHeapAfterGc();
        int changes = frameChanges(viewer, 10_000);
        long after = usedHeapAfterGc();
        report.add(row("heap after GC before scrubbing (MB)", before / 1e6, "", true));
        report.add(row("heap after GC after " + changes + " frame changes (MB)", after / 1e6, "flat, < 512", after < 512e6));
        report.add(row("frame cache held (MB of 192)", viewer.cache().bytes() / 1e6, "", true));
        report.add(row("max heap of this JVM (MB)", Runtime.getRuntime().maxMemory() / 1e6, "", true));

        String table = String.join("\n", report);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(work);
        Files.writeString(work.resolve("viewer-bench-results.md"), "# Viewer benchmark\n\n" + table + "\n\nJVM: "
                + ManagementFactory.getRuntimeMXBean().getVmVersion() + ", prism " + System.getProperty("prism.order", "default") + "\n");
        Platform.exit();
        runner.close();
        System.exit(0);
    }

    private static String row(String what, double value, String target, boolean pass) {
        return String.format(Locale.ROOT, "| %s | %.1f | %s | %s |", what, value, target, target.isEmpty() ? "" : pass ? "PASS" : "FAIL");
    }

    /**
     * Advances one step every pulse for {@code seconds}; returns {exact, distinct, pulses} per second: pulses
     * whose both cameras show the step asked for one pulse before, pulses whose shown frames changed, all pulses.
     */
    private static double[] scrubFps(DemoViewerViewModel viewer, int seconds) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long[] shown = {0};
        long[] distinct = {0};
        long[] pulses = {0};
        long[] start = {0};
        int last = fx(() -> viewer.lastStepProperty().get());
        AnimationTimer timer = new AnimationTimer() {
            private int expected = -1;
            private Object lastFrame;

            @Override
            public void handle(long now) {
                if (start[0] == 0) {
                    start[0] = now;
                }
                pulses[0]++;
                Object frame = viewer.frames().get("agentview");
                if (frame != lastFrame) {
                    distinct[0]++;
                    lastFrame = frame;
                }
                if (expected >= 0 && viewer.frames().values().stream().allMatch(f -> f != null)
                        && isShown(viewer, expected)) {
                    shown[0]++;
                }
                if (now - start[0] >= seconds * 1_000_000_000L) {
                    stop();
                    done.countDown();
                    return;
                }
                expected = (viewer.stepProperty().get() + 1) % (last + 1);
                viewer.seek(expected);
            }
        };
        fx(() -> {
            timer.start();
            return null;
        });
        done.await(seconds + 30L, TimeUnit.SECONDS);
        return new double[] {shown[0] / (double) seconds, distinct[0] / (double) seconds, pulses[0] / (double) seconds};
    }

    private static boolean isShown(DemoViewerViewModel viewer, int step) {
        // the frames map holds the frames on screen; a frame read for another step would differ from the cache's
        return viewer.frames().size() == viewer.cameras().size() && viewer.cameras().stream().allMatch(c ->
                viewer.cache().get(new io.vlastudio.app.viewer.FrameCache.Key(viewerKey(viewer), c.name(), step,
                        viewer.orientations().get(c.name()))) == viewer.frames().get(c.name()));
    }

    private static Object viewerKey(DemoViewerViewModel viewer) {
        return viewer.currentKey();
    }

    private static double[] switchTimes(StudioWindow window, DemoViewerViewModel viewer, int n, long dwellMillis)
            throws Exception {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            boolean atEnd = fx(() -> {
                var visible = window.browser().visibleItems();
                return visible.indexOf(window.browser().selectedProperty().get()) == visible.size() - 1;
            });
            if (atEnd) {
                DemoItem first = fx(() -> window.browser().visibleItems().get(0));
                fx(() -> window.browser().select(first));
                waitFor(() -> fx(() -> viewer.currentKey() == first && viewer.signalsProperty().get() != null), 30);
            }
            Thread.sleep(dwellMillis);
            DemoItem before = fx(() -> window.browser().selectedProperty().get());
            long t0 = System.nanoTime();
            fx(() -> {
                window.browser().selectRelative(1);
                return null;
            });
            waitFor(() -> fx(() -> {
                DemoItem now = window.browser().selectedProperty().get();
                return now != before && viewer.currentKey() == now && viewer.signalsProperty().get() != null
                        && viewer.frames().size() == 2 && isShown(viewer, 0);
            }), 30);
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        return out;
    }

    private static int frameChanges(DemoViewerViewModel viewer, int count) throws Exception {
        int last = fx(() -> viewer.lastStepProperty().get());
        for (int i = 0; i < count; i++) {
            int step = (i * 7) % (last + 1);
            fx(() -> {
                viewer.seek(step);
                return null;
            });
            if (i % 100 == 0) {
                waitFor(() -> fx(() -> isShown(viewer, step)), 30);
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

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
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

    /** Polls a condition (2 ms apart) until it holds, failing after {@code seconds}. */
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
