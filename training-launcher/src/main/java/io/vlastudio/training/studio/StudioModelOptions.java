package io.vlastudio.training.studio;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of the studio model's training process (contract B), defined once: their names, defaults and meaning.
 * {@link StudioModelMain} parses them (a picocli mixin); everyone who starts that process ({@code vla-studio model
 * train|ablation}, the launcher's studio-model target) fills one of these and writes it back with {@link #toArgs()},
 * which reads the names from the same annotations, so the argument list and the parser cannot drift apart.
 *
 * <p>Defaults are the fields' initial values, so a {@code new StudioModelOptions()} holds them too (the CLI shows
 * them as its own defaults).
 */
public final class StudioModelOptions {

    // declaration order is the order toArgs() writes them in (what run preview shows)
    @Option(names = "--export", required = true, description = "WorldVLA export folder (manifest.json, convs/, files/)")
    private Path export;
    @Option(names = "--output_dir", required = true, description = "where logs and epoch<E>/ checkpoints go")
    private Path outputDir;
    @Option(names = "--tokenizer", description = "image tokenizer folder (built-in codebook or exported Chameleon VQ-GAN); "
            + "default: <export>/tokenizer")
    private Path tokenizer;
    @Option(names = "--epochs")
    private int epochs = 10;
    @Option(names = "--batch_size")
    private int batchSize = 8;
    @Option(names = "--lr")
    private double lr = 1e-3;
    @Option(names = "--seed")
    private long seed = 0;
    @Option(names = "--max_minutes", description = "stop (evaluate and save) after this many minutes; 0: no limit")
    private double maxMinutes = 0;
    @Option(names = "--mask", description = "action (WorldVLA's action attention mask) or causal")
    private String mask = AttentionMasks.Kind.ACTION.id();
    @Option(names = "--layers")
    private int layers = 2;
    @Option(names = "--width")
    private int width = 128;
    @Option(names = "--heads")
    private int heads = 4;
    @Option(names = "--alpha", description = "loss weight of image tokens (WorldVLA: 0.04)")
    private double alpha = Recipe.DEFAULT_ALPHA;
    @Option(names = "--eval_samples", description = "validation records per kind evaluated each epoch")
    private int evalSamples = 32;
    @Option(names = "--threads", description = "PyTorch intra-op threads (0: the studio's default)")
    private int threads = 0;
    @Option(names = "--init_from", description = "checkpoint folder whose weights start training")
    private Path initFrom;
    @Option(names = "--no_auto_resume", description = "start fresh even when epoch*/ checkpoints exist")
    private boolean noAutoResume;

    /** The options parsed from the process's arguments, as {@link StudioModelMain} reads them. */
    public static StudioModelOptions parse(String... args) {
        StudioModelOptions o = new StudioModelOptions();
        new CommandLine(o).setOverwrittenOptionsAllowed(true).parseArgs(args);
        return o;
    }

    /**
     * The process's arguments for these options, every option that has a value, in declaration order: names from
     * the annotations above, numbers without a trailing {@code .0}, {@code --no_auto_resume} only when set.
     */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(this).options()) {
            Object value = option.getValue();
            if (value == null || Boolean.FALSE.equals(value)) {
                continue;
            }
            args.add(option.longestName());
            if (!(value instanceof Boolean)) {
                args.add(text(value));
            }
        }
        return args;
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            double v = d;
            return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
        }
        return value.toString();
    }

    /** What {@link StudioTrainer} runs with; the tokenizer defaults to {@code <export>/tokenizer}. */
    StudioTrainer.Options trainerOptions() {
        Path tok = tokenizer != null ? tokenizer : export.resolve("tokenizer");
        return new StudioTrainer.Options(export, outputDir, epochs, batchSize, lr, seed, maxMinutes,
                AttentionMasks.Kind.fromId(mask), layers, width, heads, !noAutoResume, initFrom, tok, alpha, evalSamples);
    }

    public Path export() {
        return export;
    }

    public StudioModelOptions export(Path v) {
        export = Objects.requireNonNull(v, "export");
        return this;
    }

    public Path outputDir() {
        return outputDir;
    }

    public StudioModelOptions outputDir(Path v) {
        outputDir = Objects.requireNonNull(v, "outputDir");
        return this;
    }

    public Path tokenizer() {
        return tokenizer;
    }

    public StudioModelOptions tokenizer(Path v) {
        tokenizer = v;
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public StudioModelOptions epochs(int v) {
        epochs = v;
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public StudioModelOptions batchSize(int v) {
        batchSize = v;
        return this;
    }

    public double lr() {
        return lr;
    }

    public StudioModelOptions lr(double v) {
        lr = v;
        return this;
    }

    public long seed() {
        return seed;
    }

    public StudioModelOptions seed(long v) {
        seed = v;
        return this;
    }

    public double maxMinutes() {
        return maxMinutes;
    }

    public StudioModelOptions maxMinutes(double v) {
        maxMinutes = v;
        return this;
    }

    /** {@code action} or {@code causal} ({@link AttentionMasks.Kind#id()}); checked when training starts. */
    public String mask() {
        return mask;
    }

    public StudioModelOptions mask(String v) {
        mask = Objects.requireNonNull(v, "mask");
        return this;
    }

    public int layers() {
        return layers;
    }

    public StudioModelOptions layers(int v) {
        layers = v;
        return this;
    }

    public int width() {
        return width;
    }

    public StudioModelOptions width(int v) {
        width = v;
        return this;
    }

    public int heads() {
        return heads;
    }

    public StudioModelOptions heads(int v) {
        heads = v;
        return this;
    }

    public double alpha() {
        return alpha;
    }

    public StudioModelOptions alpha(double v) {
        alpha = v;
        return this;
    }

    public int evalSamples() {
        return evalSamples;
    }

    public StudioModelOptions evalSamples(int v) {
        evalSamples = v;
        return this;
    }

    /** PyTorch intra-op threads; 0: the studio's default. */
    public int threads() {
        return threads;
    }

    public StudioModelOptions threads(int v) {
        threads = v;
        return this;
    }

    public Path initFrom() {
        return initFrom;
    }

    public StudioModelOptions initFrom(Path v) {
        initFrom = v;
        return this;
    }

    /** Whether training continues from the output folder's latest {@code epoch<E>/} (not {@code --no_auto_resume}). */
    public boolean resume() {
        return !noAutoResume;
    }

    public StudioModelOptions resume(boolean v) {
        noAutoResume = !v;
        return this;
    }
}
