package io.vlastudio.tokenizer.bench;

import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.DemoActions;
import io.vlastudio.tokenizer.action.DemoActionsReader;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.image.TorchScriptVqGan;
import io.vlastudio.tokenizer.testing.PythonScripts;
import io.vlastudio.tokenizer.testing.TinyVqGan;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The tokenizer benchmark (not a test): {@code mvn -Pbench -pl tokenizer-preview -am verify}, or run this class with the
 * test classpath. Arguments: {@code [threads] [vq widths, comma-separated] [seconds per measurement]} (defaults: all
 * cores, "8,32" and 10 s; the bench profile passes 1 thread and "8,32,128"; width 128 is Chameleon's full size and
 * takes seconds per frame on a laptop CPU). One thread is the default of the profile because PyTorch's OpenMP threads
 * spin at barriers: on a machine where other work runs, multi-threaded timings measure the neighbours.
 * <ol>
 *   <li>TorchScript encode throughput of DJL against Python running the same TorchScript files on the same CPU, with the
 *       same thread count, in the same run (random-weight VQ-GANs with Chameleon's topology, exported by the studio's
 *       own script; the committed tiny fixture is width 8);</li>
 *   <li>action tokenization rate (values per second) over the sample suite's actions, repeated to 50 M values;</li>
 *   <li>the built-in tokenizer's training time and held-out PSNR/SSIM on the sample workspace (4 tasks x 10 demos,
 *       128 px).</li>
 * </ol>
 * Prints a Markdown report and writes it to {@code target/tokenizer-benchmark.md}.
 */
public final class TokenizerBenchmark {

    private TokenizerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 && Integer.parseInt(args[0]) > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        String[] widths = (args.length > 1 ? args[1] : "8,32").split(",");
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        TorchRuntime runtime = new TorchRuntime(TorchSettings.defaults().withThreads(threads));
        Path work = Files.createTempDirectory("vlastudio-bench");
        StringBuilder report = new StringBuilder();
        String cpu = cpuName();
        report.append(String.format(Locale.ROOT, "Machine: %s, %d cores; Java %s; %s.%n%n", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), runtime.describe()));

        report.append("| VQ-GAN encoder (random weights, Chameleon topology) | encoder params | DJL frames/s | Python frames/s | DJL / Python |\n");
        report.append("|---|---|---|---|---|\n");
        for (String w : widths) {
            int width = Integer.parseInt(w.trim());
            Path dir = width == 8 ? TinyVqGan.copyTo(work.resolve("vq8"), false) : exportBenchVqGan(work.resolve("vq" + width), width);
            try (TorchScriptVqGan vq = TorchScriptVqGan.open(dir, runtime)) {
                Frame frame = randomFrame(256);
                // interleaved rounds (python, djl, python, djl, ...); the best of each side is reported
                double py = 0;
                double dj = 0;
                for (int round = 0; round < 3; round++) {
                    py = Math.max(py, python(dir, threads, seconds));
                    dj = Math.max(dj, djl(vq, frame, seconds));
                }
                report.append(String.format(Locale.ROOT, "| width %d%s, 256 px, %d thread%s | %s | %.2f | %.2f | %.2f |%n", width,
                        width == 8 ? " (test fixture)" : width == 128 ? " (full size)" : "", threads, threads == 1 ? "" : "s",
                        width == 8 ? "0.08 M" : width == 32 ? "4.1 M" : width == 128 ? "29.4 M" : "?", dj, py, dj / py));
                System.out.println(report);
            }
        }

        List<Path> files = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(work.resolve("libero_sample"),
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(4).withDemosPerTask(10).withFailuresPerTask(1),
                Progress.NONE, () -> false);
        List<DemoFile> open = new ArrayList<>();
        Hdf5DemoReader reader = new Hdf5DemoReader();
        for (Path f : files) {
            open.add(reader.open(f));
        }
        report.append('\n').append(actionRate(open)).append('\n');
        System.out.println(report);

        PatchCodebookTrainer.Settings settings = PatchCodebookTrainer.Settings.defaults();
        try (PatchCodebookTokenizer t = new PatchCodebookTrainer(runtime, new FrameFitter()).train(open, settings, Progress.NONE,
                () -> false)) {
            var info = t.info();
            report.append(String.format(Locale.ROOT, "Built-in tokenizer on the sample workspace (4 tasks x 10 demos, 128 px frames "
                            + "resized to 256): %d codes, %d iterations over %d patches of %d frames; trained in %.1f s with %d "
                            + "thread%s; held-out PSNR %.2f dB, SSIM %.4f over %d frames of held-out demos; %d dead codes.%n",
                    t.codebookSize(), info.iterations(), info.trainPatches(), info.trainFrames(), info.seconds(), threads,
                    threads == 1 ? "" : "s", info.heldOutPsnr(), info.heldOutSsim(), info.heldOutFrames(), info.deadCodes()));
        }
        open.forEach(DemoFile::close);
        System.out.println(report);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("tokenizer-benchmark.md"), report.toString());
        // the exported full-size model alone is about 300 MB
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String actionRate(List<DemoFile> files) throws Exception {
        List<DemoActions> demos = new ArrayList<>();
        DemoActionsReader reader = new DemoActionsReader();
        for (DemoFile f : files) {
            demos.addAll(reader.readAll(f));
        }
        int steps = demos.stream().mapToInt(DemoActions::steps).sum();
        int target = 50_000_000 / 7;
        double[][] columns = new double[7][target];
        int i = 0;
        while (i < target) {
            for (DemoActions d : demos) {
                for (double[] a : d.actions()) {
                    if (i == target) {
                        break;
                    }
                    for (int k = 0; k < 7; k++) {
                        columns[k][i] = a[k];
                    }
                    i++;
                }
            }
        }
        UniformBinActionTokenizer tokenizer = new UniformBinActionTokenizer(ActionBounds.worldVla());
        int[] out = new int[target];
        double best = 0;
        long checksum = 0;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int d = 0; d < 7; d++) {
                if (tokenizer.encodeColumn(d, columns[d], 0, target, out) >= 0) {
                    throw new IllegalStateException("non-finite action");
                }
                checksum += out[target - 1];
            }
            best = Math.max(best, 7.0 * target / ((System.nanoTime() - t0) / 1e9));
        }
        // the per-action path (what the CLI and statistics use), once
        double[][] rows = new double[2_000_000][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {columns[0][r], columns[1][r], columns[2][r], columns[3][r], columns[4][r], columns[5][r], columns[6][r]};
        }
        double bestRows = 0;
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < rows.length; r++) {
                checksum += tokenizer.encode(rows[r], "bench", r)[6];
            }
            bestRows = Math.max(bestRows, 7.0 * rows.length / ((System.nanoTime() - t0) / 1e9));
        }
        return String.format(Locale.ROOT, "Action tokenization (WorldVLA bounds, float64, bit-exact path), %d values from the "
                        + "sample suite's %d steps repeated: column path %.0f M values/s; per-action path %.0f M values/s "
                        + "(single thread, best of 6/4 rounds; checksum %d).%n", 7L * target, steps, best / 1e6, bestRows / 1e6,
                checksum);
    }

    private static double djl(TorchScriptVqGan vq, Frame frame, double seconds) throws Exception {
        for (int i = 0; i < 3; i++) {
            vq.encode(frame);
        }
        int n = 0;
        long t0 = System.nanoTime();
        while ((System.nanoTime() - t0) / 1e9 < seconds || n < 3) {
            vq.encode(frame);
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double python(Path dir, int threads, double seconds) throws Exception {
        String out = PythonScripts.run("bench_torchscript_encode.py", "", dir.resolve("encoder.pt").toString(), "256",
                Integer.toString(threads), "3", Double.toString(seconds));
        String[] parts = out.trim().split("\\s+");
        return Double.parseDouble(parts[1]);
    }

    private static Path exportBenchVqGan(Path dir, int width) throws Exception {
        Path script = Files.createTempFile("export_chameleon_vqgan", ".py");
        try (InputStream in = TorchScriptVqGan.class.getResourceAsStream(TorchScriptVqGan.EXPORT_SCRIPT)) {
            Files.write(script, in.readAllBytes());
        }
        PythonScripts.run("make_bench_vqgan.py", "", script.toString(), dir.toString(), Integer.toString(width));
        return dir;
    }

    private static Frame randomFrame(int side) {
        byte[] rgb = new byte[side * side * 3];
        new SplittableRandom(1).nextBytes(rgb);
        return new Frame(side, side, Orientation.ROT180, rgb);
    }

    private static String cpuName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
