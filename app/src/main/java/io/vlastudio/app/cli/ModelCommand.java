package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.training.studio.StudioAblation;
import io.vlastudio.training.studio.StudioModelMain;
import io.vlastudio.training.studio.StudioModelOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code vla-studio model train|ablation}: the studio's own action world model, trained in a child JVM
 * ({@link StudioModelMain}, so a crash cannot take the studio down) with its log lines passed through live.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "The studio's own action world model (WorldVLA's recipe at laptop scale, on this machine's CPU).")
final class ModelCommand extends GroupCommand {

    static CommandLine create(AppContext context) {
        return new CommandLine(new ModelCommand())
                .addSubcommand("train", new Train(context))
                .addSubcommand("ablation", new Ablation(context));
    }

    /**
     * Options both subcommands share: the user's spellings of the training process's options, whose defaults and
     * argument names belong to {@link StudioModelOptions}.
     */
    abstract static class Training implements Callable<Integer> {
        private static final StudioModelOptions DEFAULTS = new StudioModelOptions();

        @Spec
        CommandSpec spec;
        @Option(names = "--export", required = true, description = "WorldVLA export folder (vla-studio export worldvla)")
        Path export;
        @Option(names = "--out", required = true, description = "run output folder (logs, epoch<E>/ checkpoints)")
        Path out;
        @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})")
        int epochs = DEFAULTS.epochs();
        @Option(names = "--seed", description = "seed (default: ${DEFAULT-VALUE})")
        long seed = DEFAULTS.seed();
        @Option(names = "--max-minutes", description = "stop, evaluate and save after N minutes (0: no limit)")
        double maxMinutes = DEFAULTS.maxMinutes();
        @Option(names = "--tokenizer", description = "image tokenizer folder; default: the workspace's built-in tokenizer")
        Path tokenizer;
        @Option(names = "--layers")
        int layers = DEFAULTS.layers();
        @Option(names = "--width")
        int width = DEFAULTS.width();
        @Option(names = "--heads")
        int heads = DEFAULTS.heads();
        @Option(names = "--batch-size")
        int batchSize = DEFAULTS.batchSize();
        @Option(names = "--lr")
        double lr = DEFAULTS.lr();
        @Option(names = "--eval-samples", description = "validation records per kind each epoch")
        int evalSamples = DEFAULTS.evalSamples();
        @Option(names = "--no-resume", description = "start over even when the output folder holds checkpoints")
        boolean noResume;

        final AppContext context;

        Training(AppContext context) {
            this.context = context;
        }

        Path tokenizerDir() throws IOException {
            if (tokenizer != null) {
                return tokenizer;
            }
            if (!context.builtinTokenizer().exists()) {
                throw new IOException("no built-in image tokenizer yet in " + context.builtinTokenizer().folder()
                        + ": create it with `vla-studio tokens images FILE --demo D --out DIR` (it trains on first use) or "
                        + "pass --tokenizer DIR");
            }
            return context.builtinTokenizer().folder();
        }

        /** The training process's options for one run into {@code output} with {@code mask}. */
        StudioModelOptions options(Path output, String mask) throws IOException {
            return new StudioModelOptions().export(export).outputDir(output).tokenizer(tokenizerDir()).epochs(epochs)
                    .seed(seed).maxMinutes(maxMinutes).mask(mask).layers(layers).width(width).heads(heads)
                    .batchSize(batchSize).lr(lr).evalSamples(evalSamples).resume(!noResume);
        }

        /** Runs StudioModelMain in a child JVM, its output passed through; SIGTERM here stops it cleanly too. */
        int child(StudioModelOptions options) throws IOException, InterruptedException {
            List<String> cmd = StudioModelMain.commandForThisJvm(options);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            Thread stop = new Thread(() -> {
                p.destroy();
                try {
                    p.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                return p.waitFor();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs and waits for the child
                }
            }
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Trains the studio model on a WorldVLA export in a child JVM; logs in WorldVLA's format go to "
                    + "the terminal and OUT/common.log. Resumes from OUT's latest epoch<E>/ unless --no-resume."})
    static final class Train extends Training {
        @Option(names = "--mask", description = "action (WorldVLA's action attention mask) or causal")
        String mask = Training.DEFAULTS.mask();

        Train(AppContext context) {
            super(context);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            try {
                int code = child(options(out, mask));
                if (code == 0) {
                    spec.commandLine().getOut().println("trained: " + out + " (metrics.json, log_eval_ind.txt, epoch<E>/)");
                }
                return code;
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "ablation", mixinStandardHelpOptions = true,
            description = {"Trains the same export twice, with the action attention mask (OUT/action) and a plain causal "
                    + "mask (OUT/causal), and writes OUT/ablation.md and OUT/ablation.json: action L1 per chunk position "
                    + "side by side with the baselines."})
    static final class Ablation extends Training {

        Ablation(AppContext context) {
            super(context);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            try {
                Files.createDirectories(out);
                List<Path> dirs = StudioAblation.runDirs(out);
                String[] masks = {"action", "causal"};
                for (int i = 0; i < 2; i++) {
                    err.println("ablation: training with the " + masks[i] + " mask into " + dirs.get(i));
                    err.flush();
                    int code = child(options(dirs.get(i), masks[i]));
                    if (code != 0) {
                        err.println("error: the " + masks[i] + "-mask run exited with " + code + "; see " + dirs.get(i).resolve("common.log"));
                        return code;
                    }
                }
                spec.commandLine().getOut().print(StudioAblation.compare(out));
                spec.commandLine().getOut().println("written: " + out.resolve("ablation.md") + ", " + out.resolve("ablation.json"));
                return 0;
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }
}
