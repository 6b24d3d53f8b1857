package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vla-studio sample --out DIR}: writes a synthetic LIBERO-layout suite. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic suite in LIBERO's layout (one <task>_demo.hdf5 file per task), rendered from a",
                "scripted pick-and-place policy, deterministically from the seed. Useful as test data and for trying the studio."})
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, description = "output folder; its name is the suite name")
    private Path out;

    @Option(names = "--variant", defaultValue = "original",
            description = "original (attributes, 128x128) or no_noops (no attributes, index gaps, 256x256); default: ${DEFAULT-VALUE}")
    private String variant;

    @Option(names = "--tasks", defaultValue = "4", description = "number of tasks (files); default: ${DEFAULT-VALUE}")
    private int tasks;

    @Option(names = "--demos", description = "demos per task (default: 50 for original, as LIBERO; 50 before gaps for no_noops)")
    private Integer demos;

    @Option(names = "--seed", defaultValue = "7", description = "random seed; the same seed writes the same bytes; default: ${DEFAULT-VALUE}")
    private long seed;

    @Option(names = "--image-size", description = "frame side in pixels (default: 128 original, 256 no_noops)")
    private Integer imageSize;

    private final AppContext context;

    SampleCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        DatasetVariant v;
        try {
            v = DatasetVariant.fromId(variant);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        SuiteSpec s = SuiteSpec.defaults(v).withTasks(tasks).withSeed(seed);
        if (demos != null) {
            s = s.withDemosPerTask(demos);
        }
        if (imageSize != null) {
            s = s.withImageSize(imageSize);
        }
        try {
            s.validate();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        PrintWriter outWriter = spec.commandLine().getOut();
        long start = System.nanoTime();
        boolean terminal = System.console() != null;
        List<Path> files = context.suiteWriter().write(out, s, (done, total, message) -> {
            if (terminal) {
                err.print("\r" + done + "/" + total + " demos  " + message + "\u001b[K");
                err.flush();
            } else if (message.startsWith("wrote ")) {
                err.println(done + "/" + total + " demos  " + message);
            }
        }, () -> false);
        if (terminal) {
            err.println();
        }
        outWriter.printf("wrote %d files (%s, %d demos a task, %dx%d) to %s in %.1f s%n", files.size(), v.id(),
                s.demosPerTask(), s.imageSize(), s.imageSize(), out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
