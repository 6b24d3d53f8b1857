package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code vla-studio} command line. Without arguments the launcher starts the studio window instead. */
@Command(name = "vla-studio", mixinStandardHelpOptions = true, versionProvider = VlaStudioCommand.Version.class,
        description = {"VLA Studio: curate LIBERO demonstrations and train WorldVLA.",
                "Run without arguments to open the studio on its sample workspace."},
        subcommands = {CommandLine.HelpCommand.class})
public final class VlaStudioCommand extends GroupCommand {

    /** Builds the command line with every subcommand wired to the context's services. */
    public static CommandLine create(AppContext context, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VlaStudioCommand());
        cl.addSubcommand("inspect", new InspectCommand(context));
        cl.addSubcommand("frames", new FramesCommand(context));
        cl.addSubcommand("sample", new SampleCommand(context));
        cl.addSubcommand("index", new IndexCommand(context));
        cl.addSubcommand("review", ReviewCommand.create(context));
        cl.addSubcommand("undo", new UndoCommand.Undo(context));
        cl.addSubcommand("redo", new UndoCommand.Redo(context));
        cl.addSubcommand("tokens", new CommandLine(new TokensCommand())
                .addSubcommand("actions", new TokenActionsCommand(context))
                .addSubcommand("images", new TokenImagesCommand(context))
                .addSubcommand("export-script", new ExportScriptCommand()));
        cl.addSubcommand("model", ModelCommand.create(context));
        cl.addSubcommand("predict", new PredictCommand(context));
        PredictionsCommands.register(cl, context);
        CurationCommands.register(cl, context);
        RunCommands.register(cl, context);
        cl.addSubcommand("doctor", new DoctorCommand(context));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VlaStudioCommand.class.getPackage().getImplementationVersion();
            return new String[] {"VLA Studio " + (v == null ? "(development build)" : v)};
        }
    }
}
