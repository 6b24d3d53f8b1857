package io.vlastudio.app.bench;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.review.ReviewViewModel;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.app.viewer.DemoViewerViewModel;
import io.vlastudio.store.Segment;
import io.vlastudio.store.Verdict;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.vlastudio.app.bench.BenchHarness.fx;
import static io.vlastudio.app.bench.BenchHarness.num;
import static io.vlastudio.app.bench.BenchHarness.row;
import static io.vlastudio.app.bench.BenchHarness.usedHeapAfterGc;
import static io.vlastudio.app.bench.BenchHarness.waitFor;

/**
 * A day's review session in one run, on the real window and the real {@code FxTaskRunner} (run it under Xvfb:
 * {@code xvfb-run -a ./mvnw -Pbench -pl app -am verify}, or directly with the test classpath): 2,000 review edits
 * (verdicts, tags, trims, segments, each saved to the workspace and echoed), 10,000 frame changes and 50 demo
 * switches, interleaved in 50 rounds. Checks that the layout (the dividers and the sizes of the library, viewer,
 * plots and review panes) is as it was after a warm-up round, and that the heap is flat: used heap after GC at the
 * start and at the end, less what the frame cache holds (it fills up to its bound by design). Exit code 1 when a
 * check fails.
 */
public final class UiSoak {

    private static final int ROUNDS = 50;
    private static final int EDITS = 2_000;
    private static final int FRAME_CHANGES = 10_000;

    private UiSoak() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-soak");
        Path suite = BenchHarness.syntheticSuite(work.resolve("libero_soak_no_noops"));
        Path home = work.resolve("home");
        BenchHarness.deleteTree(home);
        BenchHarness.Studio studio = BenchHarness.start(new AppContext(new StudioPaths(home)), 1280, 800);
        StudioWindow window = studio.window();
        DemoViewerViewModel viewer = window.browser().viewer();
        ReviewViewModel review = window.browser().review();
        AtomicLong echoes = new AtomicLong();
        fx(() -> review.feedbackProperty().addListener((obs, o, n) -> echoes.incrementAndGet()));
        fx(() -> window.openWorkspace(work.resolve("workspace"), List.of(suite)));
        waitFor(() -> fx(() -> viewer.signalsProperty().get() != null && viewer.frames().size() == 2
                && review.workspaceProperty().get() != null && review.itemProperty().get() != null), 120);
        int demos = fx(() -> window.browser().visibleItems().size());
        System.out.println("opened " + demos + " demos");

        long t0 = System.nanoTime();
        int[] done = {0, 0, 0}; // edits, frame changes, switches
        // warm-up round: every kind of edit, a sweep of frames and a switch, so caches, fonts and skins exist
        round(window, viewer, review, echoes, 16, 200, done);
        Map<String, Double> layoutBefore = fx(() -> layout(window.root()));
        long heapBefore = usedHeapAfterGc();
        if (Boolean.getBoolean("soak.histograms")) {
            BenchHarness.classHistogram(work.resolve("histogram-round-0.txt"));
        }
        long cacheBefore = fx(() -> viewer.cache().bytes());

        int[] soak = {0, 0, 0};
        List<double[]> trend = new ArrayList<>(); // {round, used heap after GC, frame cache} in MB
        trend.add(new double[] {0, heapBefore / 1e6, cacheBefore / 1e6});
        for (int r = 0; r < ROUNDS; r++) {
            round(window, viewer, review, echoes, EDITS / ROUNDS, FRAME_CHANGES / ROUNDS, soak);
            if ((r + 1) % 10 == 0) {
                long heap = usedHeapAfterGc();
                long cache = fx(() -> viewer.cache().bytes());
                trend.add(new double[] {r + 1, heap / 1e6, cache / 1e6});
                if (Boolean.getBoolean("soak.histograms")) {
                    BenchHarness.classHistogram(work.resolve("histogram-round-" + (r + 1) + ".txt"));
                }
                System.out.printf(Locale.ROOT, "round %d: %d edits, %d frame changes, %d switches, %.0f s, heap %.1f MB"
                        + " (frame cache %.1f MB)%n", r + 1, soak[0], soak[1], soak[2], (System.nanoTime() - t0) / 1e9,
                        heap / 1e6, cache / 1e6);
            }
        }
        // back on the first demo, as the layout was measured
        waitFor(() -> fx(() -> review.itemProperty().get() != null), 30);
        Thread.sleep(200);
        fx(() -> null);
        Map<String, Double> layoutAfter = fx(() -> layout(window.root()));
        long heapAfter = usedHeapAfterGc();
        long cacheAfter = fx(() -> viewer.cache().bytes());
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<String> report = new ArrayList<>();
        report.add("| measurement | value | target | result |");
        report.add("|---|---:|---|---|");
        report.add(row("review edits saved and echoed", soak[0], "2000", soak[0] == EDITS));
        report.add(row("frame changes", soak[1], "10000", soak[1] == FRAME_CHANGES));
        report.add(row("demo switches", soak[2], "50", soak[2] == ROUNDS));
        report.add(row("session length (s)", seconds, "", true));
        boolean layoutKept = true;
        for (Map.Entry<String, Double> e : layoutBefore.entrySet()) {
            double after = layoutAfter.getOrDefault(e.getKey(), Double.NaN);
            boolean same = Math.abs(after - e.getValue()) <= (e.getKey().startsWith("divider") ? 1e-6 : 0.5);
            layoutKept &= same;
            report.add(String.format(Locale.ROOT, "| %s: before → after | %s → %s | unchanged | %s |", e.getKey(),
                    num(e.getValue()), num(after), same ? "PASS" : "FAIL"));
        }
        double heapBeforeMb = heapBefore / 1e6;
        double heapAfterMb = heapAfter / 1e6;
        double growth = (heapAfter - cacheAfter - (heapBefore - cacheBefore)) / 1e6;
        // flat: what the heap holds besides the frame cache does not keep growing over the second half of the session
        double[] mid = trend.get(trend.size() / 2);
        double[] end = trend.get(trend.size() - 1);
        double lateGrowth = (end[1] - end[2]) - (mid[1] - mid[2]);
        for (double[] t : trend) {
            report.add(String.format(Locale.ROOT, "| used heap after GC at round %d (MB; frame cache) | %.1f (%.1f) | | |",
                    (int) t[0], t[1], t[2]));
        }
        report.add(row("used heap after GC, start → end (MB)", heapBeforeMb, "", true).replaceFirst(
                "\\| ([0-9.]+) \\|", "| $1 → " + String.format(Locale.ROOT, "%.1f", heapAfterMb) + " |"));
        report.add(row("heap less the frame cache, start → end (MB)", growth, "", true));
        report.add(row("heap less the frame cache, round " + (int) mid[0] + " → " + (int) end[0] + " (MB)", lateGrowth,
                "< 8 (flat)", lateGrowth < 8));
        report.add(row("layout as it was", layoutKept ? 1 : 0, "1", layoutKept));
        boolean pass = layoutKept && lateGrowth < 8 && soak[0] == EDITS && soak[1] == FRAME_CHANGES;

        BenchHarness.writeResults(work.resolve("ui-soak-results.md"), "UI soak", report);
        studio.close();
        System.exit(pass ? 0 : 1);
    }

    /** One round: {@code edits} review edits on the demo shown, {@code frames} frame changes, one switch. */
    private static void round(StudioWindow window, DemoViewerViewModel viewer, ReviewViewModel review, AtomicLong echoes,
                              int edits, int frames, int[] done) throws Exception {
        int last = fx(() -> viewer.lastStepProperty().get());
        for (int i = 0; i < edits; i++) {
            int kind = i % 8;
            long expected = echoes.get() + 1;
            fx(() -> {
                switch (kind) {
                    case 0 -> review.setVerdict(Verdict.ACCEPTED);
                    case 1 -> review.addTag("soak");
                    case 2 -> review.removeTag("soak");
                    case 3 -> review.setVerdict(Verdict.REJECTED);
                    case 4 -> {
                        viewer.seek(Math.min(3, last - 1));
                        review.trimIn();
                    }
                    case 5 -> review.clearTrim();
                    case 6 -> review.addSegment(1, Math.min(4, last), "grasp");
                    default -> {
                        List<Segment> s = review.reviewProperty().get().segments();
                        if (s.isEmpty()) {
                            review.setVerdict(Verdict.FLAGGED);
                        } else {
                            review.removeSegment(s.get(0));
                        }
                    }
                }
            });
            waitFor(() -> echoes.get() >= expected, 30);
            done[0]++;
        }
        for (int i = 0; i < frames; i++) {
            int step = (i * 7) % (last + 1);
            fx(() -> viewer.seek(step));
            if (i % 100 == 99) {
                waitFor(() -> fx(() -> viewer.stepProperty().get() == step && viewer.frames().size() == 2), 30);
            }
            done[1]++;
        }
        Object before = fx(() -> window.browser().selectedProperty().get());
        fx(() -> {
            var visible = window.browser().visibleItems();
            if (visible.indexOf(window.browser().selectedProperty().get()) == visible.size() - 1) {
                window.browser().select(visible.get(0));
            } else {
                window.browser().selectRelative(1);
            }
        });
        waitFor(() -> fx(() -> {
            Object now = window.browser().selectedProperty().get();
            return now != before && viewer.currentKey() == now && viewer.signalsProperty().get() != null
                    && viewer.frames().size() == 2 && review.itemProperty().get() == now;
        }), 30);
        done[2]++;
    }

    /** Divider positions of every split pane and the sizes of the main panes, by name. */
    private static Map<String, Double> layout(Parent root) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String id : List.of("main-split", "viewer-split")) {
            SplitPane s = (SplitPane) root.lookup("#" + id);
            double[] d = s.getDividerPositions();
            for (int i = 0; i < d.length; i++) {
                out.put("divider " + id + "[" + i + "]", d[i]);
            }
        }
        for (String id : List.of("library", "cameras", "lower-tabs", "review-panel", "studio-root")) {
            Node n = root.lookup("#" + id);
            if (n != null) {
                out.put(id + " width (px)", n.getLayoutBounds().getWidth());
                out.put(id + " height (px)", n.getLayoutBounds().getHeight());
            }
        }
        return out;
    }
}
