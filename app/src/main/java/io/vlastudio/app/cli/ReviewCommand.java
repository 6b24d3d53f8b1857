package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vla-studio review set|list|history|export|import}. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Reviews of demos: verdicts, tags, notes, segments, trims and step exclusions, kept in a workspace.",
                "Every change can be undone (vla-studio undo), also after a restart. Source files are never changed."})
final class ReviewCommand extends GroupCommand {

    static CommandLine create(AppContext context) {
        CommandLine review = new CommandLine(new ReviewCommand());
        review.addSubcommand("set", new ReviewSetCommand(context));
        review.addSubcommand("list", new ReviewListCommand(context));
        review.addSubcommand("history", new ReviewHistoryCommand(context));
        review.addSubcommand("export", new ReviewExportCommand(context));
        review.addSubcommand("import", new ReviewImportCommand(context));
        return review;
    }
}
