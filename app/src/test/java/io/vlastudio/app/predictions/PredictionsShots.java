package io.vlastudio.app.predictions;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts the Predictions window on screen for screenshots under Xvfb: {@code PredictionsShots WORK WIDTH HEIGHT SIGNAL_DIR}.
 * Writes a small sample-like suite and three predictions folders for its first demo (teacher-forced epoch3, open-loop
 * epoch9 from step 10, and one with missing frames), then shows the studio and the Predictions window at
 * WIDTH×HEIGHT (scenes: frame metrics at step 46, actions at step 33, zoomed in with the sets menu open).
 * Before each scene it writes {@code SIGNAL_DIR/N.ready} and waits for {@code SIGNAL_DIR/N.done}.
 */
public final class PredictionsShots {

    private PredictionsShots() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        Path signals = Path.of(args[3]);
        Files.createDirectories(signals);
        Path suite = work.resolve("libero_sample");
        Path ws = work.resolve("workspace");
        if (!Files.isDirectory(suite)) {
            new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, SuiteSpec.defaults(DatasetVariant.ORIGINAL)
                    .withTasks(1).withDemosPerTask(2).withFailuresPerTask(0), Progress.NONE, () -> false);
        }
        Path file;
        try (Stream<Path> files = Files.list(suite)) {
            file = files.filter(p -> p.toString().endsWith(".hdf5")).sorted().findFirst().orElseThrow();
        }
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
        AppContext context = new AppContext(new StudioPaths(work.resolve("home")));
        FxTaskRunner runner = new FxTaskRunner(2);
        CompletableFuture<StudioWindow> ready = new CompletableFuture<>();
        Platform.startup(() -> {
            StudioWindow w = new StudioWindow(context, runner);
            Stage stage = new Stage();
            w.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            ready.complete(w);
        });
        StudioWindow window = ready.get(60, TimeUnit.SECONDS);
        call(() -> {
            window.openWorkspace(ws, List.of(suite));
            return null;
        });
        waitFor(() -> call(() -> window.browser().viewer().signalsProperty().get() != null));
        call(() -> {
            PredictionsWindow p = window.openPredictions();
            p.stage().setX(0);
            p.stage().setY(0);
            p.stage().setWidth(width);
            p.stage().setHeight(height);
            return null;
        });
        waitFor(() -> call(() -> window.predictionsWindow().model().columns().size() == 3
                && window.predictionsWindow().model().columns().stream().allMatch(c -> c.metricsProperty().get() != null)));
        call(() -> {
            window.browser().viewer().seek(46);
            return null;
        });
        Thread.sleep(2500);
        scene(signals, 1);
        call(() -> {
            var tabs = (javafx.scene.control.TabPane) window.predictionsWindow().view().lookup(".tab-pane");
            tabs.getSelectionModel().select(1);
            window.browser().viewer().seek(33);
            return null;
        });
        Thread.sleep(2500);
        scene(signals, 2);
        // zoomed on the frame metrics, with the sets menu open
        call(() -> {
            var tabs = (javafx.scene.control.TabPane) window.predictionsWindow().view().lookup(".tab-pane");
            tabs.getSelectionModel().select(0);
            window.browser().viewer().seek(40);
            window.browser().viewer().timeWindow().zoomIn(40);
            window.browser().viewer().timeWindow().zoomIn(40);
            ((javafx.scene.control.MenuButton) window.predictionsWindow().view().lookup("#prediction-toggles")).show();
            return null;
        });
        Thread.sleep(2500);
        scene(signals, 3);
        Platform.exit();
        runner.close();
        System.exit(0);
    }

    private static void scene(Path signals, int n) throws Exception {
        Files.writeString(signals.resolve(n + ".ready"), "");
        long end = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(signals.resolve(n + ".done")) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static <T> T call(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private interface Cond {
        boolean holds() throws Exception;
    }

    private static void waitFor(Cond c) throws Exception {
        long end = System.nanoTime() + 180_000_000_000L;
        while (!c.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}
