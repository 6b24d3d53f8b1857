package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command that works in one workspace ({@code --workspace DIR}, default: the user's): opens it, runs, flushes
 * the output and closes the workspace, whatever the command did. The curation, run and predictions commands build on it;
 * a workspace that cannot be opened gives the same message for all of them.
 */
abstract class OpenWorkspaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    final AppContext context;

    OpenWorkspaceCommand(AppContext context) {
        this.context = context;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() throws Exception {
        checkArguments();
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            int code = run(ws);
            out().flush();
            return code;
        }
    }

    /** Checks the command line before the workspace is opened, so that a bad one creates and changes nothing. */
    void checkArguments() throws Exception {
    }

    /** The command's work in the open workspace; its exit code. */
    abstract int run(Workspace ws) throws Exception;
}
