package io.vlastudio.training.bench;

import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.DatasetWriter;
import io.vlastudio.dataset.hdf5.GroupBuilder;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.hdf5.Hdf5Type;
import io.vlastudio.dataset.hdf5.Hdf5Writer;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.training.export.PngEncoder;
import io.vlastudio.training.export.WorldVlaExporter;
import io.vlastudio.training.export.WorldVlaPlan;
import io.vlastudio.training.export.WorldVlaSettings;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Export throughput of one 50-demo 256x256 task (agentview and wrist cameras, about 2 GB with the default 100 steps
 * a demo) against the same frames and actions written by Python the way WorldVLA's dump script does it (h5py + PIL +
 * np.save, {@code worldvla_reference.py dump}), in the same run; then the PNG encoder against ImageIO's. Prints steps/s,
 * MB/s (source agentview bytes processed), the ratio, the threads used and the peak heap. Run it under the heap it
 * claims to fit: {@code -Xmx512m} (the bench profile does). Args: DIR [STEPS_PER_DEMO].
 */
public final class WorldVlaExportBenchmark {

    private WorldVlaExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int demos = 50;
        int side = 256;
        delete(dir);
        Path suite = dir.resolve("libero_10");
        Files.createDirectories(suite);
        Path file = suite.resolve("KITCHEN_SCENE3_turn_on_the_stove_demo.hdf5");
        long t0 = System.nanoTime();
        writeTaskFile(file, demos, steps, side);
        System.out.printf(Locale.ROOT, "source: %s, %.2f GB, %d demos x %d steps, %dx%d, written in %.0f s%n", file,
                Files.size(file) / 1e9, demos, steps, side, side, (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        long frames = (long) demos * steps;
        double sourceMb = frames * side * side * 3 / 1e6;

        SqliteWorkspaces workspaces = new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()),
                Clock.systemUTC(), "bench", WorkspaceOptions.defaults(), io.vlastudio.training.export.ExportFixtures.counting());
        try (Workspace ws = workspaces.open(dir.resolve("ws"))) {
            ws.index(List.of(suite), Progress.NONE, () -> false);
            ws.curation().saveView("all", "verdict != rejected");
            Manifest manifest = ws.curation().manifest(new Mix("all", List.of(MixComponent.view("all", 1)),
                    MixSettings.defaults()), "bench");
            warm(file);
            Path ref = dir.resolve("python");
            long p0 = System.nanoTime();
            runPython("dump", suite.toString(), ref.toString());
            double python = (System.nanoTime() - p0) / 1e9;
            System.out.printf(Locale.ROOT, "python (h5py + PIL + np.save, 1 process): %.1f s, %.0f steps/s, %.1f MB/s%n",
                    python, frames / python, sourceMb / python);
            delete(ref);

            warm(file);
            WorldVlaExporter exporter = new WorldVlaExporter(new Hdf5DemoReader(), "bench");
            WorldVlaPlan plan = exporter.plan(manifest, WorldVlaSettings.defaults());
            resetPeaks();
            long j0 = System.nanoTime();
            WorldVlaExporter.Result r = exporter.export(plan, dir.resolve("export"), ws.curation()::changedFiles,
                    Progress.NONE, () -> false);
            double java = (System.nanoTime() - j0) / 1e9;
            long heap = peakHeap();
            System.out.printf(Locale.ROOT, "studio (%d threads; also writes the 6 conversation files, configs, manifest):"
                            + " %.1f s, %.0f steps/s, %.1f MB/s; wrote %.0f MB; peak heap %d MiB%n", r.threads(), java,
                    frames / java, sourceMb / java, r.bytes() / 1e6, heap >> 20);
            System.out.printf(Locale.ROOT, "ratio studio/python: %.2f (target >= 2)%n", python / java);

            long k0 = System.nanoTime();
            WorldVlaExporter.Result again = exporter.export(exporter.plan(manifest, WorldVlaSettings.defaults()),
                    dir.resolve("export"), ws.curation()::changedFiles, Progress.NONE, () -> false);
            System.out.printf(Locale.ROOT, "re-export of the unchanged mix: %.1f s, %d trajectories kept, %d written%n",
                    (System.nanoTime() - k0) / 1e9, again.reused(), again.written());
        }
        encoders(side);
        delete(dir);
    }

    /** Our PNG encoder against ImageIO's, one thread, on 200 bench frames: time per frame and size. */
    static void encoders(int side) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            frames.add(frame(side, t, t % 50));
        }
        for (int round = 0; round < 2; round++) {
            PngEncoder png = new PngEncoder();
            long size = 0;
            long a = System.nanoTime();
            for (byte[] f : frames) {
                size += png.encode(f, side, side).length;
            }
            double ours = (System.nanoTime() - a) / 1e6 / frames.size();
            long isize = 0;
            long b = System.nanoTime();
            for (byte[] f : frames) {
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
                byte[] bgr = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
                for (int i = 0; i < f.length; i += 3) {
                    bgr[i] = f[i + 2];
                    bgr[i + 1] = f[i + 1];
                    bgr[i + 2] = f[i];
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(img, "png", out);
                isize += out.size();
            }
            double imageio = (System.nanoTime() - b) / 1e6 / frames.size();
            System.out.printf(Locale.ROOT, "png encoders, round %d: studio %.2f ms/frame, %.0f KB; ImageIO %.2f ms/frame,"
                    + " %.0f KB%n", round + 1, ours, size / 1e3 / frames.size(), imageio, isize / 1e3 / frames.size());
        }
    }

    private static void warm(Path file) throws IOException {
        byte[] buf = new byte[8 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buf) > 0) {
                // read the file once so both writers start from the page cache
            }
        }
    }

    private static void runPython(String... args) throws Exception {
        Path script = Files.createTempFile("worldvla-", ".py");
        try (InputStream in = WorldVlaExportBenchmark.class.getClassLoader().getResourceAsStream("worldvla/worldvla_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PythonFixtures.PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        PythonFixtures.run(cmd);
        Files.delete(script);
    }

    /** A rendered-looking frame: shaded table, a few moving boxes, mild sensor noise. */
    static byte[] frame(int side, int t, int d) {
        byte[] f = new byte[side * side * 3];
        Random noise = new Random(31L * t + d);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 3;
                int r = 120 + y / 4;
                int g = 90 + y / 5;
                int b = 60 + x / 8;
                for (int k = 0; k < 4; k++) {
                    int bx = (40 + 50 * k + t * (k + 1) / 3 + d) % (side - 30);
                    int by = 60 + 35 * k;
                    if (x >= bx && x < bx + 28 && y >= by && y < by + 22) {
                        r = 40 + 50 * k;
                        g = 200 - 40 * k;
                        b = 80 + 30 * k + (x - bx);
                    }
                }
                int n = noise.nextInt(5) - 2;
                f[i] = (byte) Math.max(0, Math.min(255, r + n));
                f[i + 1] = (byte) Math.max(0, Math.min(255, g + n));
                f[i + 2] = (byte) Math.max(0, Math.min(255, b + n));
            }
        }
        return f;
    }

    /** A LIBERO-layout task file (no-noops style: no attributes), streamed frame by frame. */
    static void writeTaskFile(Path file, int demos, int steps, int side) throws IOException {
        Random random = new Random(1);
        try (Hdf5Writer w = Hdf5Writer.create(file)) {
            GroupBuilder data = w.root().group("data");
            for (int d = 0; d < demos; d++) {
                GroupBuilder g = data.group("demo_" + d);
                double[][] actions = new double[steps][7];
                for (double[] a : actions) {
                    for (int k = 0; k < 6; k++) {
                        a[k] = random.nextDouble() * 1.8 - 0.9;
                    }
                    a[6] = random.nextBoolean() ? -1 : 1;
                }
                g.dataset("actions", actions);
                g.dataset("states", new double[steps][45]);
                g.dataset("robot_states", new double[steps][9]);
                g.dataset("obs/gripper_states", new double[steps][2]);
                g.dataset("obs/joint_states", new double[steps][7]);
                g.dataset("obs/ee_states", new double[steps][6]);
                for (String camera : List.of("agentview_rgb", "eye_in_hand_rgb")) {
                    DatasetWriter rgb = g.dataset("obs/" + camera, Hdf5Type.UINT8, steps, side, side, 3);
                    for (int t = 0; t < steps; t++) {
                        rgb.writeRow(t, frame(side, t, d));
                    }
                }
            }
        }
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
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
