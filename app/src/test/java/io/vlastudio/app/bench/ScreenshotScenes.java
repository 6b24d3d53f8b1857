package io.vlastudio.app.bench;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.curation.CurationWindow;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts the studio into the states the docs show, one after another, for screenshots under Xvfb:
 * {@code ScreenshotScenes FOLDER WIDTH HEIGHT SIGNAL_DIR}. Before each scene it writes {@code SIGNAL_DIR/N.ready}
 * and waits for {@code SIGNAL_DIR/N.done} (a script runs {@code import -window root} in between).
 */
public final class ScreenshotScenes {

    private ScreenshotScenes() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        Path signals = Path.of(args[3]);
        Files.createDirectories(signals);
        Path home = Files.createTempDirectory("vla-shots");
        AppContext context = new AppContext(new StudioPaths(home));
        FxTaskRunner runner = new FxTaskRunner(2);
        CompletableFuture<StudioWindow> ready = new CompletableFuture<>();
        CompletableFuture<Stage> stageReady = new CompletableFuture<>();
        Platform.startup(() -> {
            StudioWindow w = new StudioWindow(context, runner);
            Stage stage = new Stage();
            w.show(stage);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            ready.complete(w);
            stageReady.complete(stage);
        });
        StudioWindow window = ready.get(60, TimeUnit.SECONDS);
        call(() -> {
            window.open(List.of(folder));
            return null;
        });
        waitFor(() -> call(() -> window.browser().viewer().signalsProperty().get() != null
                && window.browser().viewer().frames().size() == 2));
        call(() -> {
            window.browser().selectRelative(2);
            return null;
        });
        Thread.sleep(1500);
        waitFor(() -> call(() -> window.browser().viewer().signalsProperty().get() != null));
        call(() -> {
            window.browser().viewer().seek(57);
            return null;
        });
        Thread.sleep(2000);
        scene(signals, 1);

        // the curation window, on the export tab
        call(() -> {
            CurationWindow c = window.showCuration(CurationWindow.Page.SPLITS);
            c.stage().setX(60);
            c.stage().setY(60);
            return null;
        });
        Thread.sleep(2500);
        scene(signals, 2);
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

    private static <T> T call(java.util.concurrent.Callable<T> c) throws Exception {
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
        long end = System.nanoTime() + 120_000_000_000L;
        while (!c.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}
