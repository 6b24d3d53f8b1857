package io.vlastudio.training.studio;

import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Mixin
    StudioModelOptions options;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * The command that runs this process in a child JVM: {@code javaCommand} with the studio's {@code classpath},
     * DJL offline, and {@code options} as its arguments.
     */
    public static List<String> command(String javaCommand, String classpath, StudioModelOptions options) {
        List<String> cmd = new ArrayList<>(List.of(javaCommand, "-Dai.djl.offline=true", "-cp", classpath,
                StudioModelMain.class.getName()));
        cmd.addAll(options.toArgs());
        return cmd;
    }

    /** {@link #command} with this JVM's java executable and classpath. */
    public static List<String> commandForThisJvm(StudioModelOptions options) {
        return command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), options);
    }

    /** Runs the process's work in this JVM (tests); SIGTERM handling is installed only by {@link #main}. */
    public static int run(String[] args) {
        return new CommandLine(new StudioModelMain()).setOverwrittenOptionsAllowed(true).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        StudioTrainer.Options o;
        try {
            o = options.trainerOptions();
        } catch (IllegalArgumentException e) {
            System.err.println("error: --mask: " + e.getMessage());
            return 2;
        }
        int threads = options.threads();
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
            try (RunLog log = new RunLog(options.outputDir(), System.err)) {
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
