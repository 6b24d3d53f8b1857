package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.store.HistoryAction;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code vla-studio undo} and {@code vla-studio redo}. */
abstract class UndoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WorkspaceOption workspace;

    private final AppContext context;
    private final boolean redo;

    private UndoCommand(AppContext context, boolean redo) {
        this.context = context;
        this.redo = redo;
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = {"Undoes the latest review change not yet undone.",
                    "Works across restarts and processes: the workspace keeps its undo stack."})
    static final class Undo extends UndoCommand {
        Undo(AppContext context) {
            super(context, false);
        }
    }

    @Command(name = "redo", mixinStandardHelpOptions = true,
            description = {"Re-applies the latest undone review change.",
                    "A new change after an undo drops what could have been redone."})
    static final class Redo extends UndoCommand {
        Redo(AppContext context) {
            super(context, true);
        }
    }

    @Override
    public Integer call() throws Exception {
        Optional<HistoryAction> done;
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            done = redo ? ws.redo() : ws.undo();
        }
        spec.commandLine().getOut().println(done.map(a -> (redo ? "redone: " : "undone: ") + a.description())
                .orElse(redo ? "nothing to redo" : "nothing to undo"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
