package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.store.HistoryAction;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;

import java.util.Optional;

/** {@code vla-studio undo} and {@code vla-studio redo}. */
abstract class UndoCommand extends OpenWorkspaceCommand {

    private final boolean redo;

    private UndoCommand(AppContext context, boolean redo) {
        super(context);
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
    int run(Workspace ws) throws Exception {
        Optional<HistoryAction> done = redo ? ws.redo() : ws.undo();
        out().println(done.map(a -> (redo ? "redone: " : "undone: ") + a.description())
                .orElse(redo ? "nothing to redo" : "nothing to undo"));
        return 0;
    }
}
