package io.vlastudio.training.studio;

import ai.djl.ndarray.NDManager;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.BoundsPreset;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.ImageTokenizer;
import io.vlastudio.tokenizer.image.ImageTokenizers;
import io.vlastudio.tokenizer.image.TokenizerException;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.training.export.PngEncoder;
import io.vlastudio.training.predictions.ActionChunk;
import io.vlastudio.training.predictions.PredictionMeta;
import io.vlastudio.training.predictions.PredictionsFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The prediction API of a trained studio model, on HDF5 demos:
 * <ul>
 *   <li>world model, teacher-forced: frame t+1 predicted from the real frame t and the real action t;</li>
 *   <li>world model, open-loop: from the real frame at {@code start}, N steps feeding back its own predicted frame
 *       (its codes, as the model generated them) with the real actions;</li>
 *   <li>action model: a chunk of K actions predicted from the real history of M frames, decoded in the file's
 *       action units.</li>
 * </ul>
 * Frames go in as WorldVLA's (rotated 180°, fitted to the tokenizer's resolution) and come out in the file's raw
 * orientation at its native size, comparable pixel for pixel with {@code vla-studio frames --orientation raw}.
 */
public final class StudioPredictor implements AutoCloseable {

    public static final String CAMERA = "agentview";

    /** Frames predicted for steps ({@code step} is the step the frame shows). */
    public record PredictedFrame(int step, Frame frame) {
    }

    /** A decoded action chunk predicted at step {@code start}. */
    public record Chunk(int start, double[][] actions) {
    }

    private final Path checkpoint;
    private final ModelSpec spec;
    private final ImageTokenizer tokenizer;
    private final NDManager manager;
    private final StudioModel model;
    private final SampleFactory factory;
    private final UniformBinActionTokenizer actions;
    private final AttentionMasks.Kind mask;
    private final FrameFitter fitter = new FrameFitter();

    private StudioPredictor(Path checkpoint, ModelSpec spec, ImageTokenizer tokenizer, NDManager manager, StudioModel model) {
        this.checkpoint = checkpoint;
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.model = model;
        this.factory = new SampleFactory(new StudioVocabulary(spec.codebookSize(), spec.words()));
        this.actions = new UniformBinActionTokenizer(new ActionBounds(BoundsPreset.MINMAX, spec.boundsMin(), spec.boundsMax()));
        this.mask = AttentionMasks.Kind.fromId(spec.mask());
    }

    /**
     * The checkpoint a path names: a checkpoint folder itself, or a run's output folder (its {@code checkpoint} folder
     * when given, else the latest {@code epoch*}).
     */
    public static Path resolveCheckpoint(Path runOrCheckpoint, String checkpoint) throws IOException {
        if (Files.isRegularFile(runOrCheckpoint.resolve(Checkpoints.SPEC))) {
            return runOrCheckpoint;
        }
        if (!Files.isDirectory(runOrCheckpoint)) {
            throw new IOException(runOrCheckpoint + ": no such run output folder or checkpoint");
        }
        if (checkpoint != null) {
            Path c = runOrCheckpoint.resolve(checkpoint);
            if (!Files.isRegularFile(c.resolve(Checkpoints.SPEC))) {
                throw new IOException(runOrCheckpoint + " has no studio-model checkpoint " + checkpoint);
            }
            return c;
        }
        return Checkpoints.latest(runOrCheckpoint).orElseThrow(() -> new IOException(runOrCheckpoint
                + " holds no studio-model checkpoint (epoch<E>/ with " + Checkpoints.SPEC + "): train it first"));
    }

    /** Opens a checkpoint with the image tokenizer it was trained with (refused when that tokenizer changed). */
    public static StudioPredictor open(Path checkpoint, TorchRuntime runtime, Path tokenizerOverride) throws IOException {
        ModelSpec spec = Checkpoints.readSpec(checkpoint);
        Path tokDir = tokenizerOverride != null ? tokenizerOverride : Path.of(spec.tokenizerDir());
        ImageTokenizer tokenizer;
        try {
            tokenizer = new ImageTokenizers(runtime).open(tokDir);
        } catch (TokenizerException e) {
            throw new IOException("the image tokenizer " + checkpoint + " was trained with cannot be opened: " + e.getMessage(), e);
        }
        String fp = StudioTrainer.fingerprint(tokDir);
        if (!fp.equals(spec.tokenizerFingerprint())) {
            tokenizer.close();
            throw new IOException("the image tokenizer in " + tokDir + " (" + ModelSpec.shortHash(fp) + ") is not the one "
                    + checkpoint + " was trained with (" + ModelSpec.shortHash(spec.tokenizerFingerprint())
                    + "): it changed since training, so the model's image codes mean something else now");
        }
        NDManager manager = runtime.newManager();
        StudioModel model = new StudioModel(runtime.engine(), manager, spec.model(), spec.seed());
        try {
            Checkpoints.load(checkpoint, model, false, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw new IOException(checkpoint + ": " + e.getMessage(), e);
        }
        return new StudioPredictor(checkpoint, spec, tokenizer, manager, model);
    }

    public ModelSpec spec() {
        return spec;
    }

    public Path checkpoint() {
        return checkpoint;
    }

    private CodeGrid encode(Demo demo, int step) throws DatasetException, IOException {
        Frame f = demo.frame(CAMERA, step, Orientation.ROT180);
        try {
            return tokenizer.encode(fitter.fit(f, tokenizer.resolution()).frame());
        } catch (TokenizerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private int[] bins(double[] action, String demo, int step) {
        return actions.encode(action, demo, step);
    }

    private CodeGrid nextCodes(CodeGrid current, int[] actionBins, int step) {
        EncodedSample s = factory.world("predict", 0, step, new TokenSequenceBuilder.StepImage(step, current),
                new TokenSequenceBuilder.StepAction(step, actionBins), new TokenSequenceBuilder.StepImage(step + 1, current));
        int[] prefix = java.util.Arrays.copyOf(s.ids(), s.answerStart());
        int[] answer = model.generate(prefix, factory.imageSlots(current.rows(), current.cols()), mask);
        return SampleFactory.imageCodes(answer, current.rows(), current.cols(), Orientation.ROT180);
    }

    /** A generated frame back in the file's raw orientation and native size. */
    private Frame toRaw(CodeGrid codes, int width, int height) throws IOException {
        Frame f;
        try {
            f = tokenizer.decode(codes);
        } catch (TokenizerException e) {
            throw new IOException(e.getMessage(), e);
        }
        Frame sized = f.width() == width && f.height() == height ? f : FrameFitter.resize(f, width, height);
        return new Frame(width, height, Orientation.RAW, Orientation.ROT180.apply(sized.rgb(), 0, height, width, 3));
    }

    /**
     * Frames {@code start+1 .. start+steps} of a demo.
     *
     * @param openLoop feed back its own frames (true) or the real frame of every step (false: teacher-forced)
     */
    public List<PredictedFrame> rollout(Demo demo, int start, int steps, boolean openLoop, Progress progress)
            throws DatasetException, IOException {
        int end = Math.min(demo.length() - 1, start + steps);
        if (start < 0 || start >= end) {
            throw new IllegalArgumentException(demo.name() + " has steps 0.." + (demo.length() - 1) + "; a rollout from step "
                    + start + " needs a next frame");
        }
        double[][] acts = demo.actions();
        Frame first = demo.frame(CAMERA, start, Orientation.RAW);
        List<PredictedFrame> out = new ArrayList<>();
        CodeGrid current = encode(demo, start);
        for (int t = start; t < end; t++) {
            if (!openLoop && t > start) {
                current = encode(demo, t);
            }
            CodeGrid next = nextCodes(current, bins(acts[t], demo.name(), t), t);
            out.add(new PredictedFrame(t + 1, toRaw(next, first.width(), first.height())));
            current = next;
            progress.report(t - start + 1, end - start);
        }
        return out;
    }

    /** Action chunks predicted from the real history at steps {@code from, from+stride, ...} below {@code to}. */
    public List<Chunk> actionChunks(Demo demo, String taskText, int from, int to, int stride, Progress progress)
            throws DatasetException, IOException {
        int k = spec.chunk();
        List<Chunk> out = new ArrayList<>();
        int last = Math.min(to, demo.length() - 1);
        double[][] acts = demo.actions();
        int total = Math.max(1, (last - from + stride) / stride);
        int done = 0;
        for (int t = from; t <= last; t += stride) {
            List<TokenSequenceBuilder.StepImage> imgs = new ArrayList<>();
            for (int s : TokenSequenceBuilder.historySteps(t, spec.history())) {
                imgs.add(new TokenSequenceBuilder.StepImage(s, encode(demo, s)));
            }
            List<TokenSequenceBuilder.StepAction> dummy = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                dummy.add(new TokenSequenceBuilder.StepAction(t + i, bins(acts[Math.min(acts.length - 1, t + i)], demo.name(), t)));
            }
            EncodedSample s = factory.action("predict", 0, t, taskText, imgs, dummy);
            int[] prefix = java.util.Arrays.copyOf(s.ids(), s.answerStart());
            int[] answer = model.generate(prefix, SampleFactory.actionSlots(k, actions.dimensions()), mask);
            int[][] b = SampleFactory.actionTokens(answer, k, actions.dimensions());
            double[][] a = new double[k][];
            for (int i = 0; i < k; i++) {
                a[i] = actions.decode(b[i]);
            }
            out.add(new Chunk(t, a));
            progress.report(++done, total);
        }
        return out;
    }

    /** Task text as the export's {@code task-dir} prompts spell it: the file stem without {@code _demo}, spaces for _. */
    public static String taskText(Path hdf5) {
        return hdf5.getFileName().toString().replaceAll("\\.hdf5$", "").replaceAll("_demo$", "").replace('_', ' ');
    }

    /** Writes a predictions folder (contract C, through {@link PredictionsFolder}, the owner of its format). */
    public void write(Path dir, String run, String mode, int start, Path file, Demo demo, List<PredictedFrame> frames,
                      List<Chunk> chunks) throws IOException {
        Files.createDirectories(dir);
        int w = frames.isEmpty() ? 0 : frames.get(0).frame().width();
        int h = frames.isEmpty() ? 0 : frames.get(0).frame().height();
        PngEncoder png = new PngEncoder();
        for (PredictedFrame pf : frames) {
            PredictionsFolder.writeFrame(dir, pf.step(), pf.frame(), png);
        }
        List<ActionChunk> cs = new ArrayList<>();
        for (Chunk c : chunks) {
            cs.add(new ActionChunk(c.start(), c.actions()));
        }
        PredictionsFolder.writeActions(dir, cs);
        // meta.json last: a folder with it is complete
        PredictionsFolder.writeMeta(dir, new PredictionMeta(run, checkpoint.getFileName().toString(),
                PredictionMeta.SOURCE_STUDIO_MODEL, mode, start, file.toAbsolutePath(), demo.name(), demo.length(), CAMERA,
                Orientation.RAW.id(), w, h));
    }

    /** Progress of a long prediction: {@code done} of {@code total}. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void report(int done, int total);
    }

    @Override
    public void close() {
        model.close();
        manager.close();
        tokenizer.close();
    }
}
