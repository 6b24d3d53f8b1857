package io.vlastudio.training.run.bench;

import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;
import io.vlastudio.training.run.AttemptState;
import io.vlastudio.training.run.LogEvent;
import io.vlastudio.training.run.LogParser;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunLauncher;
import io.vlastudio.training.run.RunListener;
import io.vlastudio.training.run.RunPlanner;
import io.vlastudio.training.run.StandInWorldVla;
import io.vlastudio.training.run.StageCommand;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The launcher benchmark (docs/benchmarks.md; {@code mvn -Pbench -pl training-launcher -am verify}):
 * (1) log parsing of a 1 GB WorldVLA-format log against {@code grep -c} of the same lines, same run;
 * (2) the launcher's own overhead: from the train stage's launch to the first parsed log line, minus the same
 * torchrun command's own time to its first line when started directly with a pipe.
 * Args: WORKDIR RESULTS.md [LOG_BYTES].
 */
public final class LauncherBenchmark {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path results = Path.of(args[1]);
        long bytes = args.length > 2 ? Long.parseLong(args[2]) : 1L << 30;
        RunLauncher.class.getName();
        Files.createDirectories(work);
        StringBuilder out = new StringBuilder("# Launcher benchmark\n\n");

        // (1) parsing
        Path log = work.resolve("big.log");
        List<String> sample = Files.readAllLines(Path.of(LauncherBenchmark.class.getClassLoader()
                .getResource("recorded-standin-2ranks.log").toURI()));
        try (BufferedWriter w = Files.newBufferedWriter(log)) {
            long written = 0;
            while (written < bytes) {
                for (String l : sample) {
                    w.write(l);
                    w.write('\n');
                    written += l.length() + 1;
                }
            }
        }
        long size = Files.size(log);
        // three rounds, grep then LogParser back to back each time; the median ratio is the figure
        double[] grepS = new double[3];
        double[] parseS = new double[3];
        double[] ratio = new double[3];
        long grepCount = 0;
        long parsed = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Process grep = new ProcessBuilder("grep", "-c", "Epoch: \\[[0-9]*\\]  \\[", log.toString()).start();
            grepCount = Long.parseLong(new String(grep.getInputStream().readAllBytes()).strip());
            grep.waitFor();
            grepS[round] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            AtomicLong progressLines = new AtomicLong();
            LogParser.parse(log, e -> {
                if (e instanceof LogEvent.Progress) {
                    progressLines.incrementAndGet();
                }
            });
            parsed = progressLines.get();
            parseS[round] = (System.nanoTime() - t0) / 1e9;
            ratio[round] = parseS[round] / grepS[round];
            if (parsed != grepCount) {
                throw new IllegalStateException("parsed " + parsed + " progress lines, grep counted " + grepCount);
            }
        }
        Files.delete(log);
        out.append(String.format("## Log parsing (%.2f GB, %d progress lines; 3 rounds, grep then LogParser each)%n%n"
                        + "| round | `grep -c` s | LogParser.parse s (meters, phases, failures) | ratio |%n|---|---|---|---|%n",
                size / 1e9, parsed));
        for (int round = 0; round < 3; round++) {
            out.append(String.format("| %d | %.2f | %.2f | %.1f× |%n", round + 1, grepS[round], parseS[round], ratio[round]));
        }
        double[] sorted = ratio.clone();
        java.util.Arrays.sort(sorted);
        out.append(String.format("%nMedian ratio LogParser / grep -c: **%.1f×** the time.%n%n", sorted[1]));

        // (2) overhead
        StandInWorldVla wv = StandInWorldVla.create(work.resolve("install"));
        SqliteWorkspaces workspaces = new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()),
                Clock.systemUTC(), "bench", WorkspaceOptions.defaults(), (steps, task, settings) -> {
            throw new UnsupportedOperationException("runs count no mix samples");
        });
        try (Workspace ws = workspaces.open(work.resolve("ws"))) {
            RunLauncher launcher = new RunLauncher(ws.runs(), ws.directory(), RunPlanner.forThisJvm(null));
            RunConfig c = RunConfig.fromMap(Map.of("name", "bench", "export", wv.export.toString(), "worldvla", wv.checkout.toString(),
                    "python", StandInWorldVla.PYTHON, "cpu", true, "gpus", 1, "epochs", 1, "batch_size", 2,
                    "env", Map.of("STANDIN_PRINT_FREQ", "1")));
            launcher.create(c);
            AtomicLong trainLaunched = new AtomicLong();
            AtomicLong firstLine = new AtomicLong();
            launcher.addListener(new RunListener() {
                @Override
                public void state(String run, AttemptState s) {
                    if ("train".equals(s.stage) && trainLaunched.get() == 0) {
                        trainLaunched.set(System.nanoTime());
                    }
                }

                @Override
                public void event(String run, String stage, LogEvent e) {
                    if (e instanceof LogEvent.Progress && firstLine.get() == 0) {
                        firstLine.set(System.nanoTime());
                    }
                }
            });
            long start = System.nanoTime();
            RunLauncher.Supervision s = launcher.start("bench", false, false);
            s.await(Duration.ofMinutes(10));
            double endToEnd = (firstLine.get() - start) / 1e9;
            double viaLauncher = (firstLine.get() - trainLaunched.get()) / 1e9;
            // the same train command, started directly with a pipe, to its first Epoch line
            StageCommand train = launcher.preview(c, false).get(2).first();
            List<String> argv = s.state().provenance.commands.get("train").get(0);
            RunLauncher.class.getName();
            Path out2 = work.resolve("direct-output");
            Files.createDirectories(out2);
            List<String> direct = argv.stream().map(a -> a.equals(c.name()) ? a : a.replace(
                    launcher.layout(c).output().toString(), out2.toString())).toList();
            ProcessBuilder pb = new ProcessBuilder(direct).directory(train.cwd().toFile()).redirectErrorStream(true);
            pb.environment().putAll(train.env());
            long d0 = System.nanoTime();
            Process p = pb.start();
            double directS = -1;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (directS < 0 && l.contains("Epoch: [")) {
                        directS = (System.nanoTime() - d0) / 1e9;
                    }
                }
            }
            p.waitFor();
            out.append(String.format("## Launcher overhead (stand-in trainer, 1 rank, torchrun, CPU)%n%n| | seconds |%n|---|---|%n"
                            + "| start() to first parsed line (pre-flight, pretokenize, concat, train) | %.2f |%n"
                            + "| train stage launch to first parsed line (launcher) | %.2f |%n"
                            + "| same torchrun command started directly, to its first line | %.2f |%n"
                            + "| **launcher overhead** (difference) | **%.2f** |%n",
                    endToEnd, viaLauncher, directS, viaLauncher - directS));
        }
        Files.writeString(results, out.toString());
        System.out.println(out);
    }
}
