package io.vlastudio.app.tokens;

import io.vlastudio.app.tasks.JobContext;
import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.ActionTokenStatistics;
import io.vlastudio.tokenizer.action.BoundsCalculator;
import io.vlastudio.tokenizer.action.BoundsPreset;
import io.vlastudio.tokenizer.action.DemoActions;
import io.vlastudio.tokenizer.action.DemoActionsReader;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.action.WorldVlaBoundsSnippet;
import io.vlastudio.tokenizer.image.BuiltinTokenizerStore;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.CodebookUsage;
import io.vlastudio.tokenizer.image.DemoReconstructor;
import io.vlastudio.tokenizer.image.DemoTokenization;
import io.vlastudio.tokenizer.image.FrameReconstruction;
import io.vlastudio.tokenizer.image.ImageTokenizer;
import io.vlastudio.tokenizer.image.ImageTokenizers;
import io.vlastudio.tokenizer.image.PatchCodebookTrainer;
import io.vlastudio.tokenizer.image.TorchScriptVqGan;
import io.vlastudio.tokenizer.sequence.ChameleonVocabulary;
import io.vlastudio.tokenizer.sequence.HuggingFaceTextTokenizer;
import io.vlastudio.tokenizer.sequence.TextTokenizer;
import io.vlastudio.tokenizer.sequence.TokenSequence;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepAction;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepImage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * State of the tokenizer preview: the demo it shows, the image tokenizer, the frame-by-frame reconstruction, the
 * whole-demo tokenization (background, cached), action tokens with their statistics and bounds, and the token
 * sequence of a step. Lives on the FX thread; every file read and model call goes through the {@link TaskRunner}.
 */
public final class TokensViewModel {

    /** Which WorldVLA sample the sequence view shows. */
    public enum SampleKind {
        ACTION_MODEL("Action model"), WORLD_MODEL("World model");

        private final String label;

        SampleKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where the prompt's task text comes from. */
    public enum PromptSource {
        /** WorldVLA's training data: the task name with underscores as spaces (keeps libero_10's scene prefix). */
        TASK_NAME("Task name (WorldVLA training data)"),
        /** The language instruction, as WorldVLA's evaluation prompts. */
        INSTRUCTION("Language instruction (WorldVLA evaluation)");

        private final String label;

        PromptSource(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final DemoActionsReader actionsReader;
    private final BoundsCalculator boundsCalculator;
    private final ImageTokenizers tokenizers;
    private final BuiltinTokenizerStore builtin;
    private final DemoReconstructor reconstructor;
    private final TaskRunner runner;

    private List<DemoFile> viewFiles = List.of();
    private final ReadOnlyObjectWrapper<DemoFile> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Demo> demo = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper demoLabel = new ReadOnlyStringWrapper("No demo selected: choose one in the library.");

    private final ReadOnlyObjectWrapper<ImageTokenizer> tokenizer = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper tokenizerLabel = new ReadOnlyStringWrapper(
            "No image tokenizer yet: choose Built-in tokenizer (trained in a minute) or a VQ-GAN folder.");
    private String tokenizerKey = "";
    private final ObjectProperty<String> camera = new SimpleObjectProperty<>("agentview");
    private final ObjectProperty<Orientation> orientation = new SimpleObjectProperty<>(Orientation.ROT180);
    private final IntegerProperty step = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper lastStep = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<FrameReconstruction> reconstruction = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DemoTokenization> demoTokenization = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CodebookUsage> viewUsage = new ReadOnlyObjectWrapper<>();
    private final Map<String, CodebookUsage> usageByDemo = new HashMap<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    private final ObjectProperty<BoundsPreset> boundsPreset = new SimpleObjectProperty<>(BoundsPreset.WORLDVLA);
    private final ReadOnlyObjectWrapper<ActionBounds> bounds = new ReadOnlyObjectWrapper<>(ActionBounds.worldVla());
    private final ReadOnlyObjectWrapper<ActionTokenStatistics> actionStatistics = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper snippet = new ReadOnlyStringWrapper(WorldVlaBoundsSnippet.of(ActionBounds.worldVla()));
    private final ReadOnlyObjectWrapper<int[][]> demoActionTokens = new ReadOnlyObjectWrapper<>();

    private final ObjectProperty<SampleKind> sampleKind = new SimpleObjectProperty<>(SampleKind.ACTION_MODEL);
    private final IntegerProperty history = new SimpleIntegerProperty(2);
    private final IntegerProperty chunk = new SimpleIntegerProperty(5);
    private final ObjectProperty<PromptSource> promptSource = new SimpleObjectProperty<>(PromptSource.TASK_NAME);
    private final ObjectProperty<Path> textTokenizerFile = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<TokenSequence> sequence = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sequenceNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper promptWarning = new ReadOnlyStringWrapper("");
    private final BooleanProperty sequenceVisible = new SimpleBooleanProperty(false);

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Consumer<String> errorHandler = m -> { };
    private long frameRequest;
    private long sequenceRequest;
    private RunningJob demoJob;
    private TextTokenizer text;
    private ChameleonVocabulary vocabulary = ChameleonVocabulary.fallback();
    private Path loadedTextTokenizer;

    public TokensViewModel(DemoActionsReader actionsReader, BoundsCalculator boundsCalculator, ImageTokenizers tokenizers,
                           BuiltinTokenizerStore builtin, DemoReconstructor reconstructor, TaskRunner runner) {
        this.actionsReader = actionsReader;
        this.boundsCalculator = boundsCalculator;
        this.tokenizers = tokenizers;
        this.builtin = builtin;
        this.reconstructor = reconstructor;
        this.runner = runner;
        step.addListener((obs, o, n) -> {
            loadReconstruction();
            loadSequence();
        });
        camera.addListener((obs, o, n) -> demoChanged());
        orientation.addListener((obs, o, n) -> demoChanged());
        boundsPreset.addListener((obs, o, n) -> loadActions());
        sampleKind.addListener((obs, o, n) -> loadSequence());
        history.addListener((obs, o, n) -> loadSequence());
        chunk.addListener((obs, o, n) -> loadSequence());
        promptSource.addListener((obs, o, n) -> loadSequence());
        textTokenizerFile.addListener((obs, o, n) -> loadSequence());
        sequenceVisible.addListener((obs, o, n) -> loadSequence());
    }

    public void setErrorHandler(Consumer<String> handler) {
        this.errorHandler = handler;
    }

    /**
     * Shows a demo. {@code files} are all files open in the view: data-derived bounds and the view's codebook usage
     * are computed over them.
     */
    public void show(List<DemoFile> files, DemoFile f, String demoName) {
        viewFiles = List.copyOf(files);
        if (f == null || demoName == null) {
            return;
        }
        if (f.equals(file.get()) && demo.get() != null && demo.get().name().equals(demoName)) {
            return;
        }
        file.set(f);
        chunk.set(f.suite().startsWith("libero_10") ? 10 : 5);
        demoLabel.set(f.task() + " · " + demoName);
        runner.interactive("Opening " + demoName, ctx -> f.openDemo(demoName), d -> {
            demo.set(d);
            lastStep.set(Math.max(0, d.length() - 1));
            if (d.cameras().stream().noneMatch(c -> c.name().equals(camera.get())) && !d.cameras().isEmpty()) {
                camera.set(d.cameras().get(0).name());
            }
            demoLabel.set(f.task() + " · " + d.name() + " · " + d.length() + " steps");
            demoChanged();
            loadActions();
        }, e -> fail("Could not open " + demoName, e));
    }

    private void demoChanged() {
        demoTokenization.set(null);
        if (step.get() != 0) {
            step.set(0);
        } else {
            loadReconstruction();
            loadSequence();
        }
        Demo d = demo.get();
        ImageTokenizer t = tokenizer.get();
        if (d != null && t != null) {
            DemoTokenization hit = reconstructor.cached(key(d));
            if (hit != null) {
                demoTokenization.set(hit);
            }
        }
    }

    // ---- image tokenizer -------------------------------------------------------------------------------------

    /** Uses the workspace's built-in tokenizer, training it on the view's files first if there is none. */
    public void useBuiltin(PatchCodebookTrainer.Settings settings) {
        if (builtin.exists()) {
            setTokenizer("Opening the built-in tokenizer", ctx -> builtin.open(), builtin.folder().toString());
            return;
        }
        trainBuiltin(settings);
    }

    /** Trains the built-in tokenizer on the view's files (replacing a saved one) and uses it. */
    public void trainBuiltin(PatchCodebookTrainer.Settings settings) {
        List<DemoFile> files = viewFiles.isEmpty() && file.get() != null ? List.of(file.get()) : viewFiles;
        if (files.isEmpty()) {
            errorHandler.accept("Open some demonstrations first: the built-in tokenizer is trained on the frames of the open files.");
            return;
        }
        setTokenizer("Training the built-in tokenizer on " + files.size() + (files.size() == 1 ? " file" : " files"),
                ctx -> builtin.train(files, settings, ctx, ctx::isCancelled), builtin.folder().toString());
    }

    /** Uses the tokenizer in a folder (an exported Chameleon VQ-GAN or a saved built-in one). */
    public void useFolder(Path dir) {
        setTokenizer("Loading the tokenizer in " + dir.getFileName(), ctx -> tokenizers.open(dir), dir.toString());
        if (textTokenizerFile.get() == null) {
            for (Path candidate : new Path[] {dir.resolve("text_tokenizer.json"),
                    dir.getParent() == null ? null : dir.getParent().resolve("text_tokenizer.json")}) {
                if (candidate != null && Files.isRegularFile(candidate)) {
                    textTokenizerFile.set(candidate);
                    break;
                }
            }
        }
    }

    private interface Opener {
        ImageTokenizer open(JobContext ctx) throws Exception;
    }

    private void setTokenizer(String title, Opener opener, String key) {
        busy.set(true);
        status.set(title + "…");
        runner.run(TaskRunner.Request.batch(title), opener::open, t -> {
            busy.set(false);
            ImageTokenizer old = tokenizer.get();
            tokenizerKey = key;
            tokenizer.set(t);
            tokenizerLabel.set(t.description());
            status.set("Image tokenizer: " + t.description());
            usageByDemo.clear();
            viewUsage.set(null);
            if (old != null) {
                runner.closeLater(old);
            }
            demoChanged();
        }, e -> {
            busy.set(false);
            fail(title, e);
        }, () -> {
            busy.set(false);
            ImageTokenizer current = tokenizer.get();
            status.set("Cancelled: " + title + (current == null ? "" : ". Image tokenizer: " + current.description()));
        });
    }

    private DemoReconstructor.Key key(Demo d) {
        return new DemoReconstructor.Key(file.get().path().toString(), d.name(), camera.get(), orientation.get(), tokenizerKey);
    }

    private void loadReconstruction() {
        Demo d = demo.get();
        ImageTokenizer t = tokenizer.get();
        if (d == null || t == null) {
            return;
        }
        int s = Math.max(0, Math.min(step.get(), d.length() - 1));
        String cam = camera.get();
        Orientation o = orientation.get();
        long request = ++frameRequest;
        runner.run(TaskRunner.Request.batch("Tokenizing step " + s).latest("tokens-step"),
                ctx -> reconstructor.reconstruct(t, d.frame(cam, s, o), s), r -> {
            if (request == frameRequest) {
                reconstruction.set(r);
            }
        }, e -> fail("Could not tokenize step " + s, e), () -> { });
    }

    /** Tokenizes every frame of the demo in the background (cached), for the PSNR/SSIM timeline and codebook usage. */
    public void tokenizeDemo() {
        Demo d = demo.get();
        ImageTokenizer t = tokenizer.get();
        if (d == null || t == null) {
            errorHandler.accept("Choose a demo and an image tokenizer first.");
            return;
        }
        if (demoJob != null && !demoJob.isDone()) {
            demoJob.cancel();
        }
        DemoReconstructor.Key key = key(d);
        String cam = camera.get();
        Orientation o = orientation.get();
        String path = file.get().path().toString();
        String tk = tokenizerKey;
        demoJob = runner.run("Tokenizing " + d.name(), ctx -> reconstructor.tokenize(t, tk, path, d, cam, o, ctx, ctx::isCancelled),
                result -> {
                    if (d == demo.get() && t == tokenizer.get()) {
                        demoTokenization.set(result);
                    }
                    usageByDemo.put(key.toString(), result.usage());
                    viewUsage.set(usageByDemo.values().stream().reduce(CodebookUsage::plus).orElse(null));
                    status.set(String.format(Locale.ROOT, "%s: mean PSNR %.2f dB, SSIM %.4f; %d of %d codes used",
                            d.name(), result.meanPsnr(), result.meanSsim(), result.usage().usedCodes(), result.usage().codebookSize()));
                }, e -> fail("Could not tokenize " + d.name(), e));
    }

    // ---- actions ---------------------------------------------------------------------------------------------

    private void loadActions() {
        DemoFile f = file.get();
        Demo d = demo.get();
        if (f == null || d == null) {
            return;
        }
        BoundsPreset preset = boundsPreset.get();
        List<DemoFile> scope = viewFiles.isEmpty() ? List.of(f) : viewFiles;
        runner.run("Tokenizing actions", ctx -> {
            List<DemoActions> data = new ArrayList<>();
            for (DemoFile vf : scope) {
                data.addAll(actionsReader.readAll(vf));
            }
            ActionBounds b = boundsCalculator.compute(preset, data);
            UniformBinActionTokenizer tok = new UniformBinActionTokenizer(b);
            DemoActions current = actionsReader.read(f, d.name());
            return new Object[] {b, ActionTokenStatistics.compute(tok, data), tok.encode(current)};
        }, r -> {
            ActionBounds b = (ActionBounds) r[0];
            bounds.set(b);
            actionStatistics.set((ActionTokenStatistics) r[1]);
            demoActionTokens.set((int[][]) r[2]);
            snippet.set(WorldVlaBoundsSnippet.of(b));
            loadSequence();
        }, e -> fail("Could not tokenize the actions", e));
    }

    // ---- token sequence --------------------------------------------------------------------------------------

    private void loadSequence() {
        DemoFile f = file.get();
        Demo d = demo.get();
        ImageTokenizer t = tokenizer.get();
        int[][] actions = demoActionTokens.get();
        if (!sequenceVisible.get() || f == null || d == null) {
            return;
        }
        if (t == null) {
            sequence.set(null);
            sequenceNote.set("Choose an image tokenizer to see the image tokens.");
            return;
        }
        if (actions == null) {
            return;
        }
        int j = Math.max(0, Math.min(step.get(), d.length() - 1));
        SampleKind kind = sampleKind.get();
        int m = Math.max(1, history.get());
        int k = Math.max(1, chunk.get());
        if (kind == SampleKind.ACTION_MODEL && !TokenSequenceBuilder.hasActionChunk(j, k, d.length())) {
            sequence.set(null);
            sequenceNote.set("Step " + j + " has fewer than " + k + " future actions: WorldVLA makes no action-model sample of it "
                    + "(the last is step " + (d.length() - k) + ").");
            return;
        }
        if (kind == SampleKind.WORLD_MODEL && !TokenSequenceBuilder.hasNextFrame(j, d.length())) {
            sequence.set(null);
            sequenceNote.set("Step " + j + " is the last: WorldVLA makes no world-model sample of it.");
            return;
        }
        String taskName = f.task().replace('_', ' ');
        String task = promptSource.get() == PromptSource.TASK_NAME ? taskName : f.language();
        promptWarning.set(taskName.equalsIgnoreCase(f.language()) ? "" : "WorldVLA's training prompts use \"" + taskName
                + "\" while its evaluation uses \"" + f.language() + "\".");
        String cam = camera.get();
        Orientation o = orientation.get();
        Path textFile = textTokenizerFile.get();
        long request = ++sequenceRequest;
        runner.run(TaskRunner.Request.batch("Assembling the tokens of step " + j).latest("tokens-sequence"), ctx -> {
            TokenSequenceBuilder builder = builder(textFile);
            if (kind == SampleKind.ACTION_MODEL) {
                List<StepImage> images = new ArrayList<>();
                for (int s : TokenSequenceBuilder.historySteps(j, m)) {
                    images.add(new StepImage(s, encode(t, d.frame(cam, s, o))));
                }
                List<StepAction> acts = new ArrayList<>();
                for (int s = j; s < j + k; s++) {
                    acts.add(new StepAction(s, actions[s]));
                }
                return builder.actionModel(j, task, images, acts);
            }
            return builder.worldModel(j, new StepImage(j, encode(t, d.frame(cam, j, o))), new StepAction(j, actions[j]),
                    new StepImage(j + 1, encode(t, d.frame(cam, j + 1, o))));
        }, s -> {
            if (request == sequenceRequest) {
                sequence.set(s);
                sequenceNote.set(s.textTokenized() ? "" : "Prompt text shown as one block: " + s.textNote() + ".");
            }
        }, e -> fail("Could not assemble the tokens of step " + j, e), () -> { });
    }

    private CodeGrid encode(ImageTokenizer t, Frame frame) throws Exception {
        return reconstructor.reconstruct(t, frame, 0).codes();
    }

    /** The builder for the chosen text tokenizer; loads (and keeps) it on first use. Runs on the worker. */
    private synchronized TokenSequenceBuilder builder(Path textFile) throws Exception {
        if (textFile == null) {
            return new TokenSequenceBuilder(ChameleonVocabulary.fallback(), null,
                    "no text_tokenizer.json chosen (Chameleon's tokenizer folder has it); image codes use id = code + 4");
        }
        if (!textFile.equals(loadedTextTokenizer)) {
            if (text != null) {
                text.close();
            }
            text = HuggingFaceTextTokenizer.open(textFile);
            vocabulary = ChameleonVocabulary.read(textFile);
            loadedTextTokenizer = textFile;
        }
        return new TokenSequenceBuilder(vocabulary, text, null);
    }

    private void fail(String what, Throwable e) {
        String message = e instanceof DatasetException || e instanceof io.vlastudio.tokenizer.image.TokenizerException
                || e instanceof IllegalArgumentException ? e.getMessage() : what + ": " + e;
        status.set(message);
        errorHandler.accept(message);
    }

    /** Moves the step by {@code delta}, clamped. */
    public void stepBy(int delta) {
        step.set(Math.max(0, Math.min(lastStep.get(), step.get() + delta)));
    }

    /** Closes the tokenizers. */
    public synchronized void dispose() {
        if (tokenizer.get() != null) {
            runner.closeLater(tokenizer.get());
            tokenizer.set(null);
        }
        if (text != null) {
            runner.closeLater(text);
            text = null;
        }
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<DemoFile> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Demo> demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty demoLabelProperty() {
        return demoLabel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageTokenizer> tokenizerProperty() {
        return tokenizer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenizerLabelProperty() {
        return tokenizerLabel.getReadOnlyProperty();
    }

    public ObjectProperty<String> cameraProperty() {
        return camera;
    }

    public ObjectProperty<Orientation> orientationProperty() {
        return orientation;
    }

    public IntegerProperty stepProperty() {
        return step;
    }

    public ReadOnlyIntegerProperty lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FrameReconstruction> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DemoTokenization> demoTokenizationProperty() {
        return demoTokenization.getReadOnlyProperty();
    }

    /** Codebook usage over every demo tokenized with the current tokenizer in this view. */
    public ReadOnlyObjectProperty<CodebookUsage> viewUsageProperty() {
        return viewUsage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObjectProperty<BoundsPreset> boundsPresetProperty() {
        return boundsPreset;
    }

    public ReadOnlyObjectProperty<ActionBounds> boundsProperty() {
        return bounds.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionTokenStatistics> actionStatisticsProperty() {
        return actionStatistics.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<int[][]> demoActionTokensProperty() {
        return demoActionTokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty snippetProperty() {
        return snippet.getReadOnlyProperty();
    }

    public ObjectProperty<SampleKind> sampleKindProperty() {
        return sampleKind;
    }

    public IntegerProperty historyProperty() {
        return history;
    }

    public IntegerProperty chunkProperty() {
        return chunk;
    }

    public ObjectProperty<PromptSource> promptSourceProperty() {
        return promptSource;
    }

    public ObjectProperty<Path> textTokenizerFileProperty() {
        return textTokenizerFile;
    }

    /** Whether the sequence view is shown (sequences are only assembled then). */
    public BooleanProperty sequenceVisibleProperty() {
        return sequenceVisible;
    }

    public ReadOnlyObjectProperty<TokenSequence> sequenceProperty() {
        return sequence.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sequenceNoteProperty() {
        return sequenceNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty promptWarningProperty() {
        return promptWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The name of the export script, for hints in the view. */
    public static String exportScriptName() {
        return TorchScriptVqGan.EXPORT_SCRIPT;
    }
}
