package io.vlastudio.app;

import io.vlastudio.app.cli.VlaStudioCommand;
import io.vlastudio.app.tasks.FxTaskRunner;
import io.vlastudio.app.ui.StudioWindow;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entry point. Without arguments (or with {@code gui [PATH...]}) it opens the studio window, on the
 * sample workspace or the given paths; with any other arguments it runs the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        AppContext context = AppContext.forUser();
        if (args.length == 0 || args[0].equals("gui")) {
            if (!hasDisplay(System.getenv())) {
                // the installed launcher has no shell wrapper to say this (./vla-studio does the same check)
                System.err.println("vla-studio: no display found (DISPLAY is unset). Run the studio in a desktop session,"
                        + " or xvfb-run -a vla-studio, or the command line: vla-studio --help");
                System.exit(2);
            }
            List<Path> paths = Arrays.stream(args).skip(args.length == 0 ? 0 : 1).map(Path::of).toList();
            startGui(context, paths);
            return;
        }
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = VlaStudioCommand.create(context, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Whether a window can open: an X11 or Wayland display on Linux; always elsewhere (Windows, macOS). */
    static boolean hasDisplay(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isEmpty() || !env.getOrDefault("WAYLAND_DISPLAY", "").isEmpty()
                || "Monocle".equals(System.getProperty("glass.platform"));
    }

    /** Starts the JavaFX toolkit and shows the studio window; the JVM ends when the window closes. */
    static void startGui(AppContext context, List<Path> paths) {
        FxTaskRunner runner = new FxTaskRunner(2);
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            StudioWindow window = new StudioWindow(context, runner);
            window.show(new Stage());
            if (paths.isEmpty()) {
                window.openSampleWorkspace();
            } else {
                window.openWorkspace(context.paths().defaultWorkspace(), paths);
            }
        });
    }
}
