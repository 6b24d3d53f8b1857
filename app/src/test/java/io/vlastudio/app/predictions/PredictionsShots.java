package io.vlastudio.app.predictions;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.bench.BenchHarness;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.SuiteSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.vlastudio.app.bench.BenchHarness.fx;
import static io.vlastudio.app.bench.BenchHarness.screenshot;
import static io.vlastudio.app.bench.BenchHarness.waitFor;

/**
 * Puts the Predictions window on screen for screenshots under Xvfb: {@code PredictionsShots WORK WIDTH HEIGHT SIGNAL_DIR}.
 * Writes a small sample-like suite and three predictions folders for its first demo (teacher-forced epoch3, open-loop
 * epoch9 from step 10, and one with missing frames), then shows the studio and the Predictions window at
 * WIDTH×HEIGHT (scenes: frame metrics at step 46, actions at step 33, zoomed in with the sets menu open). Before each
 * scene it writes {@code SIGNAL_DIR/N.ready} and waits for {@code SIGNAL_DIR/N.done}. The suite, the window set-up and
 * the handshake are {@link BenchHarness}'s.
 */
public final class PredictionsShots {

    private PredictionsShots() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        Path signals = Path.of(args[3]);
        Path suite = BenchHarness.syntheticSuite(work.resolve("libero_sample"), SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                .withTasks(1).withDemosPerTask(2).withFailuresPerTask(0), "a sample-like suite (1 task x 2 demos)");
        Path ws = work.resolve("workspace");
        Path file = BenchHarness.firstFile(suite);
        if (!Files.isDirectory(ws.resolve("predictions"))) {
            try (DemoFile f = new Hdf5DemoReader().open(file)) {
                Demo d = f.openDemo(f.demos().get(0).name());
                PredictionFixtures.write(ws, file, d, "small", "epoch3", "teacher-forced", 0, 0,
                        PredictionFixtures.Content.DRIFTING, Set.of(), d.length(), d.length());
                PredictionFixtures.write(ws, file, d, "small", "epoch9", "open-loop", 10, 1,
                        PredictionFixtures.Content.DRIFTING, Set.of(), d.length(), d.length());
                Set<Integer> gaps = new java.util.HashSet<>();
                for (int t = 40; t < 52; t++) {
                    gaps.add(t);
                }
                PredictionFixtures.write(ws, file, d, "wide", "epoch2", "open-loop", 20, 2,
                        PredictionFixtures.Content.DRIFTING, gaps, d.length(), d.length());
            }
        }
        BenchHarness.Studio studio = BenchHarness.start(new AppContext(new StudioPaths(work.resolve("home"))), width, height);
        StudioWindow window = studio.window();
        fx(() -> BenchHarness.place(studio.stage(), 0, 0, width, height));
        fx(() -> window.openWorkspace(ws, List.of(suite)));
        waitFor(() -> fx(() -> window.browser().viewer().signalsProperty().get() != null), 180, 50);
        fx(() -> BenchHarness.place(window.openPredictions().stage(), 0, 0, width, height));
        waitFor(() -> fx(() -> window.predictionsWindow().model().columns().size() == 3
                && window.predictionsWindow().model().columns().stream().allMatch(c -> c.metricsProperty().get() != null)),
                180, 50);
        fx(() -> window.browser().viewer().seek(46));
        Thread.sleep(2500);
        screenshot(signals, 1);
        fx(() -> {
            var tabs = (javafx.scene.control.TabPane) window.predictionsWindow().view().lookup(".tab-pane");
            tabs.getSelectionModel().select(1);
            window.browser().viewer().seek(33);
        });
        Thread.sleep(2500);
        screenshot(signals, 2);
        // zoomed on the frame metrics, with the sets menu open
        fx(() -> {
            var tabs = (javafx.scene.control.TabPane) window.predictionsWindow().view().lookup(".tab-pane");
            tabs.getSelectionModel().select(0);
            window.browser().viewer().seek(40);
            window.browser().viewer().timeWindow().zoomIn(40);
            window.browser().viewer().timeWindow().zoomIn(40);
            ((javafx.scene.control.MenuButton) window.predictionsWindow().view().lookup("#prediction-toggles")).show();
        });
        Thread.sleep(2500);
        screenshot(signals, 3);
        studio.close();
        System.exit(0);
    }
}
