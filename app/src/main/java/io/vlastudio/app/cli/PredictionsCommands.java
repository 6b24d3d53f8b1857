package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.StepRange;
import io.vlastudio.store.Workspace;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.image.Fvd;
import io.vlastudio.tokenizer.image.Lpips;
import io.vlastudio.tokenizer.image.MetricModelException;
import io.vlastudio.training.predictions.ActionComparison;
import io.vlastudio.training.predictions.ChunkComparison;
import io.vlastudio.training.predictions.ComparisonExport;
import io.vlastudio.training.predictions.FrameScore;
import io.vlastudio.training.predictions.PredictionCatalog;
import io.vlastudio.training.predictions.PredictionMeta;
import io.vlastudio.training.predictions.PredictionMetrics;
import io.vlastudio.training.predictions.PredictionSet;
import io.vlastudio.training.predictions.PredictionsFolder;
import io.vlastudio.training.predictions.PerceptualMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code vla-studio predictions list|show|metrics|export} (issue 12): the predictions folders of a workspace (contract
 * C, written by {@code vla-studio predict} and WorldVLA's generation driver), their problems, per-frame PSNR/SSIM
 * against the real frames, predicted action chunks against the recorded actions, and comparisons for papers.
 */
final class PredictionsCommands {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PredictionsCommands() {
    }

    static void register(CommandLine root, AppContext context) {
        root.addSubcommand("predictions", new CommandLine(new Group())
                .addSubcommand("list", new ListCommand(context))
                .addSubcommand("show", new Show(context))
                .addSubcommand("metrics", new Metrics(context))
                .addSubcommand("export", new Export(context))
                .addSubcommand("export-script", new MetricExportScriptCommand())
                .addSubcommand("import-videos", new ImportVideosCommand(context))
                // more subcommands register here, one line each (evaluation videos: import-videos)
        );
    }

    @Command(name = "predictions", mixinStandardHelpOptions = true, description = {
            "Predicted frames and action chunks next to the real ones: list the predictions of a workspace, show one",
            "set's problems and action accuracy, score its frames (PSNR, SSIM) and export a comparison (PNG, GIF, MP4).",
            "Predictions live in <workspace>/predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/ (vla-studio predict)."})
    static final class Group extends GroupCommand {
    }

    /** A user error: exit code 2 with the message. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * {@code --json}, the workspace ({@link OpenWorkspaceCommand}: {@code --workspace DIR}, opened like every other
     * workspace command's), and the demos opened while the command runs.
     */
    abstract static class Base extends OpenWorkspaceCommand {
        @Option(names = "--json", description = "print JSON")
        boolean json;
        private final Map<Path, DemoFile> files = new HashMap<>();

        Base(AppContext context) {
            super(context);
        }

        Path workspaceDir() {
            return workspace.resolve(context);
        }

        PredictionCatalog catalog() {
            return context.predictions(workspaceDir());
        }

        @Override
        final int run(Workspace ws) throws Exception {
            try {
                return run();
            } catch (UsageException e) {
                err().println("error: " + e.getMessage());
                return 2;
            } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
                err().println("error: " + e.getMessage());
                return 1;
            } finally {
                for (DemoFile f : files.values()) {
                    f.close();
                }
                out().flush();
                err().flush();
            }
        }

        abstract int run() throws Exception;

        /** A demo, its file opened once per command. */
        Demo demo(Path file, String name) throws IOException {
            Path key = file.toAbsolutePath().normalize();
            DemoFile f = files.get(key);
            if (f == null) {
                if (!Files.exists(key)) {
                    throw new IOException(key + ": the demo file is missing (moved or deleted?); name it with --demo FILE#DEMO");
                }
                f = context.reader().open(key);
                files.put(key, f);
            }
            return f.openDemo(name);
        }

        void print(Object node) throws IOException {
            out().println(JSON.writeValueAsString(node));
        }
    }

    /** {@code FILE#DEMO}. */
    record DemoRef(Path file, String demo) {
        static DemoRef parse(String text) throws UsageException {
            int hash = text.lastIndexOf('#');
            if (hash <= 0 || hash == text.length() - 1) {
                throw new UsageException("--demo must be FILE#DEMO, e.g. libero_goal/open_the_drawer_demo.hdf5#demo_3; got " + text);
            }
            return new DemoRef(Path.of(text.substring(0, hash)), text.substring(hash + 1));
        }
    }

    /** Picks one predictions set: RUN (a run name of the workspace, or a predictions folder) with optional filters. */
    abstract static class OneSet extends Base {
        @Option(names = "--demo", paramLabel = "FILE#DEMO", description = "the demo (HDF5 file and demo, e.g. data/x_demo.hdf5#demo_3);"
                + " default: the demo the predictions were made for")
        String demo;
        @Option(names = "--checkpoint", description = "checkpoint folder name, e.g. epoch3 (when RUN has predictions of several)")
        String checkpoint;
        @Option(names = "--mode", description = "teacher-forced or open-loop (when RUN has both)")
        String mode;

        OneSet(AppContext context) {
            super(context);
        }

        DemoRef demoRef() throws UsageException {
            return demo == null ? null : DemoRef.parse(demo);
        }

        /** RUN as a predictions folder (a folder with meta.json) or a run name of the workspace's predictions. */
        PredictionSet select(String run) throws Exception {
            if (mode != null && !mode.equals(PredictionMeta.MODE_TEACHER_FORCED) && !mode.equals(PredictionMeta.MODE_OPEN_LOOP)) {
                throw new UsageException("--mode must be teacher-forced or open-loop, got " + mode);
            }
            Path folder = Path.of(run);
            if (Files.isRegularFile(folder.resolve(PredictionsFolder.META))) {
                return PredictionSet.open(folder);
            }
            if (run.contains("/") || run.contains(java.io.File.separator)) {
                throw new IOException(Files.isDirectory(folder)
                        ? folder + " is not a predictions folder: it has no " + PredictionsFolder.META
                        : folder + ": no such predictions folder");
            }
            DemoRef ref = demoRef();
            PredictionCatalog catalog = catalog();
            List<PredictionSet> matches = new ArrayList<>();
            for (PredictionSet s : catalog.all()) {
                PredictionMeta m = s.meta();
                if (m.run().equals(run) && (checkpoint == null || m.checkpoint().equals(checkpoint))
                        && (mode == null || m.mode().equals(mode))
                        && (ref == null || (m.demo().equals(ref.demo()) && PredictionCatalog.sameFile(m.demoFile(), ref.file())))) {
                    matches.add(s);
                }
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
            String what = "run '" + run + "'" + (checkpoint == null ? "" : " checkpoint " + checkpoint)
                    + (mode == null ? "" : " " + mode) + (ref == null ? "" : " for " + ref.file().getFileName() + "#" + ref.demo());
            if (matches.isEmpty()) {
                throw new IOException("no predictions of " + what + " in " + catalog.root()
                        + " (vla-studio predictions list shows them; vla-studio predict makes them)");
            }
            StringBuilder b = new StringBuilder(matches.size() + " predictions sets of " + what
                    + " match; choose one with --checkpoint, --mode or --demo, or name its folder:");
            for (PredictionSet s : matches) {
                b.append("\n  ").append(s.label()).append(" · ").append(s.meta().demoKey()).append("  ").append(s.dir());
            }
            throw new UsageException(b.toString());
        }

        /** The demo to compare with: --demo, or the one the predictions were made for. */
        Demo demoFor(PredictionSet set) throws Exception {
            DemoRef ref = demoRef();
            return ref != null ? demo(ref.file(), ref.demo()) : demo(set.meta().demoFile(), set.meta().demo());
        }
    }

    static ObjectNode metaJson(PredictionSet s) {
        PredictionMeta m = s.meta();
        ObjectNode n = JSON.createObjectNode();
        n.put("dir", s.dir().toAbsolutePath().toString());
        n.put("label", s.label());
        n.put("run", m.run());
        n.put("checkpoint", m.checkpoint());
        n.put("source", m.source());
        n.put("mode", m.mode());
        n.put("start", m.start());
        ObjectNode d = n.putObject("demo");
        d.put("file", m.demoFile().toString());
        d.put("demo", m.demo());
        d.put("length", m.length());
        n.put("camera", m.camera());
        n.put("orientation", m.orientation());
        n.put("width", m.width());
        n.put("height", m.height());
        return n;
    }

    /** A finite number, or JSON null (NaN is not JSON). */
    static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    static void addNumbers(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }

    static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    // ------------------------------------------------------------------ list

    @Command(name = "list", mixinStandardHelpOptions = true, description = {
            "Lists the predictions sets of a workspace: run, checkpoint, mode, demo, frames and problems",
            "(each set checked against its demo)."})
    static final class ListCommand extends Base {
        @Option(names = "--demo", paramLabel = "FILE#DEMO", description = "only the predictions of this demo")
        String demo;

        ListCommand(AppContext context) {
            super(context);
        }

        @Override
        int run() throws Exception {
            PredictionCatalog catalog = catalog();
            List<PredictionSet> sets;
            if (demo != null) {
                DemoRef ref = DemoRef.parse(demo);
                sets = catalog.forDemo(ref.file(), ref.demo());
            } else {
                sets = catalog.all();
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("workspace", workspaceDir().toAbsolutePath().toString());
            ArrayNode all = root.putArray("predictions");
            if (!json) {
                if (sets.isEmpty()) {
                    out().println("no predictions in " + catalog.root() + (demo == null ? "" : " for " + demo)
                            + " yet: vla-studio predict RUN --demo FILE#DEMO --mode teacher-forced|open-loop");
                } else {
                    out().printf(row(sets), "RUN", "CHECKPOINT", "MODE", "DEMO", "FRAMES", "PROBLEMS");
                }
            }
            for (PredictionSet s : sets) {
                List<String> problems = problems(s);
                ObjectNode n = metaJson(s);
                n.put("frames", s.steps().size());
                n.put("chunks", s.chunks().size());
                problems.forEach(n.putArray("problems")::add);
                all.add(n);
                if (!json) {
                    out().printf(row(sets), s.meta().run(), s.meta().checkpoint(), s.meta().mode(),
                            s.meta().demoKey(), String.valueOf(s.steps().size()), problems.isEmpty() ? "none" : problems.size()
                                    + " (first: " + problems.get(0) + ")");
                }
            }
            ArrayNode skipped = root.putArray("problems");
            catalog.problems().forEach(skipped::add);
            if (json) {
                print(root);
            } else {
                for (String p : catalog.problems()) {
                    out().println("skipped " + p);
                }
            }
            return 0;
        }

        /** A table row format with columns as wide as their widest value. */
        private static String row(List<PredictionSet> sets) {
            int run = 3;
            int checkpoint = 10;
            int demo = 4;
            for (PredictionSet s : sets) {
                run = Math.max(run, s.meta().run().length());
                checkpoint = Math.max(checkpoint, s.meta().checkpoint().length());
                demo = Math.max(demo, s.meta().demoKey().length());
            }
            return "%-" + run + "s  %-" + checkpoint + "s  %-14s  %-" + demo + "s  %6s  %s%n";
        }

        private List<String> problems(PredictionSet s) {
            try {
                return s.problems(demo(s.meta().demoFile(), s.meta().demo()));
            } catch (IOException e) {
                return List.of(e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ show

    @Command(name = "show", mixinStandardHelpOptions = true, description = {
            "Shows one predictions set: its meta, frames, problems, and its action chunks against the recorded actions",
            "(bin accuracy and L1 per chunk position, steps where the gripper disagrees). Action bins use WorldVLA's bounds.",
            "RUN is a run name of the workspace's predictions or a predictions folder."})
    static final class Show extends OneSet {
        @Parameters(index = "0", paramLabel = "RUN", description = "a run name (vla-studio predictions list) or a predictions folder")
        String run;

        Show(AppContext context) {
            super(context);
        }

        @Override
        int run() throws Exception {
            PredictionSet set = select(run);
            Demo d = demoFor(set);
            List<String> problems = set.problems(d);
            List<ChunkComparison> cmp = ActionComparison.compare(set, d, new UniformBinActionTokenizer(ActionBounds.worldVla()));
            double[] acc = ActionComparison.binAccuracyPerPosition(cmp);
            double[] l1 = ActionComparison.l1PerPosition(cmp);
            List<Integer> gripper = ActionComparison.gripperDisagreements(cmp);
            if (json) {
                ObjectNode root = JSON.createObjectNode();
                root.set("predictions", metaJson(set));
                root.put("frames", set.steps().size());
                ObjectNode steps = root.putObject("steps");
                if (!set.steps().isEmpty()) {
                    steps.put("first", set.steps().first());
                    steps.put("last", set.steps().last());
                }
                problems.forEach(root.putArray("problems")::add);
                ObjectNode a = root.putObject("actions");
                a.put("chunks", set.chunks().size());
                a.put("compared", cmp.size());
                a.put("chunk_size", set.chunks().stream().mapToInt(c -> c.actions().length).max().orElse(0));
                a.put("bounds", "worldvla");
                addNumbers(a.putArray("bin_accuracy"), acc);
                addNumbers(a.putArray("l1"), l1);
                gripper.forEach(a.putArray("gripper_disagreements")::add);
                print(root);
                return 0;
            }
            PredictionMeta m = set.meta();
            PrintWriter o = out();
            o.println(set.label() + "  (" + m.source() + ")");
            o.println("  folder:      " + set.dir());
            o.println("  demo:        " + m.demoFile() + "#" + m.demo() + " (" + m.length() + " steps)");
            o.println("  frames:      " + set.steps().size() + (set.steps().isEmpty() ? ""
                    : " (steps " + set.steps().first() + " to " + set.steps().last() + "), " + m.camera() + " " + m.width() + "x"
                    + m.height() + ", " + m.orientation() + ", " + m.mode() + " from step " + m.start()));
            o.println("  problems:    " + (problems.isEmpty() ? "none" : problems.size()));
            for (String p : problems) {
                o.println("    " + p);
            }
            o.println("  actions:     " + set.chunks().size() + " chunks (" + cmp.size() + " compared with the recorded actions,"
                    + " bins from WorldVLA's bounds)");
            if (acc.length > 0) {
                o.printf("    %-10s %-14s %s%n", "position", "bin accuracy", "L1");
                for (int k = 0; k < acc.length; k++) {
                    o.printf("    %-10d %-14s %s%n", k, fmt(acc[k] * 100, 1) + " %", fmt(l1[k], 4));
                }
            }
            o.println("    gripper disagreements: " + (gripper.isEmpty() ? "none" : gripper.size() + " at steps " + gripper));
            return 0;
        }
    }

    // ------------------------------------------------------------------ metrics

    @Command(name = "metrics", mixinStandardHelpOptions = true, description = {
            "Scores every predicted frame against the real frame of the same step: PSNR (dB, 80 for identical frames)",
            "and SSIM (in [0, 1]), with the rollout horizon, and their means per horizon.",
            "JSON: {\"frames\": [{\"step\": t, \"horizon\": h, \"psnr\": ..., \"ssim\": ...}, ...], \"summary\": {...}, \"problems\": [...]}"})
    static final class Metrics extends OneSet {
        @Parameters(index = "0", paramLabel = "RUN", description = "a run name (vla-studio predictions list) or a predictions folder")
        String run;

        @Option(names = "--lpips-model", paramLabel = "FILE", description = "LPIPS (VGG) TorchScript file written by "
                + Lpips.EXPORT_SCRIPT + ": adds \"lpips\" per frame (lower is closer; papers print x100)")
        Path lpipsModel;

        @Option(names = "--fvd-model", paramLabel = "FILE", description = "I3D TorchScript file written by "
                + Fvd.EXPORT_SCRIPT + ": adds the rollout's \"fvd\" (clips of --fvd-clip consecutive frames)")
        Path fvdModel;

        @Option(names = "--fvd-clip", defaultValue = "" + Fvd.DEFAULT_CLIP, paramLabel = "N",
                description = "frames per FVD clip (default: ${DEFAULT-VALUE}; at least 2 clips are needed)")
        int fvdClip;

        private SortedMap<Integer, Double> lpips = new TreeMap<>();
        private PerceptualMetrics.FvdScore fvd;
        private final List<String> metricErrors = new ArrayList<>();

        Metrics(AppContext context) {
            super(context);
        }

        /** LPIPS and FVD with the user's models; a model that fails is named in the problems, the rest still shows. */
        private void learnedMetrics(PredictionSet set, Demo d, List<String> problems) throws IOException {
            if (lpipsModel != null) {
                try (Lpips model = Lpips.open(lpipsModel, context.torch())) {
                    lpips = PerceptualMetrics.lpips(set, d, model);
                } catch (MetricModelException e) {
                    metricErrors.add("LPIPS: " + e.getMessage());
                }
            }
            if (fvdModel != null) {
                try (Fvd model = Fvd.open(fvdModel, context.torch())) {
                    fvd = PerceptualMetrics.fvd(set, d, model, fvdClip);
                } catch (MetricModelException e) {
                    metricErrors.add("FVD: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    problems.add("FVD: " + e.getMessage());
                }
            }
            problems.addAll(metricErrors);
        }

        @Override
        int run() throws Exception {
            PredictionSet set = select(run);
            Demo d = demoFor(set);
            List<FrameScore> scores = PredictionMetrics.score(set, d);
            List<String> problems = new ArrayList<>(set.problems(d));
            learnedMetrics(set, d, problems);
            ObjectNode root = JSON.createObjectNode();
            root.set("predictions", metaJson(set));
            ArrayNode frames = root.putArray("frames");
            for (FrameScore s : scores) {
                ObjectNode f = frames.addObject();
                f.put("step", s.step());
                f.put("horizon", s.horizon());
                putNumber(f, "psnr", s.psnr());
                putNumber(f, "ssim", s.ssim());
                addFrameMetrics(set, d, s, f);
            }
            ObjectNode summary = root.putObject("summary");
            summary.put("frames", scores.size());
            putNumber(summary, "psnr_mean", PredictionMetrics.mean(scores, FrameScore::psnr));
            putNumber(summary, "ssim_mean", PredictionMetrics.mean(scores, FrameScore::ssim));
            Map<Integer, List<FrameScore>> byHorizon = new TreeMap<>();
            for (FrameScore s : scores) {
                byHorizon.computeIfAbsent(s.horizon(), h -> new ArrayList<>()).add(s);
            }
            ArrayNode horizons = summary.putArray("by_horizon");
            for (Map.Entry<Integer, List<FrameScore>> e : byHorizon.entrySet()) {
                ObjectNode h = horizons.addObject();
                h.put("horizon", e.getKey());
                h.put("frames", e.getValue().size());
                putNumber(h, "psnr", PredictionMetrics.mean(e.getValue(), FrameScore::psnr));
                putNumber(h, "ssim", PredictionMetrics.mean(e.getValue(), FrameScore::ssim));
            }
            addSummaryMetrics(set, d, scores, summary);
            if (fvdModel != null) {
                if (fvd != null) {
                    putNumber(root, "fvd", fvd.fvd());
                } else {
                    root.putNull("fvd");
                }
            }
            problems.forEach(root.putArray("problems")::add);
            int exit = metricErrors.isEmpty() ? 0 : 1;
            if (json) {
                print(root);
                for (String e : metricErrors) {
                    err().println("error: " + e);
                }
                return exit;
            }
            PrintWriter o = out();
            o.println(set.label() + " on " + d.name() + ": " + scores.size() + " frames scored");
            boolean withLpips = !lpips.isEmpty();
            o.printf("%6s %8s %9s %7s" + (withLpips ? " %7s" : "") + "%n", "step", "horizon", "PSNR dB", "SSIM", "LPIPS");
            for (FrameScore s : scores) {
                Double l = lpips.get(s.step());
                o.printf("%6d %8d %9s %7s" + (withLpips ? " %7s" : "") + "%n", s.step(), s.horizon(), fmt(s.psnr(), 2),
                        fmt(s.ssim(), 4), l == null ? "-" : fmt(l, 4));
            }
            o.println("mean PSNR " + fmt(PredictionMetrics.mean(scores, FrameScore::psnr), 2) + " dB, mean SSIM "
                    + fmt(PredictionMetrics.mean(scores, FrameScore::ssim), 4)
                    + (withLpips ? ", mean LPIPS " + fmt(meanLpips(), 4) : ""));
            if (fvd != null) {
                o.println("FVD " + fmt(fvd.fvd(), 2) + " (" + fvd.clips() + " clips of " + fvd.clipLength() + " frames a side)");
            }
            for (String p : problems) {
                err().println("problem: " + p);
            }
            return exit;
        }

        private double meanLpips() {
            return lpips.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** LPIPS of the frame, when --lpips-model scored it. */
        void addFrameMetrics(PredictionSet set, Demo demo, FrameScore score, ObjectNode frame) {
            Double l = lpips.get(score.step());
            if (l != null) {
                putNumber(frame, "lpips", l);
            }
        }

        /** Mean LPIPS in the summary; FVD at the top level ("fvd") and its clips in the summary. */
        void addSummaryMetrics(PredictionSet set, Demo demo, List<FrameScore> scores, ObjectNode summary) {
            if (lpipsModel != null) {
                putNumber(summary, "lpips_mean", meanLpips());
            }
            if (fvdModel != null) {
                ObjectNode f = summary.putObject("fvd");
                if (fvd != null) {
                    putNumber(f, "value", fvd.fvd());
                    f.put("clips", fvd.clips());
                    f.put("clip_length", fvd.clipLength());
                    f.put("frames", fvd.frames());
                } else {
                    f.putNull("value");
                }
                f.put("model", fvdModel.toAbsolutePath().toString());
            }
        }
    }

    // ------------------------------------------------------------------ export

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
            "Exports a comparison for papers and reports: real | predicted [| predicted 2 ...] | |real - predicted| (a heat",
            "map per prediction), per step, as a PNG strip (the steps side by side, at most "
                    + ComparisonExport.STRIP_STEPS + ", evenly spaced), an animated GIF",
            "(loops) or an H.264 MP4. Frames are shown upright unless --orientation says otherwise. Several RUNs compare",
            "runs or checkpoints (name their folders to compare checkpoints of one run)."})
    static final class Export extends OneSet {
        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run names (vla-studio predictions list) or predictions folders")
        List<String> runs;
        @Option(names = "--format", description = "png, gif or mp4 (default: from the --out extension)")
        String format;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write (never replaced without --force)")
        Path out;
        @Option(names = "--steps", paramLabel = StepRange.NOTATION, description = "steps FROM (inclusive) to TO (exclusive); default: every predicted step")
        String steps;
        @Option(names = "--fps", defaultValue = "10", description = "frames per second of a GIF or MP4 (default: ${DEFAULT-VALUE})")
        int fps;
        @Option(names = "--orientation", defaultValue = "upright", description = "upright, raw or rot180 (default: ${DEFAULT-VALUE})")
        String orientation;
        @Option(names = "--force", description = "replace an existing file")
        boolean force;

        Export(AppContext context) {
            super(context);
        }

        @Override
        int run() throws Exception {
            ComparisonExport.Format f;
            try {
                f = format != null ? ComparisonExport.Format.fromId(format) : ComparisonExport.Format.ofFile(out).orElseThrow(
                        () -> new IllegalArgumentException("--format png|gif|mp4 is needed: " + out.getFileName()
                                + " does not end in .png, .gif or .mp4"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            StepRange range;
            ComparisonExport.Options options;
            try {
                range = steps == null ? null : StepRange.parse(steps);
                options = new ComparisonExport.Options(f, range, fps, Orientation.fromId(orientation), force);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (Files.exists(out) && !force) {
                throw new UsageException(out + " exists; nothing was written (--force replaces it)");
            }
            List<PredictionSet> sets = new ArrayList<>();
            for (String r : runs) {
                sets.add(select(r));
            }
            Demo d = demoFor(sets.get(0));
            for (PredictionSet s : sets) {
                for (String p : s.problems(d)) {
                    err().println("problem (" + s.label() + "): " + p);
                }
            }
            ComparisonExport.Result r;
            try {
                r = context.comparisonExport().export(d, sets, out, options, (done, total) -> {
                    if (done == total || done % 25 == 0) {
                        err().printf(Locale.ROOT, "  %d/%d steps%n", done, total);
                        err().flush();
                    }
                });
            } catch (FileAlreadyExistsException e) {
                throw new UsageException(out + " exists; nothing was written (--force replaces it)");
            }
            if (json) {
                ObjectNode n = JSON.createObjectNode();
                n.put("file", r.file().toAbsolutePath().toString());
                n.put("format", r.format().id());
                r.steps().forEach(n.putArray("steps")::add);
                n.put("frames", r.frames());
                n.put("width", r.width());
                n.put("height", r.height());
                print(n);
            } else {
                out().println("wrote " + r.file() + " (" + r.format().id() + ", " + r.width() + "x" + r.height() + ", "
                        + (r.format() == ComparisonExport.Format.PNG ? r.steps().size() + " steps side by side"
                        : r.frames() + " frames at " + fps + " fps") + ")");
            }
            return 0;
        }
    }
}
