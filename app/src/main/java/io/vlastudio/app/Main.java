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
