package io.vlastudio.training.run;

import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A detached supervisor: {@code vla-studio run start --detach} starts this in its own JVM and session, so the run is
 * followed (stages advanced, logs parsed, the end recorded) after the command returns.
 * {@code SuperviseMain WORKSPACE RUN start|resume|attach [clear-cache]}. Exit 0 when the attempt ended as it should.
 */
public final class SuperviseMain {

    private SuperviseMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SuperviseMain WORKSPACE RUN start|resume|attach [clear-cache]");
            System.exit(2);
        }
        Path ws = Path.of(args[0]).toAbsolutePath().normalize();
        SqliteWorkspaces workspaces = new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()),
                Clock.systemUTC(), System.getProperty("user.name"), WorkspaceOptions.defaults().withBusyTimeout(Duration.ofSeconds(30)), (steps, task, settings) -> {
            throw new UnsupportedOperationException("runs count no mix samples");
        });
        try (Workspace w = workspaces.open(ws)) {
            RunLauncher launcher = new RunLauncher(w.runs(), ws, RunPlanner.forThisJvm());
            RunLauncher.Supervision s;
            switch (args[2]) {
                case "start", "resume" -> s = launcher.start(args[1], args[2].equals("resume"), args.length > 3 && args[3].equals("clear-cache"));
                case "attach" -> {
                    Optional<RunLauncher.Supervision> a = launcher.attach(args[1]);
                    if (a.isEmpty()) {
                        System.out.println("nothing to attach to");
                        return;
                    }
                    s = a.get();
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[2]);
            }
            System.out.println("supervising " + args[1] + " pid " + ProcessHandle.current().pid());
            System.out.flush();
            while (!s.await(Duration.ofMinutes(10))) {
                // keep following
            }
            AttemptState end = s.state();
            System.out.println("run " + args[1] + " " + end.status + (end.reason == null ? "" : ": " + end.reason));
        } catch (PreflightException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
