package io.vlastudio.training.studio;

import ai.djl.ndarray.NDManager;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.BoundsPreset;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.image.ImageTokenizer;
import io.vlastudio.tokenizer.image.ImageTokenizers;
import io.vlastudio.tokenizer.image.TokenizerException;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains the studio model on a WorldVLA export the way WorldVLA's trainer runs (contract B): epochs over the train
 * split's action and world samples, log lines and JSON logs in WorldVLA's format, evaluation on {@code val_ind} after
 * each epoch beside baselines, a checkpoint per epoch, auto-resume, a time limit and cancellation between steps.
 */
public final class StudioTrainer {

    /** What to train. */
    public record Options(Path export, Path outputDir, int epochs, int batchSize, double lr, long seed, double maxMinutes,
                          AttentionMasks.Kind mask, int layers, int width, int heads, boolean autoResume, Path initFrom,
                          Path tokenizer, double alpha, int evalSamples) {

        /** The process's defaults ({@link StudioModelOptions}). */
        public static Options defaults(Path export, Path outputDir, Path tokenizer) {
            return new StudioModelOptions().export(export).outputDir(outputDir).tokenizer(tokenizer).trainerOptions();
        }

        public Options withEpochs(int n) {
            return new Options(export, outputDir, n, batchSize, lr, seed, maxMinutes, mask, layers, width, heads, autoResume,
                    initFrom, tokenizer, alpha, evalSamples);
        }

        public Options withSize(int l, int w, int h) {
            return new Options(export, outputDir, epochs, batchSize, lr, seed, maxMinutes, mask, l, w, h, autoResume, initFrom,
                    tokenizer, alpha, evalSamples);
        }

        public Options withMask(AttentionMasks.Kind m) {
            return new Options(export, outputDir, epochs, batchSize, lr, seed, maxMinutes, m, layers, width, heads, autoResume,
                    initFrom, tokenizer, alpha, evalSamples);
        }

        public Options withOutputDir(Path dir) {
            return new Options(export, dir, epochs, batchSize, lr, seed, maxMinutes, mask, layers, width, heads, autoResume,
                    initFrom, tokenizer, alpha, evalSamples);
        }

        public Options withBatch(int b, double rate, int samples) {
            return new Options(export, outputDir, epochs, b, rate, seed, maxMinutes, mask, layers, width, heads, autoResume,
                    initFrom, tokenizer, alpha, samples);
        }

        public Options withMaxMinutes(double m) {
            return new Options(export, outputDir, epochs, batchSize, lr, seed, m, mask, layers, width, heads, autoResume,
                    initFrom, tokenizer, alpha, evalSamples);
        }
    }

    /** Bad input or a refused resume: the message names the file and the problem. Nothing was written. */
    public static final class StudioModelException extends Exception {
        public StudioModelException(String message) {
            super(message);
        }
    }

    /** How a run ended. */
    public enum Outcome {
        FINISHED, TIME_LIMIT, CANCELLED
    }

    private final TorchRuntime runtime;
    private final AtomicBoolean cancel;

    public StudioTrainer(TorchRuntime runtime, AtomicBoolean cancel) {
        this.runtime = runtime;
        this.cancel = cancel;
    }

    /** Everything prepared for training or prediction from an export and a tokenizer. */
    public record Prepared(ExportData data, ImageTokenizer tokenizer, SampleEncoder encoder, ModelSpec spec) {
    }

    /** Opens the tokenizer and builds the spec; checks the export for the samples the model needs. */
    public static Prepared prepare(Options o, TorchRuntime runtime) throws IOException, StudioModelException {
        ExportData data = ExportData.read(o.export());
        if (data.records("train", EncodedSample.Kind.WORLD).isEmpty()) {
            throw new StudioModelException(o.export() + " has no world-model samples in its train split (no "
                    + "convs/*_a2i_*.json records): the studio model trains the action and the world model together as "
                    + "WorldVLA does. Export again with world-model conversations.");
        }
        if (data.records("train", EncodedSample.Kind.ACTION).isEmpty()) {
            throw new StudioModelException(o.export() + " has no action-model samples in its train split (no "
                    + "convs/*_img_only_ck_*.json records). Export again with action-model conversations.");
        }
        if (o.tokenizer() == null) {
            throw new StudioModelException("no image tokenizer: pass --tokenizer DIR (a saved built-in tokenizer, e.g. the "
                    + "workspace's tokenizers/builtin, or an exported Chameleon VQ-GAN folder)");
        }
        ImageTokenizer tokenizer;
        try {
            tokenizer = new ImageTokenizers(runtime).open(o.tokenizer());
        } catch (TokenizerException e) {
            throw new StudioModelException(e.getMessage());
        }
        String fingerprint = fingerprint(o.tokenizer());
        String exported = data.tokenizerFingerprint();
        if (exported != null && !exported.equals(fingerprint)) {
            tokenizer.close();
            throw new StudioModelException("the image tokenizer in " + o.tokenizer() + " (" + ModelSpec.shortHash(fingerprint)
                    + ") is not the one " + o.export().resolve("manifest.json") + " was exported with ("
                    + ModelSpec.shortHash(exported) + "): it changed since the export. Export again or pass the tokenizer "
                    + "the export was made with.");
        }
        double[][] b = data.bounds();
        ActionBounds bounds = b == null ? ActionBounds.worldVla() : new ActionBounds(BoundsPreset.MINMAX, b[0], b[1]);
        TreeSet<String> prompts = new TreeSet<>();
        for (ExportData.Record r : data.records()) {
            prompts.add(r.kind() == EncodedSample.Kind.ACTION ? TokenSequenceBuilder.actionPrompt(r.taskText())
                    : TokenSequenceBuilder.WORLD_MODEL_PROMPT);
        }
        StudioVocabulary vocab = StudioVocabulary.of(tokenizer.codebookSize(), new ArrayList<>(prompts));
        SampleEncoder encoder = new SampleEncoder(tokenizer, new UniformBinActionTokenizer(bounds), new SampleFactory(vocab));
        int history = data.setting("history", 2);
        int chunk = data.setting("chunk", data.records("train", EncodedSample.Kind.ACTION).get(0).actions().size());
        // the longest sample: an action sample with the full history, or a world sample
        int g = tokenizer.gridSide();
        int imageTokens = 3 + g * (g + 1) + 1;
        int maxWords = prompts.stream().mapToInt(p -> StudioVocabulary.split(p).size()).max().orElse(0);
        int maxLength = 1 + maxWords + Math.max(history * imageTokens + 1 + chunk * 9 + 1, imageTokens + 9 + 1 + imageTokens + 1);
        StudioModelConfig config = new StudioModelConfig(vocab.size(), maxLength, o.layers(), o.width(), o.heads(), 4);
        ModelSpec spec = new ModelSpec(ModelSpec.FORMAT, 1, config, vocab.words(), tokenizer.codebookSize(), o.mask().id(),
                o.alpha(), o.seed(), tokenizer.id(), fingerprint, tokenizer.resolution(),
                o.tokenizer().toAbsolutePath().toString(), bounds.min(), bounds.max(), history, chunk);
        return new Prepared(data, tokenizer, encoder, spec);
    }

    /**
     * Where the token cache of this export and tokenizer lives: beside the export
     * ({@code <export>/.studio-model-cache/}) when the export folder is writable, else in the run folder.
     */
    static Path tokenCacheFile(Options o, ModelSpec spec) {
        Path dir = Files.isWritable(o.export()) ? o.export().resolve(TokenCache.DIR) : o.outputDir().resolve(TokenCache.DIR);
        return TokenCache.file(dir, spec.tokenizerFingerprint());
    }

    static TokenCache.Key tokenCacheKey(Options o, ModelSpec spec) throws IOException {
        return new TokenCache.Key(TokenCache.sha256(o.export().resolve("manifest.json")), spec.tokenizerFingerprint(),
                spec.tokenizerResolution(), spec.codebookSize());
    }

    /** SHA-256 over the tokenizer folder's regular files (names and contents, sorted by name). */
    public static String fingerprint(Path dir) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                        files.add(p);
                    }
                }
            }
            Collections.sort(files);
            byte[] buf = new byte[1 << 16];
            for (Path p : files) {
                md.update(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(p)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs training; returns how it ended. */
    public Outcome run(Options o, RunLog log) throws IOException, StudioModelException {
        long started = System.nanoTime();
        Prepared prep = prepare(o, runtime);
        try (ImageTokenizer ignored = prep.tokenizer(); NDManager root = runtime.newManager()) {
            ModelSpec spec = prep.spec();
            Optional<Path> resume = o.autoResume() ? Checkpoints.latest(o.outputDir()) : Optional.empty();
            if (resume.isPresent()) {
                refuseOtherConfig(spec, resume.get(), "resume from");
            }
            if (o.initFrom() != null) {
                refuseOtherConfig(spec, o.initFrom(), "initialise from");
            }
            log.info("main_finetune.py:120", "studio model on " + runtime.describe() + "; " + ModelSpec.describe(spec.model())
                    + ", " + String.format(Locale.ROOT, "%,d", spec.model().parameterCount()) + " parameters, mask " + spec.mask()
                    + ", alpha " + spec.alpha() + ", image tokenizer " + prep.tokenizer().id() + " ("
                    + prep.tokenizer().resolution() + " px, " + prep.tokenizer().codebookSize() + " codes)");
            List<ExportData.Record> trainRecords = new ArrayList<>(prep.data().records("train", EncodedSample.Kind.ACTION));
            trainRecords.addAll(prep.data().records("train", EncodedSample.Kind.WORLD));
            List<ExportData.Record> valAction = Evaluation.spread(prep.data().records("val_ind", EncodedSample.Kind.ACTION),
                    o.evalSamples());
            List<ExportData.Record> valWorld = Evaluation.spread(prep.data().records("val_ind", EncodedSample.Kind.WORLD),
                    o.evalSamples());
            log.info("main_finetune.py:131", "tokenizing " + trainRecords.size() + " train records and "
                    + (valAction.size() + valWorld.size()) + " validation records");
            List<ExportData.Record> all = new ArrayList<>(trainRecords);
            all.addAll(valAction);
            all.addAll(valWorld);
            SampleEncoder.PreloadReport pre = prep.encoder().preload(all, o.export(), tokenCacheFile(o, spec),
                    tokenCacheKey(o, spec), Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), cancel::get,
                    line -> log.info("main_finetune.py:133", line));
            if (pre.cacheProblem() != null) {
                log.info("main_finetune.py:134", pre.cacheProblem());
            }
            log.info("main_finetune.py:135", String.format(Locale.ROOT, "token cache %s: %d of %d frames and %d of %d actions "
                            + "from the cache, %d frames tokenized%s (%.1f s)", pre.cacheFile(), pre.framesFromCache(), pre.frames(),
                    pre.actionsFromCache(), pre.actions(), pre.frames() - pre.framesFromCache(),
                    pre.written() ? ", cache written" : "", pre.seconds()));
            if (cancel.get()) {
                log.info("main_finetune.py:137", "stopped on request while tokenizing");
                return Outcome.CANCELLED;
            }
            List<EncodedSample> train = new ArrayList<>();
            for (ExportData.Record r : trainRecords) {
                train.add(prep.encoder().encode(r).truncate(spec.model().maxLength()));
                if (cancel.get()) {
                    log.info("main_finetune.py:137", "stopped on request while tokenizing");
                    return Outcome.CANCELLED;
                }
            }
            double[] meanAction = meanAction(prep, prep.data().records("train", EncodedSample.Kind.ACTION));
            Checkpoints.JSON.writeValue(o.outputDir().resolve("studio-model.json").toFile(), spec);

            AttentionMasks.Kind mask = AttentionMasks.Kind.fromId(spec.mask());
            try (StudioModel model = new StudioModel(runtime.engine(), root, spec.model(), o.seed())) {
                int startEpoch = 0;
                long iterations = 0;
                if (resume.isPresent()) {
                    Checkpoints.load(resume.get(), model, true, root);
                    Checkpoints.TrainState st = Checkpoints.readState(resume.get());
                    startEpoch = st.epoch() + 1;
                    iterations = st.iterations();
                    log.info("main_finetune.py:150", "resumed from " + resume.get() + " (epoch " + st.epoch() + ")");
                } else if (o.initFrom() != null) {
                    Checkpoints.load(o.initFrom(), model, false, root);
                    log.info("main_finetune.py:153", "weights initialised from " + o.initFrom());
                }
                int perEpoch = (train.size() + o.batchSize() - 1) / o.batchSize();
                long total = (long) perEpoch * o.epochs();
                SchedulePlan plan = new SchedulePlan(total, o.maxMinutes(), started);
                Evaluation eval = new Evaluation(model, prep.encoder(), mask, spec.chunk());
                for (int epoch = startEpoch; epoch < o.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < train.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(o.seed() * 1_000_003L + epoch));
                    Meters meters = new Meters();
                    Outcome stop = null;
                    int it;
                    for (it = 0; it < perEpoch; it++) {
                        if (cancel.get()) {
                            stop = Outcome.CANCELLED;
                            break;
                        }
                        if (o.maxMinutes() > 0 && (System.nanoTime() - started) / 60e9 >= o.maxMinutes()) {
                            stop = Outcome.TIME_LIMIT;
                            break;
                        }
                        long t0 = System.nanoTime();
                        List<EncodedSample> batch = new ArrayList<>();
                        for (int k = it * o.batchSize(); k < Math.min(train.size(), (it + 1) * o.batchSize()); k++) {
                            batch.add(train.get(order.get(k)));
                        }
                        String planned = plan.replan(iterations);
                        if (planned != null) {
                            log.info("main_finetune.py:178", planned);
                        }
                        double lr = learningRate(o.lr(), iterations, plan.total());
                        StudioModel.StepStats s;
                        try {
                            s = model.trainStep(batch, mask, spec.alpha(), lr);
                        } catch (StudioModel.LossIsNaNException e) {
                            log.error("main_finetune.py:190", e.getMessage());
                            throw e;
                        }
                        iterations++;
                        double secs = (System.nanoTime() - t0) / 1e9;
                        plan.stepTook(secs);
                        meters.add("closs", s.loss());
                        meters.add("action_loss", s.actionLoss());
                        meters.add("image_loss", s.imageLoss());
                        meters.add("acc_action", s.actionAccuracy());
                        meters.add("grad_norm", s.gradNorm());
                        meters.add("time", secs);
                        meters.lr = lr;
                        if (it % 10 == 0 || it == perEpoch - 1) {
                            log.info("misc.py:155", "Epoch: [" + epoch + "]  [" + it + "/" + perEpoch + "]  " + meters.line()
                                    + String.format(Locale.ROOT, "  samples/sec: %.2f  max mem: %d", batch.size() / secs,
                                    RunLog.peakMemoryMiB()));
                        }
                    }
                    log.info("misc.py:170", "Averaged stats: " + meters.averages());
                    log.info("misc.py:172", "Epoch: [" + epoch + "] Total time: " + hms((System.nanoTime() - epochStart) / 1e9));
                    if (stop == Outcome.CANCELLED) {
                        log.info("main_finetune.py:200", "stopped on request at epoch " + epoch + ", iteration " + it
                                + "; this epoch is not saved" + Checkpoints.latest(o.outputDir()).map(p -> ", the last "
                                + "checkpoint is " + p.getFileName()).orElse(""));
                        return Outcome.CANCELLED;
                    }
                    Map<String, Object> trainLog = new LinkedHashMap<>();
                    trainLog.put("train_lr", meters.lr);
                    trainLog.put("train_closs", meters.global("closs"));
                    trainLog.put("train_action_loss", meters.global("action_loss"));
                    trainLog.put("train_image_loss", meters.global("image_loss"));
                    trainLog.put("train_acc_action", meters.global("acc_action"));
                    trainLog.put("epoch", epoch);
                    RunLog.jsonLine(o.outputDir().resolve("log_train.txt"), trainLog);
                    evaluate(o, log, prep, model, eval, mask, valAction, valWorld, meanAction, epoch);
                    Path saved = Checkpoints.save(o.outputDir(), epoch, model, spec,
                            new Checkpoints.TrainState(epoch, model.optimizer().step(), iterations));
                    log.info("main_finetune.py:215", "saved checkpoint " + saved
                            + (stop == Outcome.TIME_LIMIT ? " (partial epoch: " + it + " of " + perEpoch + " iterations)" : ""));
                    if (stop == Outcome.TIME_LIMIT) {
                        log.info("main_finetune.py:218", "time limit of " + o.maxMinutes() + " minutes reached");
                        return Outcome.TIME_LIMIT;
                    }
                }
                return Outcome.FINISHED;
            }
        }
    }

    private void evaluate(Options o, RunLog log, Prepared prep, StudioModel model, Evaluation eval, AttentionMasks.Kind mask,
                          List<ExportData.Record> valAction, List<ExportData.Record> valWorld, double[] meanAction, int epoch)
            throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epoch", epoch);
        List<EncodedSample> val = new ArrayList<>();
        for (ExportData.Record r : valAction) {
            val.add(prep.encoder().encode(r).truncate(prep.spec().model().maxLength()));
        }
        for (ExportData.Record r : valWorld) {
            val.add(prep.encoder().encode(r).truncate(prep.spec().model().maxLength()));
        }
        double closs = Double.NaN;
        if (!val.isEmpty()) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < val.size(); i += o.batchSize()) {
                sum += model.evalLoss(val.subList(i, Math.min(val.size(), i + o.batchSize())), mask, prep.spec().alpha());
                n++;
            }
            closs = sum / n;
        }
        metrics.put("val_closs", closs);
        Map<String, Object> actions = eval.actions(valAction, meanAction);
        Map<String, Object> world = eval.world(valWorld);
        metrics.put("action", actions);
        metrics.put("world", world);
        metrics.put("seconds", (System.nanoTime() - t0) / 1e9);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("val_closs", closs);
        line.put("val_action_l1", get(actions, "model", "l1"));
        line.put("val_action_l1_repeat_last", get(actions, "repeat_last_action", "l1"));
        line.put("val_action_l1_mean_action", get(actions, "mean_action", "l1"));
        line.put("val_action_bin_accuracy", get(actions, "model", "bin_accuracy"));
        line.put("val_world_psnr", get(world, "model", "psnr"));
        line.put("val_world_psnr_copy", get(world, "copy_current_frame", "psnr"));
        line.put("val_world_psnr_moving", get(world, "model", "psnr_moving"));
        line.put("val_world_psnr_moving_copy", get(world, "copy_current_frame", "psnr_moving"));
        line.put("val_world_ssim", get(world, "model", "ssim"));
        line.put("val_world_psnr_ceiling", get(world, "tokenizer_ceiling", "psnr"));
        line.put("epoch", epoch);
        RunLog.jsonLine(o.outputDir().resolve("log_eval_ind.txt"), line);
        Path all = o.outputDir().resolve("metrics.json");
        List<Object> history = new ArrayList<>();
        if (Files.isRegularFile(all)) {
            history.addAll(Checkpoints.JSON.readValue(all.toFile(), List.class));
        }
        history.add(metrics);
        Path tmp = o.outputDir().resolve(".metrics.json.tmp");
        Checkpoints.JSON.writeValue(tmp.toFile(), history);
        Files.move(tmp, all, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("main_finetune.py:240", String.format(Locale.ROOT, "val_ind epoch %d: closs %.4f; action L1 %.4f (repeat last "
                        + "%.4f, mean %.4f), bin accuracy %.3f; world PSNR %.2f dB (copy frame %.2f, tokenizer ceiling %.2f), "
                        + "moving frames %.2f dB (copy %.2f); %.0f s", epoch, closs, line.get("val_action_l1"),
                line.get("val_action_l1_repeat_last"), line.get("val_action_l1_mean_action"), line.get("val_action_bin_accuracy"),
                line.get("val_world_psnr"), line.get("val_world_psnr_copy"), line.get("val_world_psnr_ceiling"),
                line.get("val_world_psnr_moving"), line.get("val_world_psnr_moving_copy"), metrics.get("seconds")));
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> m, String a, String b) {
        Object x = m.get(a);
        return x instanceof Map<?, ?> mm ? ((Map<String, Object>) mm).get(b) : null;
    }

    static double[] meanAction(Prepared prep, List<ExportData.Record> records) throws IOException {
        int dims = prep.encoder().actionTokenizer().dimensions();
        double[] sum = new double[dims];
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (ExportData.Record r : records) {
            for (Path p : r.actions()) {
                if (seen.add(p)) {
                    double[] a = prep.encoder().action(p);
                    for (int d = 0; d < dims; d++) {
                        sum[d] += a[d];
                    }
                }
            }
        }
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(1, seen.size());
        }
        return sum;
    }

    /** Refuses a resume or initialisation from a checkpoint of another configuration (before anything is written). */
    public static void checkStart(Options o, ModelSpec spec) throws IOException, StudioModelException {
        Optional<Path> resume = o.autoResume() ? Checkpoints.latest(o.outputDir()) : Optional.empty();
        if (resume.isPresent()) {
            refuseOtherConfig(spec, resume.get(), "resume from");
        }
        if (o.initFrom() != null) {
            refuseOtherConfig(spec, o.initFrom(), "initialise from");
        }
    }

    private static void refuseOtherConfig(ModelSpec spec, Path checkpoint, String verb) throws IOException, StudioModelException {
        ModelSpec other = Checkpoints.readSpec(checkpoint);
        List<String> diff = spec.differences(other);
        if (!diff.isEmpty()) {
            throw new StudioModelException("cannot " + verb + " " + checkpoint + ": it was trained with another configuration ("
                    + String.join("; ", diff) + ", checkpoint first). Nothing was changed; use another --output_dir, "
                    + "--no_auto_resume to start over there, or the settings it was trained with.");
        }
    }

    /**
     * The number of iterations the learning-rate schedule spans. Without a time limit it is every iteration of every
     * epoch. With {@code --max_minutes} a run usually ends long before that, and a cosine over all epochs would stop
     * near its peak learning rate; so once {@link #FIRST_PLAN} steps after the first are measured (and again every
     * {@link #REPLAN_EVERY}), the schedule is fitted to the steps the time left affords at the mean step time so far:
     * the cosine then reaches its floor at the time limit. (A time-limited run is not reproducible step for step
     * anyway: where it stops depends on the machine.)
     */
    static final class SchedulePlan {
        static final int FIRST_PLAN = 10;
        static final int REPLAN_EVERY = 25;

        private final long all;
        private final double maxMinutes;
        private final long started;
        private long total;
        private double stepSeconds;
        private int measured;
        private long lastPlanned = -1;
        private boolean warmedUp;

        SchedulePlan(long all, double maxMinutes, long startedNanos) {
            this.all = all;
            this.total = all;
            this.maxMinutes = maxMinutes;
            this.started = startedNanos;
        }

        long total() {
            return total;
        }

        /** Records a step's time; the first step of the process (warm-up of the native library) is left out. */
        void stepTook(double seconds) {
            if (!warmedUp) {
                warmedUp = true;
                return;
            }
            stepSeconds += seconds;
            measured++;
        }

        /** Re-plans when it is time to; returns a log line when the plan changed, else null. */
        String replan(long iteration) {
            if (maxMinutes <= 0 || measured < FIRST_PLAN || (lastPlanned >= 0 && measured - lastPlanned < REPLAN_EVERY)) {
                return null;
            }
            boolean first = lastPlanned < 0;
            lastPlanned = measured;
            double mean = stepSeconds / measured;
            double left = maxMinutes * 60 - (System.nanoTime() - started) / 1e9;
            long planned = Math.min(all, iteration + Math.max(0, (long) Math.floor(left / mean)));
            planned = Math.max(planned, iteration + 1);
            long before = total;
            total = planned;
            if (first) {
                return String.format(Locale.ROOT, "learning-rate schedule fitted to the time limit: %.2f s a step, %.0f s left, "
                        + "about %d steps in all (cosine to its floor at the limit)", mean, Math.max(0, left), planned);
            }
            return Math.abs(before - planned) * 20 > before ? String.format(Locale.ROOT,
                    "learning-rate schedule re-planned: %.2f s a step, about %d steps in all", mean, planned) : null;
        }
    }

    /** Linear warm-up over the first 5% of iterations (at most 100), then cosine decay to a tenth. */
    static double learningRate(double base, long iteration, long total) {
        long warm = Math.max(1, Math.min(100, total / 20));
        if (iteration < warm) {
            return base * (iteration + 1) / warm;
        }
        double p = Math.min(1.0, (double) (iteration - warm) / Math.max(1, total - warm));
        return base * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * p)));
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** WorldVLA's meters: {@code name: window_avg (global_avg)}. */
    static final class Meters {
        private final Map<String, List<Double>> values = new LinkedHashMap<>();
        double lr;

        void add(String name, double v) {
            if (Double.isFinite(v)) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            }
        }

        double global(String name) {
            List<Double> l = values.getOrDefault(name, List.of());
            return l.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double window(String name) {
            List<Double> l = values.getOrDefault(name, List.of());
            return l.subList(Math.max(0, l.size() - 20), l.size()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        String line() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "lr: %.6f", lr));
            for (String k : values.keySet()) {
                sb.append(String.format(Locale.ROOT, "  %s: %.4f (%.4f)", k, window(k), global(k)));
            }
            return sb.toString();
        }

        String averages() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "lr: %.6f", lr));
            for (String k : values.keySet()) {
                sb.append(String.format(Locale.ROOT, "  %s: %.4f", k, global(k)));
            }
            return sb.toString();
        }
    }
}
