package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vla-studio review export --out FILE [filters]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes reviews to a JSON file another curator can import.",
                "Demos never reviewed are left out. The file names each demo's file by path, name and content fingerprint,",
                "so 'vla-studio review import' finds the demos even when the files live at other paths."})
final class ReviewExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the JSON file to write (replaced atomically)")
    private Path out;

    @Mixin
    private DemoFilterOptions filter;

    @Mixin
    private WorkspaceOption workspace;

    private final AppContext context;

    ReviewExportCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            int n = ws.exportReviews(filter.query(), out);
            spec.commandLine().getOut().println("exported " + n + (n == 1 ? " review" : " reviews") + " to " + out);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
