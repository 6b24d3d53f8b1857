package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.app.StudioPaths;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the real command line in-process and captures what it prints. */
final class CliRunner {

    record Result(int exitCode, String out, String err) {
    }

    private final AppContext context;

    CliRunner(Path home) {
        this.context = new AppContext(new StudioPaths(home));
    }

    /** With workspaces that wait at most {@code busyTimeout} for another writer. */
    CliRunner(Path home, java.time.Duration busyTimeout) {
        this.context = new AppContext(new StudioPaths(home), io.vlastudio.store.WorkspaceOptions.defaults().withBusyTimeout(busyTimeout));
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VlaStudioCommand.create(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
