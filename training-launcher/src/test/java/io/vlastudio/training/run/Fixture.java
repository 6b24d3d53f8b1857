package io.vlastudio.training.run;

import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tiny WorldVLA export (contract A, written by make_export.py with numpy/PIL), a git checkout of the stand-in
 * WorldVLA (test resources), and a workspace with a launcher. Debian's /usr/bin/python3 has torch 1.13.
 */
final class Fixture implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";

    final Path root;
    final Path export;
    final Path checkout;
    final Path workspaceDir;
    final Workspace workspace;
    final RunLauncher launcher;
    final String gpuPath;

    private Fixture(Path root) throws Exception {
        this.root = root;
        StandInWorldVla installation = StandInWorldVla.create(root);
        this.export = installation.export;
        this.checkout = installation.checkout;
        this.workspaceDir = root.resolve("ws");
        workspace = workspaces().open(workspaceDir);
        // GPU use comes from the stand-in nvidia-smi (a driver cannot run here)
        gpuPath = StandInNvidiaSmi.path(StandInNvidiaSmi.install(root.resolve("nvidia-bin")));
        launcher = new RunLauncher(workspace.runs(), workspaceDir, RunPlanner.forThisJvm(root.resolve("builtin-tokenizer")), Fixture::probe,
                Duration.ofSeconds(15), new GpuMonitor(gpuPath));
    }

    private static final Map<String, PythonProbe> PROBES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Probes each interpreter once per test JVM (importing torch takes seconds on a loaded 2-core box). */
    static PythonProbe probe(String python) {
        return PROBES.computeIfAbsent(python, PythonProbe::run);
    }

    static Fixture create(Path root) throws Exception {
        return new Fixture(root);
    }

    static SqliteWorkspaces workspaces() {
        return new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()), Clock.systemUTC(), "test",
                WorkspaceOptions.defaults().withBusyTimeout(Duration.ofSeconds(30)), (steps, task, settings) -> {
            throw new UnsupportedOperationException("runs count no mix samples");
        });
    }

    /** A CPU run of the stand-in: 2 ranks, 2 epochs, logging every other iteration. */
    RunConfig config(String name, Map<String, ?> changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("export", export.toString());
        m.put("worldvla", checkout.toString());
        m.put("python", PYTHON);
        m.put("cpu", true);
        m.put("gpus", 2);
        m.put("epochs", 2);
        m.put("batch_size", 2);
        m.put("lr", 0.01);
        m.put("min_lr", 0.001);
        m.put("warmup_epochs", 0.5);
        m.put("env", Map.of("STANDIN_PRINT_FREQ", "2"));
        m.putAll(changes);
        return RunConfig.fromMap(m);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(Fixture.class.getClassLoader().getResource(name).toURI());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String run(Path cwd, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    /** Live processes whose command line mentions {@code marker} (a run folder), zombies excluded. */
    static List<Long> processesMentioning(String marker) {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            return s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    String stat = Files.readString(p.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    return cmd.contains(marker) && state != 'Z' && state != 'X'
                            && Long.parseLong(p.getFileName().toString()) != ProcessHandle.current().pid();
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        workspace.close();
    }
}
