package io.vlastudio.store.bench;

import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.export.ExportResult;
import io.vlastudio.dataset.hdf5.DatasetWriter;
import io.vlastudio.dataset.hdf5.GroupBuilder;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.hdf5.Hdf5Type;
import io.vlastudio.dataset.hdf5.Hdf5Writer;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.TestCounting;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixExport;
import io.vlastudio.store.curation.MixSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Curated export against a plain file copy (ADR 0020, docs/benchmarks.md "Curation"): writes one LIBERO-layout task
 * file of about 2 GB (50 demos, 128x128 agentview and wrist frames), indexes it, exports it through the whole
 * curation path (fingerprint check, manifest, temp file, move) and copies the same file with a sequential 8 MiB
 * buffer copy plus fsync, in the same run, twice each, alternating. Prints MB/s, the ratio, and the peak heap during
 * the export. Run it under the heap it claims to fit: {@code -Xmx1g} (the bench profile does).
 *
 * <pre>./mvnw -Pbench -pl store -am verify</pre>  args: [DIR] [STEPS_PER_DEMO]
 */
public final class ExportBenchmark {

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-export").toAbsolutePath();
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        delete(dir);
        Path suite = dir.resolve("libero_bench");
        Files.createDirectories(suite);
        Path source = suite.resolve("KITCHEN_SCENE3_turn_on_the_stove_demo.hdf5");
        long t0 = System.nanoTime();
        writeTaskFile(source, 50, steps, 128);
        long size = Files.size(source);
        System.out.printf(Locale.ROOT, "source: %s, %.2f GB, written in %.1f s%n", source.getFileName(), size / 1e9,
                (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "max heap: %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);

        SqliteWorkspaces workspaces = new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()),
                Clock.systemUTC(), "bench", WorkspaceOptions.defaults(), TestCounting.worldVla());
        try (Workspace ws = workspaces.open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.curation().saveView("all", "");
            Manifest manifest = ws.curation().manifest(new Mix("bench", List.of(MixComponent.view("all", 1)),
                    MixSettings.defaults()), "bench");
            double bestCopy = 0;
            double bestExport = 0;
            long peak = 0;
            for (int round = 0; round < 2; round++) {
                Path copy = dir.resolve("copy.hdf5");
                long c0 = System.nanoTime();
                copy(source, copy);
                double copySeconds = (System.nanoTime() - c0) / 1e9;
                Files.delete(copy);
                Path out = dir.resolve("export");
                delete(out);
                System.gc();
                resetPeaks();
                long e0 = System.nanoTime();
                ExportResult r = new MixExport(new Hdf5DemoReader()).export(ws.curation(), manifest, out, Progress.NONE, () -> false);
                double exportSeconds = (System.nanoTime() - e0) / 1e9;
                long heap = peakHeap();
                peak = Math.max(peak, heap);
                double copyRate = size / 1e6 / copySeconds;
                double exportRate = r.bytes() / 1e6 / exportSeconds;
                bestCopy = Math.max(bestCopy, copyRate);
                bestExport = Math.max(bestExport, exportRate);
                System.out.printf(Locale.ROOT, "round %d: copy %.2f GB in %.2f s = %.0f MB/s; export %.2f GB (%d demos, %d steps)"
                                + " in %.2f s = %.0f MB/s; ratio %.2f; peak heap during export %d MiB%n", round + 1, size / 1e9,
                        copySeconds, copyRate, r.bytes() / 1e9, r.demos(), r.steps(), exportSeconds, exportRate,
                        exportRate / copyRate, heap >> 20);
                delete(out);
            }
            System.out.printf(Locale.ROOT, "best: copy %.0f MB/s, export %.0f MB/s, ratio %.2f (target >= 0.7); peak heap %d MiB"
                    + " of %d MiB%n", bestCopy, bestExport, bestExport / bestCopy, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        delete(dir);
    }

    /** A plain sequential copy through one 8 MiB buffer, forced to disk like the export. */
    static void copy(Path from, Path to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            while (in.read(buffer.clear()) > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        }
    }

    /** A LIBERO original-layout task file, streamed: frames are a cheap moving pattern, low-dim data random. */
    static void writeTaskFile(Path file, int demos, int steps, int side) throws IOException {
        Random random = new Random(1);
        try (Hdf5Writer w = Hdf5Writer.create(file)) {
            GroupBuilder data = w.root().group("data");
            data.attribute("problem_info", "{\"problem_name\": \"libero_kitchen_tabletop_manipulation\", \"domain_name\":"
                    + " \"robosuite\", \"language_instruction\": \"turn on the stove\"}");
            data.attribute("env_args", "{\"env_name\": \"Libero_Kitchen_Tabletop_Manipulation\"}");
            data.attribute("bddl_file_name", "libero/libero/bddl_files/libero_10/KITCHEN_SCENE3_turn_on_the_stove.bddl");
            data.attribute("tag", "libero-v1");
            data.attribute("num_demos", (long) demos);
            data.attribute("total", (long) demos * steps);
            byte[] frame = new byte[side * side * 3];
            for (int d = 0; d < demos; d++) {
                GroupBuilder g = data.group("demo_" + d);
                double[][] states = matrix(random, steps, 45);
                g.attribute("num_samples", (long) steps);
                g.attribute("init_state", states[0]);
                g.attribute("model_file", "<mujoco model=\"bench\">" + "x".repeat(60_000) + "</mujoco>");
                double[][] actions = matrix(random, steps, 7);
                for (double[] a : actions) {
                    for (int k = 0; k < 6; k++) {
                        a[k] = a[k] * 1.8 - 0.9;
                    }
                    a[6] = a[6] < 0.5 ? -1 : 1;
                }
                g.dataset("actions", actions);
                g.dataset("states", states);
                g.dataset("robot_states", matrix(random, steps, 9));
                byte[] zeros = new byte[steps];
                zeros[steps - 1] = 1;
                g.dataset("rewards", zeros, Hdf5Type.UINT8, steps);
                g.dataset("dones", zeros, Hdf5Type.UINT8, steps);
                g.dataset("obs/ee_pos", matrix(random, steps, 3));
                g.dataset("obs/ee_ori", matrix(random, steps, 3));
                g.dataset("obs/ee_states", matrix(random, steps, 6));
                g.dataset("obs/gripper_states", matrix(random, steps, 2));
                g.dataset("obs/joint_states", matrix(random, steps, 7));
                for (String camera : List.of("agentview_rgb", "eye_in_hand_rgb")) {
                    DatasetWriter rgb = g.dataset("obs/" + camera, Hdf5Type.UINT8, steps, side, side, 3);
                    for (int t = 0; t < steps; t++) {
                        for (int i = 0; i < frame.length; i += 97) {
                            frame[i] = (byte) (i + t + d);
                        }
                        rgb.writeRow(t, frame);
                    }
                }
            }
        }
    }

    private static double[][] matrix(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = r.nextDouble();
            }
        }
        return m;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
