package io.vlastudio.training.studio.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.PatchCodebookTokenizer;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import io.vlastudio.training.studio.AttentionMasks;
import io.vlastudio.training.studio.Batch;
import io.vlastudio.training.studio.EncodedSample;
import io.vlastudio.training.studio.ExportData;
import io.vlastudio.training.studio.ExportFixtures;
import io.vlastudio.training.studio.RunLog;
import io.vlastudio.training.studio.SampleFactory;
import io.vlastudio.training.studio.StudioModel;
import io.vlastudio.training.studio.StudioModelMain;
import io.vlastudio.training.studio.StudioTrainer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The studio model's benchmarks (docs/benchmarks.md), run by {@code ./mvnw -Pbench -pl training-launcher -am verify}:
 * <ol>
 *   <li>step: one training step (forward, backward, AdamW) of the default model on one batch of the sample suite's
 *       export, DJL (libtorch 2.3.1) against the same model, weights and batch in Debian's Python PyTorch 1.13, same
 *       thread count, same run; the first loss is cross-checked; rollout tokens/s; peak memory;</li>
 *   <li>run: a default training run on the sample suite limited to {@code minutes}, its last evaluation against the
 *       baselines.</li>
 * </ol>
 * Arguments: bench folder, results file, mode ({@code all}, {@code step}, {@code run}), minutes of the run.
 */
public final class StudioModelBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path results = Path.of(args[1]);
        String mode = args.length > 2 ? args[2] : "all";
        double minutes = args.length > 3 ? Double.parseDouble(args[3]) : 12;
        Files.createDirectories(dir);
        TorchRuntime runtime = new TorchRuntime(TorchSettings.defaults().withThreads(1));
        Path[] setup = setup(dir, runtime);
        StringBuilder md = new StringBuilder("# Studio model benchmark\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ").append(runtime.describe())
                .append("\n\n");
        if (mode.equals("all") || mode.equals("step")) {
            md.append(step(dir, setup[0], setup[1], runtime));
        }
        if (mode.equals("all") || mode.equals("run")) {
            md.append(run(dir, setup[0], setup[1], minutes));
        }
        Files.writeString(results, md.toString());
        System.out.println(md);
    }

    /** The sample suite (4 tasks x 10 demos, 128 px, as the studio's sample workspace), a 128 px built-in tokenizer, an export. */
    static Path[] setup(Path dir, TorchRuntime runtime) throws Exception {
        Path export = dir.resolve("export");
        Path tokenizer = dir.resolve("tokenizer");
        if (Files.isRegularFile(export.resolve("manifest.json")) && PatchCodebookTokenizer.isSavedIn(tokenizer)) {
            return new Path[] {export, tokenizer};
        }
        long t0 = System.nanoTime();
        List<Path> suite = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_sample"),
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(4).withDemosPerTask(10).withFailuresPerTask(1),
                Progress.NONE, () -> false);
        List<DemoFile> files = new ArrayList<>();
        for (Path f : suite) {
            files.add(new Hdf5DemoReader().open(f));
        }
        PatchCodebookTrainer.Settings s = new PatchCodebookTrainer.Settings(256, 128, 16, 20, 40_000, 3, 5, 8, "agentview",
                Orientation.ROT180, 7);
        try (PatchCodebookTokenizer t = new PatchCodebookTrainer(runtime, new FrameFitter()).train(files, s,
                Progress.NONE::report, () -> false)) {
            t.save(tokenizer, runtime).close();
        }
        files.forEach(DemoFile::close);
        ExportFixtures.write(export, "libero_sample", suite, 2, 5, 0, true);
        System.err.printf(Locale.ROOT, "setup (suite, tokenizer, export) in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return new Path[] {export, tokenizer};
    }

    static String step(Path dir, Path export, Path tokenizer, TorchRuntime runtime) throws Exception {
        StudioTrainer.Options o = StudioTrainer.Options.defaults(export, dir.resolve("unused"), tokenizer);
        StudioTrainer.Prepared prep = StudioTrainer.prepare(o, runtime);
        ExportData data = prep.data();
        List<EncodedSample> batch = new ArrayList<>();
        List<ExportData.Record> a = data.records("train", EncodedSample.Kind.ACTION);
        List<ExportData.Record> w = data.records("train", EncodedSample.Kind.WORLD);
        for (int i = 0; i < o.batchSize() / 2; i++) {
            batch.add(prep.encoder().encode(a.get(i * 97 % a.size())));
            batch.add(prep.encoder().encode(w.get(i * 89 % w.size())));
        }
        Path ref = dir.resolve("step-reference");
        Files.createDirectories(ref);
        int reps = 20;
        double djlFirst;
        double[] djlTimes = new double[reps];
        double rolloutTokensPerSecond;
        int length;
        try (NDManager root = runtime.newManager();
             StudioModel model = new StudioModel(runtime.engine(), root, prep.spec().model(), 0)) {
            // reference inputs: weights and the exact batch tensors
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("model", prep.spec().model());
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : model.transformer().parameters().entrySet()) {
                shapes.put(e.getKey(), e.getValue().getShape().getShape());
                writeFloats(ref.resolve(e.getKey() + ".f32"), e.getValue().toFloatArray());
            }
            spec.put("shapes", shapes);
            try (NDManager m = root.newSubManager()) {
                Batch b = Batch.of(batch, AttentionMasks.Kind.ACTION, prep.spec().alpha(), m);
                length = b.length;
                spec.put("batch", b.size);
                spec.put("length", b.length);
                Files.write(ref.resolve("ids.bin"), bytes(b.ids.toLongArray()));
                boolean[] mk = b.mask.toBooleanArray();
                byte[] mb = new byte[mk.length];
                for (int i = 0; i < mk.length; i++) {
                    mb[i] = (byte) (mk[i] ? 1 : 0);
                }
                Files.write(ref.resolve("mask.bin"), mb);
                Files.write(ref.resolve("targets.bin"), bytes(b.targets.toLongArray()));
                writeFloats(ref.resolve("weights.bin"), b.weights.toFloatArray());
            }
            JSON.writeValue(ref.resolve("spec.json").toFile(), spec);
            djlFirst = model.evalLoss(batch, AttentionMasks.Kind.ACTION, prep.spec().alpha());
            for (int i = 0; i < 3; i++) {
                model.trainStep(batch, AttentionMasks.Kind.ACTION, prep.spec().alpha(), 1e-3);
            }
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                model.trainStep(batch, AttentionMasks.Kind.ACTION, prep.spec().alpha(), 1e-3);
                djlTimes[i] = (System.nanoTime() - t0) / 1e9;
            }
            // rollout: one world-model frame generated with the key/value cache
            EncodedSample ws = prep.encoder().encode(w.get(0));
            int[] prefix = Arrays.copyOf(ws.ids(), ws.answerStart());
            int g = prep.tokenizer().gridSide();
            var slots = prep.encoder().factory().imageSlots(g, g);
            model.generate(prefix, slots, AttentionMasks.Kind.ACTION);
            long t0 = System.nanoTime();
            int frames = 5;
            for (int i = 0; i < frames; i++) {
                model.generate(prefix, slots, AttentionMasks.Kind.ACTION);
            }
            rolloutTokensPerSecond = frames * slots.size() / ((System.nanoTime() - t0) / 1e9);
        }
        prep.tokenizer().close();
        Arrays.sort(djlTimes);
        double djl = djlTimes[reps / 2];
        Path script = dir.resolve("studio_step_bench.py");
        try (var in = StudioModelBench.class.getResourceAsStream("studio_step_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), ref.toString(), "1", Integer.toString(reps))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the PyTorch reference failed: " + out);
        }
        JsonNode py = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y).orElseThrow());
        double torch = py.path("median_step_s").asDouble();
        return String.format(Locale.ROOT, """
                        ## One training step (forward + backward + AdamW), default model, batch of %d samples x %d tokens, 1 thread
                        | | median step | ratio (PyTorch time / DJL time, >= 0.9 is the target) |
                        |---|---|---|
                        | DJL 0.29 on libtorch 2.3.1 | %.1f ms | %.2fx |
                        | Python PyTorch %s (Debian) | %.1f ms | 1.00x |
                        | DJL on libtorch 1.13.1 | not run | DJL 0.29.0 publishes no pytorch-jni for 1.13.1 (Maven Central has 1.13.1-0.21.0 and -0.22.0 only) |

                        First loss on the batch: DJL %.6f, PyTorch %.6f (difference %.2e): the same model, weights and recipe.
                        Rollout (world model, one frame of %d slots with the key/value cache): %.0f tokens/s.
                        Peak memory: bench JVM %d MiB (resident, VmHWM), PyTorch process %.0f MiB.

                        """, batch.size(), length, djl * 1e3, torch / djl, py.path("torch").asText(), torch * 1e3, djlFirst,
                py.path("first_loss").asDouble(), Math.abs(djlFirst - py.path("first_loss").asDouble()),
                prep.encoder().factory().imageSlots(8, 8).size(), rolloutTokensPerSecond, RunLog.peakMemoryMiB(),
                py.path("peak_rss_mib").asDouble());
    }

    static String run(Path dir, Path export, Path tokenizer, double minutes) throws Exception {
        Path out = dir.resolve("run-" + System.currentTimeMillis());
        long t0 = System.nanoTime();
        int code = StudioModelMain.run(new String[] {"--export", export.toString(), "--output_dir", out.toString(),
                "--tokenizer", tokenizer.toString(), "--epochs", "100", "--max_minutes", Double.toString(minutes), "--threads", "1"});
        double took = (System.nanoTime() - t0) / 60e9;
        if (code != 0) {
            throw new IOException("the run exited with " + code + "; see " + out.resolve("common.log"));
        }
        JsonNode all = JSON.readTree(out.resolve("metrics.json").toFile());
        JsonNode last = all.get(all.size() - 1);
        Path latest = io.vlastudio.training.studio.Checkpoints.latest(out).orElseThrow();
        long steps = JSON.readTree(latest.resolve(io.vlastudio.training.studio.Checkpoints.STATE).toFile()).path("iterations").asLong();
        String log = Files.readString(out.resolve("common.log"));
        String cache = log.lines().filter(l -> l.contains(">> token cache ")).findFirst().map(l -> l.substring(l.indexOf(">> ") + 3))
                .orElse("(no token cache line)");
        String plan = log.lines().filter(l -> l.contains("learning-rate schedule fitted")).findFirst()
                .map(l -> l.substring(l.indexOf(">> ") + 3)).orElse("(no schedule line)");
        double trainSeconds = log.lines().filter(l -> l.contains("Total time: ")).mapToDouble(l -> {
            String[] hms = l.substring(l.indexOf("Total time: ") + 12).trim().split(":");
            return Integer.parseInt(hms[0]) * 3600 + Integer.parseInt(hms[1]) * 60 + Integer.parseInt(hms[2]);
        }).sum();
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        JsonNode act = last.path("action");
        JsonNode world = last.path("world");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, """
                        ## Default run on the sample suite (--max_minutes %.1f, took %.1f min wall, %d evaluated epochs; %s)
                        Training steps: %d in %.0f s of training (%.2f steps/s), batch %d. Load average at the end: %s.
                        %s
                        %s
                        Action model, val_ind, %d samples: L1 model %.4f vs repeat-last-action %.4f and mean action %.4f; bin accuracy %.3f vs %.3f and %.3f.
                        Per chunk position L1 (model / repeat last / mean): %s
                        World model, val_ind, %d samples (%d where the arm moves): PSNR model %.2f dB vs copy-the-frame %.2f dB (tokenizer ceiling %.2f);
                        on moving frames %.2f dB vs %.2f dB (tokenizer ceiling %.2f); SSIM %.3f vs %.3f.
                        Peak memory of the run's JVM: %d MiB.

                        """, minutes, took, all.size(), out.getFileName(), steps, trainSeconds, steps / Math.max(1, trainSeconds),
                StudioTrainer.Options.defaults(export, out, tokenizer).batchSize(), load, cache, plan, act.path("samples").asInt(),
                act.path("model").path("l1").asDouble(), act.path("repeat_last_action").path("l1").asDouble(),
                act.path("mean_action").path("l1").asDouble(), act.path("model").path("bin_accuracy").asDouble(),
                act.path("repeat_last_action").path("bin_accuracy").asDouble(), act.path("mean_action").path("bin_accuracy").asDouble(),
                perPosition(act), world.path("samples").asInt(), world.path("moving_samples").asInt(),
                world.path("model").path("psnr").asDouble(), world.path("copy_current_frame").path("psnr").asDouble(),
                world.path("tokenizer_ceiling").path("psnr").asDouble(), world.path("model").path("psnr_moving").asDouble(),
                world.path("copy_current_frame").path("psnr_moving").asDouble(),
                world.path("tokenizer_ceiling").path("psnr_moving").asDouble(), world.path("model").path("ssim").asDouble(),
                world.path("copy_current_frame").path("ssim").asDouble(), RunLog.peakMemoryMiB()));
        return sb.toString();
    }

    private static String perPosition(JsonNode act) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < act.path("model").path("l1_per_position").size(); k++) {
            sb.append(String.format(Locale.ROOT, "%s%d: %.4f / %.4f / %.4f", k == 0 ? "" : "; ", k + 1,
                    act.path("model").path("l1_per_position").get(k).asDouble(),
                    act.path("repeat_last_action").path("l1_per_position").get(k).asDouble(),
                    act.path("mean_action").path("l1_per_position").get(k).asDouble()));
        }
        return sb.toString();
    }

    private static void writeFloats(Path p, float[] v) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            bb.putFloat(f);
        }
        Files.write(p, bb.array());
    }

    private static byte[] bytes(long[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long l : v) {
            bb.putLong(l);
        }
        return bb.array();
    }
}
