package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --workspace DIR}, shared by every command that uses a workspace. */
final class WorkspaceOption {

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "workspace folder (created if missing); default: the user's workspace, $XDG_DATA_HOME/vla-studio/workspace")
    private Path workspace;

    Path resolve(AppContext context) {
        return workspace != null ? workspace : context.paths().defaultWorkspace();
    }
}
