package io.vlastudio.training.predictions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.action.ActionTokenizer;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import io.vlastudio.training.export.Npy;
import io.vlastudio.training.export.PngEncoder;
import io.vlastudio.training.export.Resampler;
import io.vlastudio.training.export.WorldVlaExporter;
import io.vlastudio.training.run.GroupProcess;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunPlanner;
import io.vlastudio.training.run.StageCommand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Predictions from a WorldVLA checkpoint (source {@code worldvla}): the studio prepares the demo in WorldVLA's dump
 * format, runs its generation driver ({@value #DRIVER}, a resource beside the launcher's other drivers) with the
 * user's WorldVLA Python and WorldVLA's own model and item-processor code, then turns what the driver generated into
 * a predictions folder (contract C) through {@link PredictionsFolder}. The prompts come from tokenizer-preview's
 * {@link TokenSequenceBuilder} (their single owner) and are passed on the command line; generated action-bin tokens
 * are decoded with the studio's action tokenizer, so the driver holds no WorldVLA format rule of its own.
 *
 * <p>Work folder layout: {@code input/imgs/image_<j>.png} (agentview rotated 180°, resized to the run's resolution
 * with the export's filter), {@code input/action/action_<j>.npy}, {@code generated/image_<t>.png},
 * {@code action_tokens.json}, {@code predict.log}.
 */
public final class WorldVlaPredictor {

    public static final String DRIVER = "studio_worldvla_predict.py";
    public static final String SOURCE = PredictionMeta.SOURCE_WORLDVLA;
    /**
     * WorldVLA's model class ({@code module:Class}, imported from the checkout's {@code worldvla/} folder): the
     * action-chunk model its LIBERO checkpoints are trained and evaluated with.
     */
    public static final String DEFAULT_MODEL_CLASS = "model:ChameleonXLLMXForConditionalGeneration_ck";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to predict.
     *
     * @param run         the WorldVLA run (checkout, Python, item processor, tokenizer, resolution, cpu)
     * @param checkpoint  a checkpoint folder of the run ({@code <output>/epoch<E>}, Hugging Face layout)
     * @param demoFile    the HDF5 file
     * @param demo        the demo in it
     * @param length      the demo's steps
     * @param mode        teacher-forced or open-loop
     * @param start       first step fed to the world model (the first prediction is for {@code start + 1})
     * @param steps       frames to predict
     * @param history     action model: images per prompt (M)
     * @param chunk       action model: actions per chunk (K)
     * @param chunkStride steps between predicted chunks; 0 for none
     * @param taskText    the task text of the action prompt
     * @param modelClass  WorldVLA's model class as {@code module:Class} ({@link #DEFAULT_MODEL_CLASS} when null)
     * @param itemProcessor WorldVLA's item processor as {@code module:Class} (the run's, which its pre-tokenize stage
     *                    used, when null)
     */
    public record Request(RunConfig run, Path checkpoint, Path demoFile, String demo, int length, String mode, int start,
                          int steps, int history, int chunk, int chunkStride, String taskText, String modelClass,
                          String itemProcessor) {

        /** With WorldVLA's default model class and the run's item processor. */
        public Request(RunConfig run, Path checkpoint, Path demoFile, String demo, int length, String mode, int start,
                       int steps, int history, int chunk, int chunkStride, String taskText) {
            this(run, checkpoint, demoFile, demo, length, mode, start, steps, history, chunk, chunkStride, taskText, null,
                    null);
        }

        public Request {
            modelClass = modelClass == null ? DEFAULT_MODEL_CLASS : classSpec("model class", modelClass);
            itemProcessor = itemProcessor == null ? run.itemProcessor() : classSpec("item processor", itemProcessor);
            if (!mode.equals(PredictionMeta.MODE_TEACHER_FORCED) && !mode.equals(PredictionMeta.MODE_OPEN_LOOP)) {
                throw new IllegalArgumentException("mode must be teacher-forced or open-loop, got " + mode);
            }
            if (start < 0 || steps < 0 || start + steps > length - 1) {
                throw new IllegalArgumentException("cannot predict " + steps + " frames from step " + start + " of a "
                        + length + "-step demo (the last prediction would be for step " + (start + steps) + ")");
            }
        }
    }

    private WorldVlaPredictor() {
    }

    /**
     * {@code spec} when it is {@code module:Class} with a dotted module path and a class name, as the driver imports it.
     *
     * @throws IllegalArgumentException naming {@code what} and the value otherwise
     */
    public static String classSpec(String what, String spec) {
        if (!spec.matches("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*:[A-Za-z_][\\w]*")) {
            throw new IllegalArgumentException(what + " must be module:Class (a Python module under the checkout's worldvla/"
                    + " folder and a class in it, e.g. " + (what.contains("model") ? DEFAULT_MODEL_CLASS
                    : "data.pre_tokenize_action:ItemProcessor") + "), got '" + spec + "'");
        }
        return spec;
    }

    /**
     * A checkpoint folder of a WorldVLA run's output: {@code name} when given, else the latest {@code epoch<E>}
     * (mid-epoch {@code epoch<E>-iter<i>} folders only by name).
     *
     * @throws IOException naming the folder when it holds no such checkpoint
     */
    public static Path resolveCheckpoint(Path output, String name) throws IOException {
        if (name != null) {
            Path c = output.resolve(name);
            if (!Files.isRegularFile(c.resolve("config.json"))) {
                throw new IOException(c + ": not a WorldVLA checkpoint folder (no config.json)");
            }
            return c;
        }
        Path best = null;
        int bestEpoch = -1;
        if (Files.isDirectory(output)) {
            try (var s = Files.list(output)) {
                for (Path p : s.toList()) {
                    var m = java.util.regex.Pattern.compile("epoch(\\d+)").matcher(p.getFileName().toString());
                    if (m.matches() && Files.isRegularFile(p.resolve("config.json")) && Integer.parseInt(m.group(1)) > bestEpoch) {
                        bestEpoch = Integer.parseInt(m.group(1));
                        best = p;
                    }
                }
            }
        }
        if (best == null) {
            throw new IOException(output + " holds no WorldVLA checkpoint (epoch<E>/ with config.json): train the run first");
        }
        return best;
    }

    /** History M and chunk K of the run's export ({@code manifest.json} settings; 2 and 5 when absent). */
    public static int[] historyAndChunk(Path export) throws IOException {
        Path manifest = export.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return new int[] {2, 5};
        }
        JsonNode settings = JSON.readTree(manifest.toFile()).path("settings");
        return new int[] {settings.path("history").asInt(2), settings.path("chunk").asInt(5)};
    }

    /** The driver's command (previewable like a run stage): cwd = the checkout's {@code worldvla/}, no shell. */
    public static StageCommand command(Request r, Path work) {
        RunConfig c = r.run();
        List<String> argv = new ArrayList<>(List.of(c.python(), "-u", work.resolve(DRIVER).toString(),
                "--worldvla", RunPlanner.checkoutCode(c).toString(),
                "--model_class", r.modelClass(),
                "--item_processor", r.itemProcessor(),
                "--tokenizer", RunPlanner.tokenizerDir(c).toString(),
                "--target_size", c.resolution().toString(),
                "--checkpoint", r.checkpoint().toString(),
                "--work", work.toString(),
                "--length", Integer.toString(r.length()),
                "--mode", r.mode(),
                "--start", Integer.toString(r.start()),
                "--steps", Integer.toString(r.steps()),
                "--world_prompt", TokenSequenceBuilder.WORLD_MODEL_PROMPT,
                "--action_prompt", TokenSequenceBuilder.actionPrompt(r.taskText()),
                "--history", Integer.toString(r.history()),
                "--chunk", Integer.toString(r.chunk()),
                "--chunk_stride", Integer.toString(r.chunkStride()),
                "--max_position_embeddings", c.maxSeqLen().toString(),
                "--device", c.cpu() ? "cpu" : "cuda"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("CUDA_VISIBLE_DEVICES", c.cpu() ? "" : "0");
        env.putAll(c.env());
        return new StageCommand("predict", RunPlanner.checkoutCode(c), argv, env, true, work.resolve("predict.log"));
    }

    /** Writes the driver and the demo's frames and actions in WorldVLA's dump format into {@code work}. */
    public static void prepare(Request r, Demo demo, Path work) throws IOException {
        Files.createDirectories(work.resolve("input/imgs"));
        Files.createDirectories(work.resolve("input/action"));
        try (InputStream in = RunPlanner.class.getResourceAsStream(DRIVER)) {
            if (in == null) {
                throw new IOException("missing resource io/vlastudio/training/run/" + DRIVER);
            }
            Files.copy(in, work.resolve(DRIVER), StandardCopyOption.REPLACE_EXISTING);
        }
        int res = r.run().resolution();
        double[][] actions = demo.actions();
        PngEncoder png = new PngEncoder();
        int last = Math.max(r.start() + r.steps(), r.chunkStride() > 0 ? r.length() - 1 : 0);
        for (int j = 0; j <= last && j < r.length(); j++) {
            Frame f = demo.frame(WorldVlaExporter.CAMERA, j, Orientation.ROT180);
            byte[] rgb = f.width() == res && f.height() == res ? f.rgb()
                    : Resampler.resize(f.rgb(), f.width(), f.height(), res, res);
            Files.write(work.resolve("input/imgs/image_" + j + ".png"), png.encode(rgb, res, res));
            Files.write(work.resolve("input/action/action_" + j + ".npy"), Npy.float64(actions[j]));
        }
    }

    /**
     * Runs the driver and waits for it; {@code progress} gets its {@code studio-predict:} lines' text.
     *
     * @throws IOException naming the log and its last lines when the driver fails
     */
    public static void runDriver(Request r, Path work, Consumer<String> progress, Duration timeout)
            throws IOException, InterruptedException {
        StageCommand cmd = command(r, work);
        Files.deleteIfExists(cmd.log());
        GroupProcess p = GroupProcess.start(cmd.argv(), cmd.cwd(), cmd.env(), cmd.log());
        long seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!p.waitFor(Duration.ofMillis(200))) {
            seen = relay(cmd.log(), seen, progress);
            if (System.nanoTime() > deadline) {
                p.stop(Duration.ofSeconds(5));
                throw new IOException("the WorldVLA generation driver ran past " + timeout.toMinutes() + " min; stopped. Log: "
                        + cmd.log());
            }
        }
        relay(cmd.log(), seen, progress);
        int code = p.exitCode().orElse(-1);
        if (code != 0) {
            throw new IOException("the WorldVLA generation driver failed (exit " + code + "); " + cmd.log() + " ends with:\n"
                    + tail(cmd.log(), 8));
        }
    }

    private static long relay(Path log, long seen, Consumer<String> progress) throws IOException {
        if (!Files.exists(log)) {
            return seen;
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = (int) seen; i < lines.size(); i++) {
            if (lines.get(i).startsWith("studio-predict: ")) {
                progress.accept(lines.get(i).substring("studio-predict: ".length()));
            }
        }
        return lines.size();
    }

    static String tail(Path log, int n) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /**
     * Turns the driver's output into the predictions folder {@code target}: frames back in the file's raw orientation
     * and native size (the export's bicubic filter), action tokens decoded with {@code bins}, meta.json with source
     * {@value #SOURCE}. Returns the problems met (e.g. an action block of the wrong length); nothing is dropped silently.
     */
    public static List<String> finish(Request r, Demo demo, Path work, Path target, String runName, ActionTokenizer bins)
            throws IOException {
        Files.createDirectories(target);
        List<String> problems = new ArrayList<>();
        Frame real = demo.frame(WorldVlaExporter.CAMERA, 0, Orientation.RAW);
        int w = real.width();
        int h = real.height();
        PngEncoder png = new PngEncoder();
        for (int t = r.start() + 1; t <= r.start() + r.steps(); t++) {
            Path gen = work.resolve("generated/image_" + t + ".png");
            if (!Files.isRegularFile(gen)) {
                problems.add(gen + ": missing (the driver generated no frame for step " + t + ")");
                continue;
            }
            Frame g = PredictionsFolder.readFrame(gen, Orientation.ROT180);
            byte[] raw = Orientation.ROT180.apply(g.rgb(), 0, g.height(), g.width(), 3);
            byte[] sized = g.width() == w && g.height() == h ? raw : Resampler.resize(raw, g.width(), g.height(), w, h);
            PredictionsFolder.writeFrame(target, t, new Frame(w, h, Orientation.RAW, sized), png);
        }
        List<ActionChunk> chunks = new ArrayList<>();
        Path tokens = work.resolve("action_tokens.json");
        if (r.chunkStride() > 0 && Files.isRegularFile(tokens)) {
            JsonNode root = JSON.readTree(tokens.toFile());
            for (JsonNode c : root.path("chunks")) {
                int start = c.path("start").asInt();
                List<double[]> actions = new ArrayList<>();
                for (JsonNode block : c.path("tokens")) {
                    int[] ids = new int[block.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = block.get(i).asInt();
                    }
                    if (ids.length != bins.dimensions()) {
                        problems.add("chunk at step " + start + ": action block " + (actions.size() + 1) + " has " + ids.length
                                + " tokens, expected " + bins.dimensions() + "; the chunk ends before it");
                        break;
                    }
                    actions.add(bins.decode(ids));
                }
                if (!actions.isEmpty()) {
                    chunks.add(new ActionChunk(start, actions.toArray(double[][]::new)));
                }
            }
        } else if (r.chunkStride() > 0) {
            problems.add(tokens + ": missing (the driver predicted no action chunks)");
        }
        PredictionsFolder.writeActions(target, chunks);
        String checkpoint = r.checkpoint().getFileName().toString();
        PredictionsFolder.writeMeta(target, new PredictionMeta(runName, checkpoint, SOURCE, r.mode(), r.start(),
                r.demoFile(), r.demo(), r.length(), WorldVlaExporter.CAMERA, Orientation.RAW.id(), w, h));
        return problems;
    }
}
