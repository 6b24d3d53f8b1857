package io.vlastudio.app.bench;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.app.viewer.FrameCache;
import io.vlastudio.app.viewer.SignalChart;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.vlastudio.app.bench.BenchHarness.fx;
import static io.vlastudio.app.bench.BenchHarness.median;
import static io.vlastudio.app.bench.BenchHarness.row;
import static io.vlastudio.app.bench.BenchHarness.usedHeapAfterGc;
import static io.vlastudio.app.bench.BenchHarness.waitFor;

/**
 * Drives the real studio window (run it under Xvfb: {@code xvfb-run -a mvn -Pbench -pl app verify}) and reports:
 * the frames the toolkit presents per second while scrubbing two 256x256 cameras with every plot visible (one
 * step per pulse), the share of pulses whose cameras showed the step asked for one pulse before, the CPU the FX
 * and render threads spent per frame, the same scrub with the plots hidden as the reference measured in the same
 * run, the time to switch to the next demo until its frames and plots are on screen, and the heap after 10,000
 * frame changes.
 */
public final class ViewerBenchmark {

    private static final int SCRUB_SECONDS = Integer.getInteger("bench.scrubSeconds", 10);
    /** {@code -Dbench.parts=scrub} measures the scrub alone (repeated runs); default: scrub, switch, heap. */
    private static final String PARTS = System.getProperty("bench.parts", "scrub,switch,heap");

    private ViewerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-viewer");
        Path suite = BenchHarness.syntheticSuite(work.resolve("libero_bench_no_noops"));
        BenchHarness.Studio studio = BenchHarness.start(new AppContext(new StudioPaths(work.resolve("home"))), 1400, 900);
        StudioWindow window = studio.window();
        DemoViewerViewModel viewer = window.browser().viewer();
        fx(() -> window.open(List.of(suite)));
        waitFor(() -> fx(() -> viewer.signalsProperty().get() != null && viewer.frames().size() == 2), 60);
        System.out.println("opened " + fx(() -> window.browser().items().size()) + " demos; cameras "
                + fx(() -> viewer.cameras().stream().map(c -> c.name() + " " + c.width() + "x" + c.height()).toList()));
        Scene scene = fx(() -> studio.stage().getScene());

        List<String> report = new ArrayList<>();
        report.add("| measurement | value | target | result |");
        report.add("|---|---:|---|---|");
        List<SignalChart> plots = fx(() -> window.browserView().viewer().signalPlots());
        // warm-up: JIT, glyph caches, the frame cache around the scrubbed steps
        scrub(viewer, scene, 3);
        // reference in the same run: the same scrub with the plots hidden (cameras, timeline and transport only)
        fx(() -> plots.forEach(p -> p.setVisible(false)));
        Scrub bare = scrub(viewer, scene, SCRUB_SECONDS);
        fx(() -> plots.forEach(p -> p.setVisible(true)));
        Scrub full = scrub(viewer, scene, SCRUB_SECONDS);
        report.add(row("scrub, " + plots.size() + " plots shown: frames presented per second (JavaFX caps at 60)",
                full.meter().framesPerSecond(), ">= 60 (58 allowed for timer jitter)", full.meter().framesPerSecond() >= 58));
        report.add(row("  pulses per second", full.meter().pulsesPerSecond(), "", true));
        report.add(row("  pulses whose cameras showed the step asked for one pulse before (share)", full.fresh(), ">= 0.95",
                full.fresh() >= 0.95));
        report.add(row("  FX thread: frame change handlers, median (ms)", full.handlerMs(), "", true));
        report.add(row("  FX thread: CSS + layout pass, median (ms)", full.layoutMs(), "", true));
        report.add(row("  FX thread CPU per presented frame (ms)", full.meter().fxMsPerFrame(), "", true));
        report.add(row("  render thread CPU per presented frame (ms)", full.meter().renderMsPerFrame(), "", true));
        report.add(row("reference, same run, plots hidden: frames presented per second", bare.meter().framesPerSecond(), "", true));
        report.add(row("  pulses whose cameras showed the step asked for (share)", bare.fresh(), "", true));
        report.add(row("  FX / render thread CPU per presented frame (ms)", bare.meter().fxMsPerFrame(), "", true)
                .replaceFirst("\\| ([0-9.]+) \\|", "| $1 / " + BenchHarness.num(bare.meter().renderMsPerFrame()) + " |"));
        double ratio = full.meter().framesPerSecond() / Math.max(1e-9, bare.meter().framesPerSecond());
        report.add(row("frames per second with plots / without plots (ratio)", ratio, ">= 0.95", ratio >= 0.95));

        if (PARTS.contains("switch")) {
            switchRows(window, viewer, report);
        }
        if (PARTS.contains("heap")) {
            heapRows(viewer, report);
        }
        BenchHarness.writeResults(work.resolve("viewer-bench-results.md"), "Viewer benchmark", report,
                "Scrub: " + SCRUB_SECONDS + " s each, one step per pulse, 1400x900 window, two 256x256 cameras.");
        studio.close();
        System.exit(0);
    }

    private static void switchRows(StudioWindow window, DemoViewerViewModel viewer, List<String> report) throws Exception {
        double[] cold = switchTimes(window, viewer, 8, 0);
        double[] switches = switchTimes(window, viewer, 16, 300);
        double median = median(switches);
        report.add(row("switch to next demo after 300 ms on the previous one, frames + plots on screen, median of 16 (ms)",
                median, "< 100", median < 100));
        report.add(row("same, worst of 16 (ms)", Arrays.stream(switches).max().orElse(0), "", true));
        report.add(row("switch at once (no time to read ahead), median of 8 (ms)", median(cold), "", true));
    }

    private static void heapRows(DemoViewerViewModel viewer, List<String> report) throws Exception {
        long before = usedHeapAfterGc();
        int changes = frameChanges(viewer, 10_000);
        long after = usedHeapAfterGc();
        long cache = fx(() -> viewer.cache().bytes());
        report.add(row("heap after GC before 10,000 frame changes (MB)", before / 1e6, "", true));
        report.add(row("heap after GC after " + changes + " frame changes (MB)", after / 1e6, "< 512", after < 512e6));
        report.add(row("frame cache held (MB; bounded at " + viewer.cache().maxBytes() / 1_000_000 + ")", cache / 1e6, "", true));
    }

    /** One scrub: the frame meter, the share of pulses showing the step asked for, median handler and layout times. */
    record Scrub(BenchHarness.Measure meter, double fresh, double handlerMs, double layoutMs) {
    }

    /**
     * Advances one step every pulse for {@code seconds} and counts what was presented. Also times, on the FX thread,
     * the frame change itself (the seek and every listener it runs) and the CSS + layout pass after it.
     */
    static Scrub scrub(DemoViewerViewModel viewer, Scene scene, int seconds) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long[] shown = {0};
        long[] asked = {0};
        long[] start = {0};
        double[] handler = new double[seconds * 200];
        double[] layout = new double[seconds * 200];
        int[] n = {0, 0};
        long[] preLayout = {0};
        Runnable pre = () -> preLayout[0] = System.nanoTime();
        Runnable post = () -> {
            if (preLayout[0] != 0 && n[1] < layout.length) {
                layout[n[1]++] = (System.nanoTime() - preLayout[0]) / 1e6;
            }
            preLayout[0] = 0;
        };
        int last = fx(() -> viewer.lastStepProperty().get());
        BenchHarness.FrameMeter meter = new BenchHarness.FrameMeter(scene);
        AnimationTimer timer = new AnimationTimer() {
            private int expected = -1;

            @Override
            public void handle(long now) {
                if (start[0] == 0) {
                    start[0] = now;
                }
                if (expected >= 0) {
                    asked[0]++;
                    if (isShown(viewer, expected)) {
                        shown[0]++;
                    }
                }
                if (now - start[0] >= seconds * 1_000_000_000L) {
                    stop();
                    done.countDown();
                    return;
                }
                expected = (viewer.stepProperty().get() + 1) % (last + 1);
                long t0 = System.nanoTime();
                viewer.seek(expected);
                if (n[0] < handler.length) {
                    handler[n[0]++] = (System.nanoTime() - t0) / 1e6;
                }
            }
        };
        fx(() -> {
            scene.addPreLayoutPulseListener(pre);
            scene.addPostLayoutPulseListener(post);
        });
        meter.start();
        fx(timer::start);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        BenchHarness.Measure m = meter.stop();
        fx(() -> {
            scene.removePreLayoutPulseListener(pre);
            scene.removePostLayoutPulseListener(post);
        });
        System.out.printf(Locale.ROOT, "scrub %d s: %.1f frames/s, %.1f pulses/s, fx %.2f ms/frame, render %.2f ms/frame%n",
                seconds, m.framesPerSecond(), m.pulsesPerSecond(), m.fxMsPerFrame(), m.renderMsPerFrame());
        return new Scrub(m, asked[0] == 0 ? 0 : shown[0] / (double) asked[0], median(Arrays.copyOf(handler, n[0])),
                median(Arrays.copyOf(layout, n[1])));
    }

    /** Whether both cameras show the frames the cache holds for {@code step} (a frame of another step would differ). */
    static boolean isShown(DemoViewerViewModel viewer, int step) {
        return viewer.frames().size() == viewer.cameras().size() && !viewer.cameras().isEmpty()
                && viewer.cameras().stream().allMatch(c -> {
                    var f = viewer.frames().get(c.name());
                    return f != null && viewer.cache().get(new FrameCache.Key(viewer.currentKey(), c.name(), step,
                            viewer.orientations().get(c.name()))) == f;
                });
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
            fx(() -> window.browser().selectRelative(1));
            waitFor(() -> fx(() -> {
                DemoItem now = window.browser().selectedProperty().get();
                return now != before && viewer.currentKey() == now && viewer.signalsProperty().get() != null
                        && viewer.frames().size() == 2 && isShown(viewer, 0);
            }), 30);
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        return out;
    }

    /** {@code count} frame changes, 100 per trip to the FX thread, waiting for the frames every 100. */
    private static int frameChanges(DemoViewerViewModel viewer, int count) throws Exception {
        int last = fx(() -> viewer.lastStepProperty().get());
        for (int i = 0; i < count; i += 100) {
            int from = i;
            int step = fx(() -> {
                int s = 0;
                for (int k = from; k < Math.min(count, from + 100); k++) {
                    s = (k * 7) % (last + 1);
                    viewer.seek(s);
                }
                return s;
            });
            waitFor(() -> fx(() -> isShown(viewer, step)), 30);
        }
        return count;
    }
}
