package io.vlastudio.training.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.TaskNames;
import io.vlastudio.dataset.export.ExportException;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.MixExport;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a mix into exactly what WorldVLA trains on (contract A, docs/worldvla-export.md): per step the agentview
 * frame rotated 180° as an RGB PNG and the raw action as a float64 {@code .npy}, under
 * {@code files/<suite>/<task>/trj_<i>/}; the six conversation files per suite that WorldVLA's two generators would
 * write for that files root, byte for byte; WorldVLA data configs with the mix weights realised; and
 * {@code manifest.json}. Everything is written under {@code DIR.part/} and renamed to {@code DIR} when complete, so
 * a cancel, a crash or a full disk leaves nothing under the final name. A re-export into the same folder links the
 * files of unchanged trajectories (and unchanged conversation files) instead of writing them again.
 *
 * <p>Plain blocking Java; frames are read on the calling thread and encoded and written by a pool of
 * {@code threads} workers.
 */
public final class WorldVlaExporter {

    public static final String FORMAT = "vla-studio-worldvla-export";
    /** The camera WorldVLA trains on. */
    public static final String CAMERA = "agentview";
    static final String PART_MARKER = ".vla-studio-export-part";

    private static final Pattern DEMO_NUMBER = Pattern.compile("^demo_(\\d+)$");
    private static final Pattern SCENE_PREFIX = Pattern.compile("^.*?SCENE\\d+_");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes one file (tests make it fail as a full disk does). */
    @FunctionalInterface
    public interface FileSink {
        void write(Path file, byte[] data) throws IOException;
    }

    /** Which of the given source files changed (or vanished) since they were indexed and reviewed. */
    @FunctionalInterface
    public interface SourceCheck {
        List<Path> changed(Collection<Path> files);
    }

    /**
     * What an export did.
     *
     * @param written  trajectories written
     * @param reused   trajectories of a previous export into the same folder kept as they were (linked, not rewritten)
     * @param bytes    bytes of the files written (not of those kept)
     * @param effectiveRecords per split, the records the data configs give training (weights applied)
     */
    public record Result(Path dir, WorldVlaPlan plan, int written, int reused, long stepsWritten, long bytes,
                         Map<String, Long> effectiveRecords, List<String> conversationFiles, int threads,
                         double seconds) {
    }

    private final DemoReader reader;
    private final int threads;
    private final FileSink sink;
    private final ToLongFunction<Path> freeSpace;
    private final String studioVersion;

    public WorldVlaExporter(DemoReader reader, String studioVersion) {
        this(reader, Runtime.getRuntime().availableProcessors(), Files::write, WorldVlaExporter::usableSpace, studioVersion);
    }

    /**
     * @param threads   workers encoding and writing files
     * @param sink      writes a file
     * @param freeSpace bytes free on the file store of a folder
     */
    public WorldVlaExporter(DemoReader reader, int threads, FileSink sink, ToLongFunction<Path> freeSpace,
                            String studioVersion) {
        this.reader = reader;
        this.threads = Math.max(1, threads);
        this.sink = sink;
        this.freeSpace = freeSpace;
        this.studioVersion = studioVersion;
    }

    public int threads() {
        return threads;
    }

    // ------------------------------------------------------------------ plan

    /**
     * The plan of an export: opens every source file (structure only) for its instruction and frame size.
     *
     * @throws ExportException naming a file that cannot be opened or has no agentview camera
     */
    public WorldVlaPlan plan(Manifest manifest, WorldVlaSettings settings) throws IOException {
        Map<String, Double> weights = new HashMap<>();
        for (Map<String, Object> c : manifest.components()) {
            weights.put((String) c.get("label"), ((Number) c.get("weight")).doubleValue());
        }
        Map<Path, DemoFile> open = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        Set<String> resized = new LinkedHashSet<>();
        try {
            for (Map<String, Object> d : manifest.demos()) {
                Path file = Path.of((String) d.get("file"));
                DemoFile f = open.get(file);
                if (f == null) {
                    try {
                        f = reader.open(file);
                    } catch (DatasetException e) {
                        throw new ExportException(file, "cannot open " + file + ": " + e.getMessage(), e);
                    }
                    open.put(file, f);
                }
                CameraInfo cam = f.cameras().stream().filter(c -> c.name().equals(CAMERA)).findFirst()
                        .orElseThrow(() -> new ExportException(file, file + " has no agentview camera (obs/agentview_rgb),"
                                + " the one WorldVLA trains on; leave it out of the mix.", null));
                String demo = (String) d.get("demo");
                Matcher m = DEMO_NUMBER.matcher(demo);
                int number = m.matches() ? Integer.parseInt(m.group(1)) : ((Number) d.get("demo_index")).intValue();
                double weight = 0;
                for (Object label : (List<?>) d.get("components")) {
                    weight += weights.getOrDefault((String) label, 1.0);
                }
                Map<?, ?> split = (Map<?, ?>) d.get("split");
                SplitPart mixPart = split.isEmpty() ? SplitPart.TRAIN : SplitPart.fromId((String) split.values().iterator().next());
                String suite = (String) d.get("suite");
                if (suite == null || suite.isBlank()) {
                    suite = "libero";
                }
                if (cam.width() != settings.resolution() || cam.height() != settings.resolution()) {
                    resized.add(file + " (" + cam.width() + "x" + cam.height() + ")");
                }
                pending.add(new Pending(suite, (String) d.get("task"), "trj_" + number, number, file, demo,
                        keptSteps(d), (String) d.get("fingerprint"), f.language(), mixPart, weight, cam.width(), cam.height()));
            }
        } finally {
            open.values().forEach(DemoFile::close);
        }
        List<WorldVlaPlan.Trajectory> trajectories = assignWorldVlaSplit(pending);
        if (!resized.isEmpty()) {
            warnings.add(resized.size() + " source file(s) have agentview frames that are not " + settings.resolution()
                    + "x" + settings.resolution() + ": " + String.join(", ", resized) + ". They are resized with a "
                    + Resampler.FILTER + " filter. WorldVLA itself re-renders LIBERO at " + settings.resolution()
                    + " px in the simulator instead, so resized frames are softer than what it trains on.");
        }
        if (settings.prompt() == WorldVlaSettings.Prompt.TASK_DIR) {
            Set<String> prefixed = new LinkedHashSet<>();
            trajectories.forEach(t -> {
                if (SCENE_PREFIX.matcher(t.task()).find()) {
                    prefixed.add(t.task());
                }
            });
            if (!prefixed.isEmpty()) {
                String example = prefixed.iterator().next();
                warnings.add(prefixed.size() + " task(s) carry a scene prefix (libero_10 style): WorldVLA trains on the"
                        + " task folder text (\"" + TokenSequenceBuilder.taskDirText(example) + "\") but evaluates on the"
                        + " plain instruction (\"" + TaskNames.languageFromTaskName(example) + "\"). The export follows"
                        + " WorldVLA; pass --prompt instruction to train on the instruction instead.");
            }
        }
        Object orientation = manifest.settings() == null ? null : manifest.settings().get("orientation");
        if (orientation != null && !"rotate180".equals(orientation) && !"rot180".equals(orientation)) {
            warnings.add("the mix's orientation is '" + orientation + "', but WorldVLA trains on frames rotated 180°:"
                    + " the export writes them rotated 180°.");
        }
        return new WorldVlaPlan(settings, manifest, trajectories, warnings);
    }

    private record Pending(String suite, String task, String trj, int number, Path source, String demo, int[] steps,
                           String fingerprint, String language, SplitPart mixPart, double weight, int width, int height) {
    }

    private static int[] keptSteps(Map<String, Object> d) {
        List<Integer> steps = new ArrayList<>();
        for (Object r : (List<?>) d.get("kept_steps")) {
            List<?> range = (List<?>) r;
            for (int s = ((Number) range.get(0)).intValue(); s < ((Number) range.get(1)).intValue(); s++) {
                steps.add(s);
            }
        }
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Python's {@code sorted()} on str: code-point order. */
    static final Comparator<String> CODE_POINTS = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    /**
     * WorldVLA's split of a files root (pipeline reference 1b): tasks at sorted position {@code < ceil(0.9 * #tasks)}
     * are in distribution, the rest {@code val_ood}; within those, trajectories at sorted position
     * {@code < ceil(0.9 * #trj)} are {@code train}, the rest {@code val_ind}; both sorts are on the folder names.
     */
    private static List<WorldVlaPlan.Trajectory> assignWorldVlaSplit(List<Pending> demos) {
        TreeMap<String, TreeMap<String, TreeMap<String, Pending>>> tree = new TreeMap<>(CODE_POINTS);
        for (Pending p : demos) {
            Pending before = tree.computeIfAbsent(p.suite(), k -> new TreeMap<>(CODE_POINTS))
                    .computeIfAbsent(p.task(), k -> new TreeMap<>(CODE_POINTS)).putIfAbsent(p.trj(), p);
            if (before != null) {
                throw new IllegalArgumentException("two demos of the mix would both be " + p.suite() + "/" + p.task() + "/"
                        + p.trj() + ": " + before.source() + "#" + before.demo() + " and " + p.source() + "#" + p.demo()
                        + ". WorldVLA names trajectories by demo number within a task folder; leave one out of the mix.");
            }
        }
        List<WorldVlaPlan.Trajectory> out = new ArrayList<>();
        for (TreeMap<String, TreeMap<String, Pending>> tasks : tree.values()) {
            int inDistribution = (int) Math.ceil(tasks.size() * 0.9);
            int t = 0;
            for (TreeMap<String, Pending> trjs : tasks.values()) {
                int train = (int) Math.ceil(trjs.size() * 0.9);
                int i = 0;
                for (Pending p : trjs.values()) {
                    SplitPart part = t >= inDistribution ? SplitPart.VAL_OOD : i < train ? SplitPart.TRAIN : SplitPart.VAL_IND;
                    out.add(new WorldVlaPlan.Trajectory(p.suite(), p.task(), p.trj(), p.number(), p.source(), p.demo(),
                            p.steps(), p.fingerprint(), p.language(), part, p.mixPart(), p.weight(), p.width(), p.height()));
                    i++;
                }
                t++;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ export

    /**
     * Writes the export into {@code out}.
     *
     * @throws MixExport.SourcesChangedException before anything is written, when a source changed since it was reviewed
     * @throws ExportException         for an output folder holding something else, too little free space, an
     *                                 unreadable frame (naming file, demo and step) or a failed write; nothing is left
     *                                 under {@code out} or {@code out.part}
     * @throws CancellationException   when {@code cancelled} turns true; nothing is left either
     */
    public Result export(WorldVlaPlan plan, Path out, SourceCheck sources, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        long started = System.nanoTime();
        Path dir = out.toAbsolutePath().normalize();
        Path part = dir.resolveSibling(dir.getFileName() + ".part");
        Path old = dir.resolveSibling(dir.getFileName() + ".old");
        Map<String, Map<String, Object>> previous = checkTarget(dir, part, old);
        Set<Path> files = new LinkedHashSet<>();
        plan.trajectories().forEach(t -> files.add(t.source()));
        List<Path> changed = sources.changed(files);
        if (!changed.isEmpty()) {
            throw new MixExport.SourcesChangedException(changed);
        }
        WorldVlaSettings s = plan.settings();
        List<WorldVlaPlan.Trajectory> toWrite = new ArrayList<>();
        Map<String, Map<String, Object>> reuse = new HashMap<>();
        for (WorldVlaPlan.Trajectory t : plan.trajectories()) {
            Map<String, Object> p = previous.get(t.key());
            if (p != null && sameTrajectory(p, t, dir, s.resolution())) {
                reuse.put(t.key(), p);
            } else {
                toWrite.add(t);
            }
        }
        long need = toWrite.stream().mapToLong(t -> t.length() * (WorldVlaPlan.pngEstimate(s.resolution()) + 128)).sum()
                + (plan.total().actionSamples() + plan.total().worldSamples()) * 700L;
        Path existing = nearestExisting(dir);
        long free = existing == null ? Long.MAX_VALUE : freeSpace.applyAsLong(existing);
        if (need > free) {
            throw new ExportException(dir, "not enough free space for the export into " + dir + ": it needs about "
                    + mib(need) + ", " + mib(free) + " are free. Nothing was written. Free some space or choose another folder.", null);
        }
        Files.createDirectories(part);
        Files.writeString(part.resolve(PART_MARKER), "VLA Studio WorldVLA export in progress; safe to delete\n");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "worldvla-export");
            th.setDaemon(true);
            return th;
        });
        try {
            long totalSteps = plan.total().steps();
            AtomicLong done = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            Map<String, String> checksums = new HashMap<>();
            long stepsWritten = 0;
            for (WorldVlaPlan.Trajectory t : plan.trajectories()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("export cancelled");
                }
                Path trj = part.resolve("files").resolve(t.suite()).resolve(t.task()).resolve(t.trj());
                Map<String, Object> p = reuse.get(t.key());
                if (p != null) {
                    link(dir.resolve("files").resolve(t.suite()).resolve(t.task()).resolve(t.trj()), trj, t.length());
                    checksums.put(t.key(), (String) p.get("sha256"));
                    progress.report(done.addAndGet(t.length()), Math.max(1, totalSteps), "kept " + t.key());
                } else {
                    checksums.put(t.key(), writeTrajectory(t, trj, s.resolution(), pool, progress, done, totalSteps, bytes, cancelled));
                    stepsWritten += t.length();
                }
            }
            progress.report(totalSteps, Math.max(1, totalSteps), "writing conversations");
            Written w = writeConversations(plan, dir, part, bytes);
            Map<String, Long> effective = writeConfigs(plan, dir, part, w, bytes);
            writeManifest(plan, dir, part, w, effective, checksums, bytes);
            Files.delete(part.resolve(PART_MARKER));
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("export cancelled");
            }
            swap(dir, part, old);
            progress.report(Math.max(1, totalSteps), Math.max(1, totalSteps), "export done");
            return new Result(dir, plan, toWrite.size(), reuse.size(), stepsWritten, bytes.get(), effective,
                    w.conversations.stream().map(c -> (String) c.get("file")).toList(), threads,
                    (System.nanoTime() - started) / 1e9);
        } catch (CancellationException e) {
            abandon(pool, part);
            throw e;
        } catch (ExportException e) {
            abandon(pool, part);
            throw e;
        } catch (IOException | RuntimeException e) {
            abandon(pool, part);
            throw new ExportException(dir, "the export into " + dir + " failed (" + e.getMessage() + "); nothing was left"
                    + " under that name" + (previous.isEmpty() ? "" : " (the previous export there is unchanged)")
                    + ". Free some disk space (it needs about " + mib(need) + ") or choose another folder.", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Stops the writers and only then deletes the unfinished export: frames already handed to the pool may still be
     * writing (a failure at step 5 while steps 0-4 are encoded), and a writer finishing after the delete would leave
     * a half-made {@code .part} folder behind.
     */
    private static void abandon(ExecutorService pool, Path part) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                System.getLogger(WorldVlaExporter.class.getName()).log(System.Logger.Level.WARNING,
                        "export writers still running after 60 s; deleting " + part + " anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(part);
    }

    /** Refuses an output that holds something else; clears leftovers of an interrupted export; returns the previous trajectories. */
    private Map<String, Map<String, Object>> checkTarget(Path dir, Path part, Path old) throws IOException {
        Map<String, Map<String, Object>> previous = new HashMap<>();
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new ExportException(dir, dir + " is a file, not a folder; choose a new or empty folder for the export.", null);
            }
            Map<String, Object> m = readManifest(dir.resolve("manifest.json"));
            if (m == null) {
                if (!isEmpty(dir)) {
                    throw new ExportException(dir, dir + " already holds files that are not a VLA Studio WorldVLA export"
                            + " (no manifest.json of format " + FORMAT + "). Nothing was written or deleted; choose a new"
                            + " or empty folder.", null);
                }
            } else {
                for (Object o : (List<?>) m.getOrDefault("trajectories", List.of())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>) o;
                    previous.put(t.get("suite") + "/" + t.get("task") + "/" + t.get("trj"), withSettings(t, m));
                }
            }
        }
        if (Files.exists(part)) {
            if (!Files.exists(part.resolve(PART_MARKER))) {
                throw new ExportException(part, part + " exists and is not an unfinished VLA Studio export; move it away"
                        + " first. Nothing was written or deleted.", null);
            }
            deleteTree(part);
        }
        if (Files.exists(old)) {
            if (readManifest(old.resolve("manifest.json")) == null) {
                throw new ExportException(old, old + " exists and is not a VLA Studio export; move it away first.", null);
            }
            deleteTree(old);
        }
        return previous;
    }

    private static Map<String, Object> withSettings(Map<String, Object> t, Map<String, Object> manifest) {
        Map<String, Object> copy = new LinkedHashMap<>(t);
        Object settings = manifest.get("settings");
        if (settings instanceof Map<?, ?> sm) {
            copy.put("_resolution", sm.get("resolution"));
        }
        return copy;
    }

    private static Map<String, Object> readManifest(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Object> m = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            return FORMAT.equals(m.get("format")) ? m : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static boolean sameTrajectory(Map<String, Object> p, WorldVlaPlan.Trajectory t, Path dir, int res) {
        Object resolution = p.get("_resolution");
        Map<?, ?> src = (Map<?, ?>) p.get("source");
        if (src == null || !(resolution instanceof Number)) {
            return false;
        }
        boolean same = t.source().toString().equals(src.get("file")) && t.demo().equals(src.get("demo"))
                && t.fingerprint() != null && t.fingerprint().equals(src.get("fingerprint"))
                && Arrays.equals(t.steps(), steps(p.get("kept_steps")))
                && ((Number) resolution).intValue() == res;
        if (!same || p.get("sha256") == null) {
            return false;
        }
        Path trj = dir.resolve("files").resolve(t.suite()).resolve(t.task()).resolve(t.trj());
        for (int j = 0; j < t.length(); j++) {
            if (!Files.isRegularFile(trj.resolve("imgs").resolve("image_" + j + ".png"))
                    || !Files.isRegularFile(trj.resolve("action").resolve("action_" + j + ".npy"))) {
                return false;
            }
        }
        return true;
    }

    private static int[] steps(Object ranges) {
        if (!(ranges instanceof List<?> l)) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (Object r : l) {
            List<?> range = (List<?>) r;
            for (int s = ((Number) range.get(0)).intValue(); s < ((Number) range.get(1)).intValue(); s++) {
                out.add(s);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void link(Path from, Path to, int length) throws IOException {
        Files.createDirectories(to.resolve("imgs"));
        Files.createDirectories(to.resolve("action"));
        for (int j = 0; j < length; j++) {
            linkFile(from.resolve("imgs").resolve("image_" + j + ".png"), to.resolve("imgs").resolve("image_" + j + ".png"));
            linkFile(from.resolve("action").resolve("action_" + j + ".npy"), to.resolve("action").resolve("action_" + j + ".npy"));
        }
    }

    private static void linkFile(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw (NoSuchFileException) e;
            }
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private final ThreadLocal<PngEncoder> encoders = ThreadLocal.withInitial(PngEncoder::new);

    /** Writes one trajectory; returns its checksum (SHA-256 over the per-step SHA-256 of pixels then .npy bytes). */
    private String writeTrajectory(WorldVlaPlan.Trajectory t, Path trj, int res, ExecutorService pool, Progress progress,
                                   AtomicLong done, long totalSteps, AtomicLong bytes, BooleanSupplier cancelled)
            throws IOException {
        Files.createDirectories(trj.resolve("imgs"));
        Files.createDirectories(trj.resolve("action"));
        byte[][] digests = new byte[t.length()][];
        List<Future<?>> futures = new ArrayList<>();
        Semaphore inFlight = new Semaphore(2 * threads);
        try (DemoFile file = open(t.source())) {
            Demo demo;
            double[][] actions;
            try {
                demo = file.openDemo(t.demo());
                actions = demo.actions();
            } catch (DatasetException e) {
                throw new ExportException(t.source(), "cannot read " + t.demo() + " of " + t.source() + ": " + e.getMessage(), e);
            }
            for (int j = 0; j < t.length(); j++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("export cancelled");
                }
                int step = t.steps()[j];
                Frame frame;
                try {
                    frame = demo.frame(CAMERA, step, Orientation.ROT180);
                } catch (DatasetException | RuntimeException e) {
                    throw new ExportException(t.source(), "cannot read the agentview frame of step " + step + " of "
                            + t.demo() + " in " + t.source() + ": " + e.getMessage() + ". Nothing was exported.", e);
                }
                if (step >= actions.length) {
                    throw new ExportException(t.source(), "step " + step + " of " + t.demo() + " in " + t.source()
                            + " has no action (the demo has " + actions.length + "). Nothing was exported.", null);
                }
                double[] action = actions[step];
                int index = j;
                inFlight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("export cancelled");
                        }
                        byte[] rgb = frame.width() == res && frame.height() == res ? frame.rgb()
                                : Resampler.resize(frame.rgb(), frame.width(), frame.height(), res, res);
                        byte[] png = encoders.get().encode(rgb, res, res);
                        byte[] npy = Npy.float64(action);
                        sink.write(trj.resolve("imgs").resolve("image_" + index + ".png"), png);
                        sink.write(trj.resolve("action").resolve("action_" + index + ".npy"), npy);
                        MessageDigest md = sha256();
                        md.update(rgb);
                        md.update(npy);
                        digests[index] = md.digest();
                        bytes.addAndGet(png.length + npy.length);
                        progress.report(done.incrementAndGet(), Math.max(1, totalSteps), "writing " + t.key());
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        MessageDigest md = sha256();
        for (byte[] d : digests) {
            md.update(d);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private DemoFile open(Path file) throws ExportException {
        try {
            return reader.open(file);
        } catch (DatasetException e) {
            throw new ExportException(file, "cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }

    // ------------------------------------------------------------------ conversations, configs, manifest

    /** Per conversation file: its manifest entry, and per record range the weight of the trajectory it came from. */
    private static final class Written {
        final List<Map<String, Object>> conversations = new ArrayList<>();
        final Map<String, List<double[]>> weights = new LinkedHashMap<>(); // file -> [from, to, weight]
        final List<Map<String, Object>> tokenFiles = new ArrayList<>();
    }

    private Written writeConversations(WorldVlaPlan plan, Path dir, Path part, AtomicLong bytes) throws IOException {
        WorldVlaSettings s = plan.settings();
        Written w = new Written();
        Files.createDirectories(part.resolve("convs"));
        for (String suite : plan.suites()) {
            String base = s.paths() == WorldVlaSettings.Paths.ABSOLUTE
                    ? dir.resolve("files").resolve(suite).toString() : "files/" + suite;
            for (String kind : List.of("action", "world")) {
                for (SplitPart p : SplitPart.values()) {
                    String name = kind.equals("action") ? plan.actionConvName(suite, p) : plan.worldConvName(suite, p);
                    Path file = part.resolve("convs").resolve(name);
                    List<double[]> ranges = new ArrayList<>();
                    long records = 0;
                    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
                        PythonJson.ListWriter list = new PythonJson(out, kind.equals("action") ? 2 : 4).list();
                        for (WorldVlaPlan.Trajectory t : plan.trajectories()) {
                            if (!t.suite().equals(suite) || plan.part(t) != p) {
                                continue;
                            }
                            long from = records;
                            records += kind.equals("action") ? actionRecords(t, base, s, list) : worldRecords(t, base, list);
                            if (records > from) {
                                ranges.add(new double[] {from, records, t.weight()});
                            }
                        }
                        list.endList();
                    }
                    bytes.addAndGet(Files.size(file));
                    keepOldIfSame(dir.resolve("convs").resolve(name), file);
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("file", "convs/" + name);
                    c.put("suite", suite);
                    c.put("kind", kind);
                    c.put("split", p.id());
                    c.put("records", records);
                    w.conversations.add(c);
                    w.weights.put("convs/" + name, ranges);
                }
            }
        }
        return w;
    }

    private static String join(String base, WorldVlaPlan.Trajectory t, String folder, String file) {
        return base + "/" + t.task() + "/" + t.trj() + "/" + folder + "/" + file;
    }

    private static long actionRecords(WorldVlaPlan.Trajectory t, String base, WorldVlaSettings s,
                                      PythonJson.ListWriter list) throws IOException {
        String text = s.prompt() == WorldVlaSettings.Prompt.TASK_DIR ? TokenSequenceBuilder.taskDirText(t.task()) : t.language();
        String prompt = TokenSequenceBuilder.actionPrompt(text);
        long n = 0;
        for (int j = 0; j + s.chunk() <= t.length(); j++) {
            List<String> images = new ArrayList<>();
            for (int i = Math.max(0, j - s.history() + 1); i <= j; i++) {
                images.add(join(base, t, "imgs", "image_" + i + ".png"));
            }
            List<String> actions = new ArrayList<>();
            for (int i = j; i < j + s.chunk(); i++) {
                actions.add(join(base, t, "action", "action_" + i + ".npy"));
            }
            list.item(record(prompt + TokenSequenceBuilder.IMAGE_PLACEHOLDER.repeat(images.size()),
                    TokenSequenceBuilder.ACTION_PLACEHOLDER.repeat(actions.size()), images, actions));
            n++;
        }
        return n;
    }

    private static long worldRecords(WorldVlaPlan.Trajectory t, String base, PythonJson.ListWriter list) throws IOException {
        long n = 0;
        for (int j = 0; j + 1 < t.length(); j++) {
            list.item(record(TokenSequenceBuilder.WORLD_MODEL_PROMPT + TokenSequenceBuilder.IMAGE_PLACEHOLDER
                            + TokenSequenceBuilder.ACTION_PLACEHOLDER, TokenSequenceBuilder.IMAGE_PLACEHOLDER,
                    List.of(join(base, t, "imgs", "image_" + j + ".png"), join(base, t, "imgs", "image_" + (j + 1) + ".png")),
                    List.of(join(base, t, "action", "action_" + j + ".npy"))));
            n++;
        }
        return n;
    }

    private static Map<String, Object> record(String human, String gpt, List<String> images, List<String> actions) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("from", "human");
        h.put("value", human);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("from", "gpt");
        g.put("value", gpt);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("conversations", List.of(h, g));
        r.put("image", images);
        r.put("action", actions);
        return r;
    }

    /** Writes the three data configs; returns the effective records per split. */
    private Map<String, Long> writeConfigs(WorldVlaPlan plan, Path dir, Path part, Written w, AtomicLong bytes) throws IOException {
        Object samples = plan.mix().settings() == null ? null : plan.mix().settings().get("samples");
        boolean action = !"world".equals(samples);
        boolean world = !"action".equals(samples);
        List<Map<String, Object>> tokenFiles = w.tokenFiles;
        for (Map<String, Object> c : w.conversations) {
            String kind = (String) c.get("kind");
            if (kind.equals("action") ? !action : !world) {
                continue;
            }
            String file = (String) c.get("file");
            String stem = file.substring("convs/".length(), file.length() - ".json".length());
            List<double[]> ranges = w.weights.get(file);
            boolean weighted = "train".equals(c.get("split")) && ranges.stream().anyMatch(r -> r[2] != 1.0);
            if (!weighted) {
                tokenFiles.add(tokenFile("tokens/" + stem + ".json", c, null, 1));
                continue;
            }
            TreeMap<Double, List<Integer>> byWeight = new TreeMap<>();
            for (double[] r : ranges) {
                List<Integer> idx = byWeight.computeIfAbsent(r[2], k -> new ArrayList<>());
                for (long i = (long) r[0]; i < (long) r[1]; i++) {
                    idx.add((int) i);
                }
            }
            for (Map.Entry<Double, List<Integer>> e : byWeight.entrySet()) {
                double weight = e.getKey();
                String tag = "_w" + weightTag(weight);
                int whole = (int) Math.floor(weight);
                double fraction = weight - whole;
                if (whole >= 1) {
                    tokenFiles.add(tokenFile("tokens/" + stem + tag + ".json", c, e.getValue(), whole));
                }
                if (fraction > 1e-9) {
                    List<Integer> sample = subsample(e.getValue(), fraction, stem + tag);
                    if (!sample.isEmpty()) {
                        tokenFiles.add(tokenFile("tokens/" + stem + tag + "_part.json", c, sample, 1));
                    }
                }
            }
        }
        Files.createDirectories(part.resolve("configs"));
        Map<String, Long> effective = new LinkedHashMap<>();
        for (SplitPart p : SplitPart.values()) {
            StringBuilder yaml = new StringBuilder("META:\n");
            long n = 0;
            for (Map<String, Object> t : tokenFiles) {
                if (!p.id().equals(t.get("split"))) {
                    continue;
                }
                String path = (String) t.get("path");
                String shown = plan.settings().paths() == WorldVlaSettings.Paths.ABSOLUTE ? dir.resolve(path).toString() : path;
                int repeat = ((Number) t.get("repeat")).intValue();
                for (int r = 0; r < repeat; r++) {
                    yaml.append("  - path: '").append(shown.replace("'", "''")).append("'\n");
                }
                n += repeat * ((Number) t.get("effective_records")).longValue();
            }
            effective.put(p.id(), n);
            Path file = part.resolve("configs").resolve(p.id() + ".yaml");
            byte[] data = yaml.toString().getBytes(StandardCharsets.UTF_8);
            sink.write(file, data);
            bytes.addAndGet(data.length);
            keepOldIfSame(dir.resolve("configs").resolve(p.id() + ".yaml"), file);
        }
        return effective;
    }

    /** {@code 2}, {@code 0p5}: a weight as a file-name tag. */
    static String weightTag(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w).replace('.', 'p');
    }

    private static Map<String, Object> tokenFile(String path, Map<String, Object> conv, List<Integer> records, int repeat) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("path", path);
        t.put("split", conv.get("split"));
        t.put("kind", conv.get("kind"));
        t.put("from", conv.get("file"));
        t.put("records", records);
        t.put("repeat", repeat);
        t.put("effective_records", records == null ? ((Number) conv.get("records")).longValue() : (long) records.size());
        return t;
    }

    /** A seeded subsample of {@code round(fraction * n)} record indices, ascending. */
    static List<Integer> subsample(List<Integer> indices, double fraction, String seed) {
        int k = (int) Math.round(fraction * indices.size());
        byte[] h = sha256().digest(seed.getBytes(StandardCharsets.UTF_8));
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = s << 8 | (h[i] & 0xFF);
        }
        SplittableRandom random = new SplittableRandom(s);
        List<Integer> pool = new ArrayList<>(indices);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pool.size() - i);
            Integer tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        List<Integer> out = new ArrayList<>(pool.subList(0, k));
        out.sort(null);
        return out;
    }

    private void writeManifest(WorldVlaPlan plan, Path dir, Path part, Written w, Map<String, Long> effective,
                               Map<String, String> checksums, AtomicLong bytes) throws IOException {
        WorldVlaSettings s = plan.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 1);
        m.put("studio_version", studioVersion);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("resolution", s.resolution());
        settings.put("history", s.history());
        settings.put("chunk", s.chunk());
        settings.put("world_history", s.worldHistory());
        settings.put("split", WorldVlaSettings.id(s.split()));
        settings.put("paths", WorldVlaSettings.id(s.paths()));
        settings.put("prompt", WorldVlaSettings.id(s.prompt()));
        settings.put("camera", CAMERA);
        settings.put("orientation", Orientation.ROT180.id());
        settings.put("resize_filter", Resampler.FILTER);
        settings.put("bounds", bounds(plan));
        m.put("settings", settings);
        m.put("mix", JSON.readValue(plan.mix().toJson(), new TypeReference<LinkedHashMap<String, Object>>() { }));
        m.put("conversations", w.conversations);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (Map<String, Object> t : w.tokenFiles) {
            Map<String, Object> copy = new LinkedHashMap<>(t);
            copy.remove("effective_records");
            tokens.add(copy);
        }
        m.put("token_files", tokens);
        Map<String, Object> configs = new LinkedHashMap<>();
        for (SplitPart p : SplitPart.values()) {
            configs.put(p.id(), "configs/" + p.id() + ".yaml");
        }
        m.put("configs", configs);
        m.put("effective_records", effective);
        List<Object> trajectories = new ArrayList<>();
        for (WorldVlaPlan.Trajectory t : plan.trajectories()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("suite", t.suite());
            e.put("task", t.task());
            e.put("trj", t.trj());
            Map<String, Object> src = new LinkedHashMap<>();
            src.put("file", t.source().toString());
            src.put("demo", t.demo());
            src.put("fingerprint", t.fingerprint());
            e.put("source", src);
            e.put("steps", t.length());
            e.put("kept_steps", ranges(t.steps()));
            e.put("split", plan.part(t).id());
            e.put("weight", t.weight());
            e.put("sha256", checksums.get(t.key()));
            trajectories.add(e);
        }
        m.put("trajectories", trajectories);
        m.put("warnings", plan.warnings());
        Path file = part.resolve("manifest.json");
        byte[] data = JSON.writeValueAsBytes(m);
        sink.write(file, data);
        bytes.addAndGet(data.length);
        keepOldIfSame(dir.resolve("manifest.json"), file);
    }

    private static Map<String, Object> bounds(WorldVlaPlan plan) {
        Map<String, Object> b = new LinkedHashMap<>();
        Object preset = plan.mix().settings() == null ? "worldvla" : plan.mix().settings().getOrDefault("bounds", "worldvla");
        b.put("preset", preset);
        if ("worldvla".equals(preset)) {
            ActionBounds wv = ActionBounds.worldVla();
            b.put("min", wv.min());
            b.put("max", wv.max());
        }
        return b;
    }

    private static List<Object> ranges(int[] steps) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < steps.length) {
            int j = i + 1;
            while (j < steps.length && steps[j] == steps[j - 1] + 1) {
                j++;
            }
            out.add(List.of(steps[i], steps[j - 1] + 1));
            i = j;
        }
        return out;
    }

    /** Replaces a freshly written file by a link to the previous export's identical one, so nothing is rewritten. */
    private static void keepOldIfSame(Path old, Path fresh) throws IOException {
        if (Files.isRegularFile(old) && Files.mismatch(old, fresh) == -1) {
            Files.delete(fresh);
            linkFile(old, fresh);
        }
    }

    private static void swap(Path dir, Path part, Path old) throws IOException {
        if (Files.exists(dir)) {
            move(dir, old);
            move(part, dir);
            deleteTree(old);
        } else {
            move(part, dir);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is under the .part name, never the final one
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code dir} or its nearest parent that exists (where a folder made at {@code dir} would be stored); null if none. */
    static Path nearestExisting(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    /**
     * Bytes free for an export into {@code dir} (which need not exist yet): the usable space of its nearest existing
     * folder's file store, {@link Long#MAX_VALUE} when that cannot be told. What the export checks, and what the
     * export dialog and {@code vla-studio export worldvla} show beforehand.
     */
    public static long freeSpaceFor(Path dir) {
        Path existing = nearestExisting(dir);
        return existing == null ? Long.MAX_VALUE : usableSpace(existing);
    }

    static long usableSpace(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return store.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", Math.max(1, bytes / 1048576.0));
    }
}
