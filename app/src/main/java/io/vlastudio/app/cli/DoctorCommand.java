package io.vlastudio.app.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vlastudio.app.AppContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code vla-studio doctor}: where this copy of the studio runs from and keeps its data, and (with {@code --torch})
 * whether the PyTorch engine loads offline from the bundled natives. The installer check in CI runs it from the
 * installed package; users run it when something does not start.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Reports the Java runtime, the data folder and (with --torch) loads PyTorch offline and runs one",
                "tensor operation, saying where DJL keeps the unpacked native library."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--torch", description = "also load the PyTorch engine (unpacks its native library on first use)")
    private boolean torch;

    private final AppContext context;

    DoctorCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String version = DoctorCommand.class.getPackage().getImplementationVersion();
        out.println("VLA Studio " + (version == null ? "(development build)" : version));
        out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " at " + System.getProperty("java.home"));
        String launcher = System.getProperty("jpackage.app-path",
                System.getProperty("jpackage.app-version") != null ? "(runtime " + System.getProperty("java.home") + ")" : null);
        out.println("launched by: " + (launcher != null ? "installed launcher " + launcher : "java -jar (build or development)"));
        out.println("data: " + context.paths().dataHome() + " (workspace " + context.paths().defaultWorkspace() + ")");
        out.println("offline: ai.djl.offline=" + System.getProperty("ai.djl.offline", "(unset; the studio sets true on load)"));
        if (torch) {
            long start = System.nanoTime();
            String engine = context.torch().describe();
            float sum;
            try (NDManager manager = context.torch().newManager()) {
                NDArray a = manager.create(new float[] {1f, 2f, 3f});
                sum = a.add(a).sum().getFloat();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            out.println("torch: " + engine);
            out.println("torch: loaded and computed sum(2*[1,2,3]) = " + sum + " in " + ms + " ms");
            out.println("torch: natives unpacked under " + djlCacheDir());
            if (sum != 12f) {
                spec.commandLine().getErr().println("error: PyTorch computed " + sum + " instead of 12");
                return 1;
            }
        }
        return 0;
    }

    /** DJL's cache folder: DJL_CACHE_DIR (property, then environment), else ~/.djl.ai. */
    static Path djlCacheDir() {
        String dir = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
        return dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".djl.ai") : Path.of(dir);
    }
}
