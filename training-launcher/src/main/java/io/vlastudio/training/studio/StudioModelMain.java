package io.vlastudio.training.studio;

import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The studio model's training process (contract B), started in its own JVM by the launcher (target
 * {@code studio-model}) or by {@code vla-studio model train}. Exit 0 when training finished or hit
 * {@code --max_minutes}, 1 on a NaN loss or a failure, 2 on bad input; SIGTERM stops it between two steps (the
 * epoch in progress is not saved) and it exits with the signal's status.
 */
@Command(name = "StudioModelMain", mixinStandardHelpOptions = true,
        description = "Trains the studio's own action world model on a WorldVLA export (WorldVLA's recipe at laptop scale).")
public final class StudioModelMain implements Callable<Integer> {

    @Option(names = "--export", required = true, description = "WorldVLA export folder (manifest.json, convs/, files/)")
    Path export;
    @Option(names = "--output_dir", required = true, description = "where logs and epoch<E>/ checkpoints go")
    Path outputDir;
    @Option(names = "--epochs", defaultValue = "10")
    int epochs;
    @Option(names = "--batch_size", defaultValue = "8")
    int batchSize;
    @Option(names = "--lr", defaultValue = "1e-3")
    double lr;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--max_minutes", defaultValue = "0", description = "stop (evaluate and save) after this many minutes; 0: no limit")
    double maxMinutes;
    @Option(names = "--mask", defaultValue = "action", description = "action (WorldVLA's action attention mask) or causal")
    String mask;
    @Option(names = "--layers", defaultValue = "2")
    int layers;
    @Option(names = "--width", defaultValue = "128")
    int width;
    @Option(names = "--heads", defaultValue = "4")
    int heads;
    @Option(names = "--no_auto_resume", description = "start fresh even when epoch*/ checkpoints exist")
    boolean noAutoResume;
    @Option(names = "--init_from", description = "checkpoint folder whose weights start training")
    Path initFrom;
    @Option(names = "--tokenizer", description = "image tokenizer folder (built-in codebook or exported Chameleon VQ-GAN); "
            + "default: <export>/tokenizer")
    Path tokenizer;
    @Option(names = "--alpha", defaultValue = "0.04", description = "loss weight of image tokens (WorldVLA: 0.04)")
    double alpha;
    @Option(names = "--eval_samples", defaultValue = "32", description = "validation records per kind evaluated each epoch")
    int evalSamples;
    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads (0: the studio's default)")
    int threads;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the process's work in this JVM (tests); SIGTERM handling is installed only by {@link #main}. */
    public static int run(String[] args) {
        return new CommandLine(new StudioModelMain()).setOverwrittenOptionsAllowed(true).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        AttentionMasks.Kind m;
        try {
            m = AttentionMasks.Kind.fromId(mask);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --mask: " + e.getMessage());
            return 2;
        }
        Path tok = tokenizer != null ? tokenizer : export.resolve("tokenizer");
        StudioTrainer.Options o = new StudioTrainer.Options(export, outputDir, epochs, batchSize, lr, seed, maxMinutes, m,
                layers, width, heads, !noAutoResume, initFrom, tok, alpha, evalSamples);
        TorchSettings settings = threads > 0 ? TorchSettings.defaults().withThreads(threads) : TorchSettings.defaults();
        TorchRuntime runtime = new TorchRuntime(settings);
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.set(true);
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "studio-model-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            StudioTrainer.Prepared check;
            try {
                // validate everything before the output folder is touched
                check = StudioTrainer.prepare(o, runtime);
                check.tokenizer().close();
                StudioTrainer.checkStart(o, check.spec());
            } catch (StudioTrainer.StudioModelException | java.io.IOException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            try (RunLog log = new RunLog(outputDir, System.err)) {
                StudioTrainer.Outcome outcome = new StudioTrainer(runtime, cancel).run(o, log);
                log.info("main_finetune.py:260", switch (outcome) {
                    case FINISHED -> "training finished";
                    case TIME_LIMIT -> "training stopped at the time limit";
                    case CANCELLED -> "training stopped on request";
                });
                return 0;
            } catch (StudioTrainer.StudioModelException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (StudioModel.LossIsNaNException e) {
                return 1;
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }
}
