package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.store.Workspace;
import io.vlastudio.training.run.RunConfig;
import io.vlastudio.training.run.RunLauncher;
import io.vlastudio.training.run.Target;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.training.predictions.PredictionsFolder;
import io.vlastudio.training.predictions.WorldVlaPredictor;
import io.vlastudio.training.run.StageCommand;
import io.vlastudio.training.studio.StudioPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vla-studio predict RUN --demo FILE#DEMO --mode teacher-forced|open-loop [--checkpoint C] [--out DIR]}: a studio
 * model's (or, for a WorldVLA run of the workspace, a WorldVLA checkpoint's, through {@link WorldVlaPredictor})
 * predicted frames and action chunks for a demo, as a predictions folder (contract C: meta.json,
 * frame_NNNNNN.png in the file's raw orientation and native size, actions.json in the file's action units). RUN is a
 * run of the workspace or a run's output (or checkpoint) folder; without {@code --out} the folder is
 * {@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Rolls a trained studio model (or a WorldVLA run's checkpoint) out over a demo and predicts action",
                "chunks from its real history.",
                "RUN is a run of the workspace (vla-studio run list) or a studio-model run's output folder (or a checkpoint",
                "folder). A WorldVLA run uses its WorldVLA Python and checkout through the studio's generation driver.",
                "Without --out the results go to <workspace>/predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/.",
                "Frames are written in the file's raw orientation and size, comparable pixel for pixel with",
                "`vla-studio frames --orientation raw`."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "a run of the workspace, or a run output folder or checkpoint folder")
    private String run;

    @Mixin
    private WorkspaceOption workspace;

    @Option(names = "--demo", required = true, paramLabel = "FILE#DEMO", description = "HDF5 file and demo, e.g. data/x_demo.hdf5#demo_3")
    private String demo;

    @Option(names = "--mode", required = true, description = "teacher-forced (each frame from the real previous one) or "
            + "open-loop (from --start, feeding back its own frames with the real actions)")
    private String mode;

    @Option(names = "--checkpoint", description = "checkpoint folder name in RUN, e.g. epoch3 (default: the latest)")
    private String checkpoint;

    @Option(names = "--out", description = "output folder (must be empty or new); default: the workspace's "
            + "predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/")
    private Path out;

    @Option(names = "--start", defaultValue = "0", description = "first step (default: ${DEFAULT-VALUE})")
    private int start;

    @Option(names = "--steps", description = "frames to predict (default: to the end of the demo)")
    private Integer steps;

    @Option(names = "--preview", description = "WorldVLA runs: print the generation driver's cwd, argv and env as JSON "
            + "and stop")
    private boolean preview;

    @Option(names = "--chunk-stride", description = "steps between predicted action chunks (default: the chunk size K)")
    private Integer stride;

    @Option(names = "--model-class", paramLabel = "MODULE:CLASS", description = "WorldVLA runs: WorldVLA's model class, "
            + "imported from the checkout's worldvla/ folder (default: " + WorldVlaPredictor.DEFAULT_MODEL_CLASS + ")")
    private String modelClass;

    @Option(names = "--item-processor", paramLabel = "MODULE:CLASS", description = "WorldVLA runs: WorldVLA's item "
            + "processor that tokenizes the prompts and decodes the images (default: the run's, as its pre-tokenize stage "
            + "used it; data.pre_tokenize_action:ItemProcessor unless the run was created with another)")
    private String itemProcessor;

    private final AppContext context;

    PredictCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int hash = demo.lastIndexOf('#');
        if (hash <= 0 || hash == demo.length() - 1) {
            err.println("error: --demo must be FILE#DEMO, e.g. libero_goal/open_the_drawer_demo.hdf5#demo_3; got " + demo);
            return 2;
        }
        if (!mode.equals("teacher-forced") && !mode.equals("open-loop")) {
            err.println("error: --mode must be teacher-forced or open-loop, got " + mode);
            return 2;
        }
        try {
            if (modelClass != null) {
                WorldVlaPredictor.classSpec("--model-class", modelClass);
            }
            if (itemProcessor != null) {
                WorldVlaPredictor.classSpec("--item-processor", itemProcessor);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (out != null && !emptyOrNew(out, err)) {
            return 2;
        }
        Path file = Path.of(demo.substring(0, hash));
        String demoName = demo.substring(hash + 1);
        try {
            Path runDir;
            String runName;
            Path folder = Path.of(run);
            if (Files.isDirectory(folder)) {
                runDir = folder;
                runName = null;
            } else {
                runName = run;
                RunConfig worldVlaRun = worldVlaRun(run);
                if (worldVlaRun != null) {
                    return predictWorldVla(worldVlaRun, file, demoName, err);
                }
                runDir = runOutput(run);
            }
            if (modelClass != null || itemProcessor != null) {
                err.println("error: --model-class and --item-processor choose WorldVLA's code for a WorldVLA run; " + run
                        + " is a studio-model run");
                return 2;
            }
            Path ckpt = StudioPredictor.resolveCheckpoint(runDir, checkpoint);
            if (runName == null) {
                runName = Files.isRegularFile(folder.resolve("model.json")) ? ckpt.getParent().getFileName().toString()
                        : folder.toAbsolutePath().normalize().getFileName().toString();
                if (runName.equals("output") && folder.toAbsolutePath().normalize().getParent() != null) {
                    // a launcher run's output folder: <workspace>/runs/<run>/output
                    runName = folder.toAbsolutePath().normalize().getParent().getFileName().toString();
                }
            }
            Path target = out;
            if (target == null) {
                target = predictionsFolder(workspace.resolve(context), runName, ckpt.getFileName().toString(), mode, file, demoName);
                if (!emptyOrNew(target, err)) {
                    return 2;
                }
            }
            try (StudioPredictor p = StudioPredictor.open(ckpt, context.torch(), null);
                 DemoFile f = context.reader().open(file)) {
                Demo d = f.openDemo(demoName);
                int n = steps == null ? d.length() - 1 - start : steps;
                err.println("predicting " + n + " frames (" + mode + ") of " + file.getFileName() + "#" + demoName + " with "
                        + ckpt);
                List<StudioPredictor.PredictedFrame> frames = p.rollout(d, start, n, mode.equals("open-loop"),
                        (done, total) -> progress(err, "frames", done, total));
                int k = stride == null ? p.spec().chunk() : stride;
                List<StudioPredictor.Chunk> chunks = p.actionChunks(d, StudioPredictor.taskText(file), start,
                        Math.min(d.length() - p.spec().chunk(), start + n), k, (done, total) -> progress(err, "action chunks", done, total));
                p.write(target, runName, mode, start, file, d, frames, chunks);
                spec.commandLine().getOut().println("wrote " + frames.size() + " frames and " + chunks.size()
                        + " action chunks to " + target);
                return 0;
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** The run's config when RUN is a WorldVLA run of the workspace (any target but studio-model), else null. */
    private RunConfig worldVlaRun(String name) throws Exception {
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            RunConfig c = context.runLauncher(ws).config(name).orElse(null);
            return c != null && c.target() != Target.STUDIO_MODEL ? c : null;
        }
    }

    /**
     * A WorldVLA run: the studio's generation driver with the run's WorldVLA Python and checkout on a checkpoint of
     * its output ({@code --checkpoint}, default the latest {@code epoch<E>}); {@code --preview} prints the command.
     */
    private int predictWorldVla(RunConfig c, Path file, String demoName, PrintWriter err) throws Exception {
        Path runDir;
        Path output;
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            runDir = context.runLauncher(ws).layout(c).runDir();
            output = context.runLauncher(ws).layout(c).output();
        }
        Path ckpt = WorldVlaPredictor.resolveCheckpoint(output, checkpoint);
        try (DemoFile f = context.reader().open(file)) {
            Demo d = f.openDemo(demoName);
            int[] mk = WorldVlaPredictor.historyAndChunk(Path.of(c.export()));
            int n = steps == null ? d.length() - 1 - start : steps;
            int k = stride == null ? mk[1] : stride;
            WorldVlaPredictor.Request r = new WorldVlaPredictor.Request(c, ckpt, file.toAbsolutePath().normalize(), demoName,
                    d.length(), mode, start, n, mk[0], mk[1], k, StudioPredictor.taskText(file), modelClass, itemProcessor);
            Path work = runDir.resolve("predict").resolve(ckpt.getFileName().toString()).resolve(mode)
                    .resolve(PredictionsFolder.demoKey(file, demoName));
            if (preview) {
                StageCommand cmd = WorldVlaPredictor.command(r, work);
                var json = new com.fasterxml.jackson.databind.ObjectMapper().enable(
                        com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
                var root = json.createObjectNode();
                var o = root.putObject("predict");
                o.put("cwd", cmd.cwd().toString());
                cmd.argv().forEach(o.putArray("argv")::add);
                var env = o.putObject("env");
                cmd.env().forEach(env::put);
                spec.commandLine().getOut().println(json.writeValueAsString(root));
                return 0;
            }
            Path target = out != null ? out
                    : predictionsFolder(workspace.resolve(context), c.name(), ckpt.getFileName().toString(), mode, file, demoName);
            if (!emptyOrNew(target, err)) {
                return 2;
            }
            err.println("predicting " + n + " frames (" + mode + ") of " + file.getFileName() + "#" + demoName
                    + " with WorldVLA checkpoint " + ckpt + " (log: " + work.resolve("predict.log") + ")");
            WorldVlaPredictor.prepare(r, d, work);
            WorldVlaPredictor.runDriver(r, work, line -> {
                err.println("  " + line);
                err.flush();
            }, java.time.Duration.ofHours(24));
            List<String> problems = WorldVlaPredictor.finish(r, d, work, target, c.name(),
                    new UniformBinActionTokenizer(ActionBounds.worldVla()));
            problems.forEach(p -> err.println("warning: " + p));
            spec.commandLine().getOut().println("wrote WorldVLA predictions (" + n + " frames) to " + target);
            return 0;
        }
    }

    /** Contract C: {@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<file stem>#<demo>/}. */
    static Path predictionsFolder(Path workspaceDir, String run, String checkpoint, String mode, Path file, String demo) {
        return PredictionsFolder.workspaceFolder(workspaceDir, run, checkpoint, mode, file, demo);
    }

    /** The output folder of a run of the workspace. */
    private Path runOutput(String name) throws Exception {
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            RunLauncher launcher = context.runLauncher(ws);
            RunConfig c = launcher.config(name).orElseThrow(() -> new IllegalArgumentException("'" + name
                    + "' is neither a folder nor a run of workspace " + ws.directory() + " (vla-studio run list shows the runs)"));
            if (c.target() != Target.STUDIO_MODEL) {
                throw new IllegalArgumentException("run " + name + " trains WorldVLA (target " + c.target().id()
                        + "); predict reads studio-model runs");
            }
            return launcher.layout(c).output();
        }
    }

    private static boolean emptyOrNew(Path dir, PrintWriter err) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    err.println("error: " + dir + " is not empty; predictions are never written over existing files"
                            + " (delete it, or choose another folder with --out)");
                    return false;
                }
            }
        }
        return true;
    }

    private static void progress(PrintWriter err, String what, int done, int total) {
        if (done == total || done % 10 == 0) {
            err.println(String.format(Locale.ROOT, "  %s %d/%d", what, done, total));
            err.flush();
        }
    }
}
