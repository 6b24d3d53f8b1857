package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code vla-studio review export --out FILE [filters]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes reviews to a JSON file another curator can import.",
                "Demos never reviewed are left out. The file names each demo's file by path, name and content fingerprint,",
                "so 'vla-studio review import' finds the demos even when the files live at other paths."})
final class ReviewExportCommand extends OpenWorkspaceCommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the JSON file to write (replaced atomically)")
    private Path out;

    @Mixin
    private DemoFilterOptions filter;

    ReviewExportCommand(AppContext context) {
        super(context);
    }

    @Override
    int run(Workspace ws) throws Exception {
        int n = ws.exportReviews(filter.query(), out);
        out().println("exported " + n + (n == 1 ? " review" : " reviews") + " to " + out);
        return 0;
    }
}
