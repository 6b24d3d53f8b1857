package io.vlastudio.training.predictions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The evaluation videos under a folder: WorldVLA's closed-loop LIBERO rollouts
 * ({@code <date>--episode=<n>--success=<bool>--task=<text>.mp4}) and its successor's world-model triplets
 * ({@code --success=gt|gt_recons|inf}). The checkpoint of a video is the folder it lies in, relative to the scanned
 * folder. Every {@code .mp4} is checked with {@link Mp4Probe} (box structure, movie header, every sample inside the
 * file); a file whose name does not fit or that cannot be read is a problem naming the file and the reason. One bad
 * file never stops the scan.
 *
 * <p>A rollout whose video is unreadable still counts toward its task's rate (the outcome is in its name) and is
 * listed as a problem; its player says why it cannot play.
 */
public final class EvalVideoIndex {

    /** What a name must look like, for messages. */
    public static final String PATTERN = "<date>--episode=<n>--success=<True|False|gt|gt_recons|inf>--task=<text>.mp4";

    private final Path root;
    private final List<EvalVideo> videos;
    private final List<String> problems;
    private final List<Path> ignored;
    private final Map<Path, String> unreadable;
    private final Map<Path, Mp4Info> infos;

    private EvalVideoIndex(Path root, List<EvalVideo> videos, List<String> problems, List<Path> ignored,
                           Map<Path, String> unreadable, Map<Path, Mp4Info> infos) {
        this.root = root;
        this.videos = List.copyOf(videos);
        this.problems = List.copyOf(problems);
        this.ignored = List.copyOf(ignored);
        this.unreadable = Map.copyOf(unreadable);
        this.infos = Map.copyOf(infos);
    }

    /**
     * Scans {@code dir} recursively (a single {@code .mp4} file is scanned alone).
     *
     * @throws IOException only when {@code dir} does not exist or cannot be listed at all
     */
    public static EvalVideoIndex scan(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new IOException(root + ": no such folder");
        }
        List<Path> mp4s = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path base = Files.isDirectory(root) ? root : root.getParent();
        if (Files.isDirectory(root)) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(root) && d.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".")) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (name.toLowerCase(Locale.ROOT).endsWith(".mp4")) {
                        mp4s.add(f);
                    } else {
                        ignored.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    problems.add(f + ": cannot be read (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            mp4s.add(root);
        }
        Collections.sort(mp4s);
        Collections.sort(ignored);

        List<EvalVideo> videos = new ArrayList<>();
        Map<Path, String> unreadable = new HashMap<>();
        Map<Path, Mp4Info> infos = new HashMap<>();
        for (Path f : mp4s) {
            Path parent = base.relativize(f.getParent() == null ? base : f.getParent());
            String checkpoint = parent.toString().replace('\\', '/');
            EvalVideo v;
            try {
                v = parseName(f, checkpoint);
            } catch (IllegalArgumentException e) {
                problems.add(f + ": " + e.getMessage());
                continue;
            }
            videos.add(v);
            try {
                Mp4Info info = Mp4Probe.probe(f);
                infos.put(f, info);
                if (!info.playable()) {
                    String reason = "video codec " + info.codec() + " is not H.264 or H.265; the studio's player "
                            + "(JavaFX Media) cannot play it (re-encode: ffmpeg -i IN -c:v libx264 -pix_fmt yuv420p OUT.mp4)";
                    unreadable.put(f, reason);
                    problems.add(f + ": " + reason);
                }
            } catch (Mp4Probe.Unreadable e) {
                unreadable.put(f, e.getMessage());
                problems.add(f + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                String reason = "cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
                unreadable.put(f, reason);
                problems.add(f + ": " + reason);
            }
        }
        videos.sort(Comparator.comparing(EvalVideo::checkpoint).thenComparing(EvalVideo::task)
                .thenComparingInt(EvalVideo::episode).thenComparing(EvalVideo::date).thenComparing(EvalVideo::success));
        EvalVideoIndex index = new EvalVideoIndex(root, videos, problems, ignored, unreadable, infos);
        List<String> all = new ArrayList<>(problems);
        for (EvalTriplet t : index.triplets()) {
            if (!t.missing().isEmpty()) {
                all.add("world-model triplet of episode " + t.episode() + " (" + t.task() + ")"
                        + (t.checkpoint().isEmpty() ? "" : " in " + t.checkpoint()) + " has no " + String.join(", ", t.missing()) + " video");
            }
        }
        return new EvalVideoIndex(root, videos, all, ignored, unreadable, infos);
    }

    /**
     * Reads a video's name. Liberal where evaluation scripts differ: {@code True/False} in any case, underscores or
     * spaces in the task, extra {@code --key=value} parts (e.g. {@code --openvla_oft}) between date and task.
     *
     * @throws IllegalArgumentException with the reason when the name does not fit {@link #PATTERN}
     */
    public static EvalVideo parseName(Path file, String checkpoint) {
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            throw new IllegalArgumentException("not an .mp4 file");
        }
        String stem = name.substring(0, name.length() - 4);
        int taskAt = stem.indexOf("--task=");
        if (taskAt < 0) {
            throw new IllegalArgumentException("name has no --task=<text> (expected " + PATTERN + ")");
        }
        String task = stem.substring(taskAt + "--task=".length()).replace('_', ' ').replaceAll("\\s+", " ").strip();
        if (task.isEmpty()) {
            throw new IllegalArgumentException("name has an empty --task= (expected " + PATTERN + ")");
        }
        String[] parts = stem.substring(0, taskAt).split("--", -1);
        String date = parts[0].strip();
        if (date.isEmpty() || date.contains("=")) {
            throw new IllegalArgumentException("name does not start with a date (expected " + PATTERN + ")");
        }
        Map<String, String> keys = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                keys.put(parts[i].substring(0, eq).toLowerCase(Locale.ROOT), parts[i].substring(eq + 1));
            }
        }
        String episode = keys.get("episode");
        if (episode == null) {
            throw new IllegalArgumentException("name has no --episode=<n> (expected " + PATTERN + ")");
        }
        int n;
        try {
            n = Integer.parseInt(episode.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("episode \"" + episode + "\" is not a whole number (expected " + PATTERN + ")");
        }
        if (n < 0) {
            throw new IllegalArgumentException("episode " + n + " is negative");
        }
        String success = keys.get("success");
        if (success == null) {
            throw new IllegalArgumentException("name has no --success=<True|False> (expected " + PATTERN + ")");
        }
        String s = success.strip().toLowerCase(Locale.ROOT);
        if (!List.of("true", "false", "gt", "gt_recons", "inf").contains(s)) {
            throw new IllegalArgumentException("success \"" + success + "\" is not True, False, gt, gt_recons or inf");
        }
        return new EvalVideo(file, date, n, s, task, checkpoint);
    }

    public Path root() {
        return root;
    }

    /** Every video whose name fits, readable or not, ordered by checkpoint, task, episode. */
    public List<EvalVideo> videos() {
        return videos;
    }

    /** One line per file that could not be read or parsed, and per incomplete triplet; each names the file. */
    public List<String> problems() {
        return problems;
    }

    /** Files that are not {@code .mp4} (hidden files left out), listed so that nothing disappears unseen. */
    public List<Path> ignored() {
        return ignored;
    }

    /** Why {@code video} cannot be played, when it cannot. */
    public Optional<String> problem(EvalVideo video) {
        return Optional.ofNullable(unreadable.get(video.file()));
    }

    /** What its box structure says, when it could be read. */
    public Optional<Mp4Info> info(EvalVideo video) {
        return Optional.ofNullable(infos.get(video.file()));
    }

    /** The closed-loop rollouts (success true/false). */
    public List<EvalVideo> rollouts() {
        return videos.stream().filter(EvalVideo::isRollout).toList();
    }

    /** Per task and checkpoint (ordered by checkpoint, then task): episodes and successes of the rollouts. */
    public List<TaskRate> rates() {
        Map<List<String>, int[]> counts = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(1))
                .thenComparing(k -> k.get(0)));
        for (EvalVideo v : rollouts()) {
            int[] c = counts.computeIfAbsent(List.of(v.task(), v.checkpoint()), k -> new int[2]);
            c[0]++;
            if (v.succeeded()) {
                c[1]++;
            }
        }
        List<TaskRate> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new TaskRate(k.get(0), k.get(1), c[0], c[1])));
        return out;
    }

    /** Per checkpoint over all its tasks (ordered by checkpoint); the task field is {@code ""}. */
    public List<TaskRate> checkpointRates() {
        Map<String, int[]> counts = new TreeMap<>();
        for (TaskRate r : rates()) {
            int[] c = counts.computeIfAbsent(r.checkpoint(), k -> new int[2]);
            c[0] += r.episodes();
            c[1] += r.successes();
        }
        List<TaskRate> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new TaskRate("", k, c[0], c[1])));
        return out;
    }

    /**
     * The world-model videos grouped by checkpoint, episode and task (and date when one episode was written more than
     * once), in {@link #videos()} order.
     */
    public List<EvalTriplet> triplets() {
        Map<List<Object>, List<EvalVideo>> groups = new LinkedHashMap<>();
        for (EvalVideo v : videos) {
            if (v.isWorldModel()) {
                groups.computeIfAbsent(List.of(v.checkpoint(), v.episode(), v.task()), k -> new ArrayList<>()).add(v);
            }
        }
        List<EvalTriplet> out = new ArrayList<>();
        for (List<EvalVideo> group : groups.values()) {
            boolean unique = group.stream().map(EvalVideo::success).distinct().count() == group.size();
            Map<String, List<EvalVideo>> byDate = new TreeMap<>();
            for (EvalVideo v : group) {
                byDate.computeIfAbsent(unique ? "" : v.date(), k -> new ArrayList<>()).add(v);
            }
            for (List<EvalVideo> members : byDate.values()) {
                Map<String, EvalVideo> kinds = new HashMap<>();
                for (EvalVideo v : members) {
                    kinds.putIfAbsent(v.success(), v);
                }
                EvalVideo first = members.get(0);
                out.add(new EvalTriplet(first.checkpoint(), first.date(), first.episode(), first.task(),
                        Optional.ofNullable(kinds.get("gt")), Optional.ofNullable(kinds.get("gt_recons")),
                        Optional.ofNullable(kinds.get("inf"))));
            }
        }
        return out;
    }

    /**
     * The scan as JSON: {@code {"root", "tasks": [{"task", "episodes", "successes", "checkpoint", "rate"}],
     * "checkpoints": [...], "triplets": n, "videos": [...], "problems": [...], "ignored": [...]}}.
     */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("root", this.root.toString());
        ArrayNode tasks = root.putArray("tasks");
        for (TaskRate r : rates()) {
            ObjectNode t = tasks.addObject();
            t.put("task", r.task());
            t.put("episodes", r.episodes());
            t.put("successes", r.successes());
            t.put("checkpoint", r.checkpoint());
            t.put("rate", r.rate());
        }
        ArrayNode checkpoints = root.putArray("checkpoints");
        for (TaskRate r : checkpointRates()) {
            ObjectNode c = checkpoints.addObject();
            c.put("checkpoint", r.checkpoint());
            c.put("episodes", r.episodes());
            c.put("successes", r.successes());
            c.put("rate", r.rate());
        }
        root.put("triplets", triplets().size());
        ArrayNode vs = root.putArray("videos");
        for (EvalVideo v : videos) {
            ObjectNode o = vs.addObject();
            o.put("file", v.file().toString());
            o.put("date", v.date());
            o.put("episode", v.episode());
            o.put("success", v.success());
            o.put("task", v.task());
            o.put("checkpoint", v.checkpoint());
            problem(v).ifPresent(p -> o.put("problem", p));
            info(v).ifPresent(i -> {
                o.put("codec", i.codec());
                o.put("width", i.width());
                o.put("height", i.height());
                o.put("frames", i.frames());
                o.put("seconds", i.seconds());
            });
        }
        ArrayNode ps = root.putArray("problems");
        problems.forEach(ps::add);
        ArrayNode ig = root.putArray("ignored");
        ignored.forEach(p -> ig.add(p.toString()));
        return root;
    }
}
