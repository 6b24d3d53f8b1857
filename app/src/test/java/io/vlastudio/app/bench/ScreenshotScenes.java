package io.vlastudio.app.bench;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;
import io.vlastudio.app.curation.CurationWindow;
import io.vlastudio.app.ui.StudioWindow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.vlastudio.app.bench.BenchHarness.fx;
import static io.vlastudio.app.bench.BenchHarness.screenshot;
import static io.vlastudio.app.bench.BenchHarness.waitFor;

/**
 * Puts the studio into the states the docs show, one after another, for screenshots under Xvfb:
 * {@code ScreenshotScenes FOLDER WIDTH HEIGHT SIGNAL_DIR}. Before each scene it writes {@code SIGNAL_DIR/N.ready}
 * and waits for {@code SIGNAL_DIR/N.done} (a script runs {@code import -window root} in between). The window set-up
 * and the handshake are {@link BenchHarness}'s.
 */
public final class ScreenshotScenes {

    private ScreenshotScenes() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        Path signals = Path.of(args[3]);
        Path home = Files.createTempDirectory("vla-shots");
        BenchHarness.Studio studio = BenchHarness.start(new AppContext(new StudioPaths(home)), width, height);
        StudioWindow window = studio.window();
        fx(() -> BenchHarness.place(studio.stage(), 0, 0, width, height));
        fx(() -> window.open(List.of(folder)));
        waitFor(() -> fx(() -> window.browser().viewer().signalsProperty().get() != null
                && window.browser().viewer().frames().size() == 2), 120, 50);
        fx(() -> window.browser().selectRelative(2));
        Thread.sleep(1500);
        waitFor(() -> fx(() -> window.browser().viewer().signalsProperty().get() != null), 120, 50);
        fx(() -> window.browser().viewer().seek(57));
        Thread.sleep(2000);
        screenshot(signals, 1);

        // the curation window, on the export tab
        fx(() -> {
            CurationWindow c = window.showCuration(CurationWindow.Page.SPLITS);
            c.stage().setX(60);
            c.stage().setY(60);
        });
        Thread.sleep(2500);
        screenshot(signals, 2);
        studio.close();
        System.exit(0);
    }
}
