package io.vlastudio.training.studio;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints of the studio model: {@code <output_dir>/epoch<E>/} with {@code model.json} (the {@link ModelSpec}),
 * {@code weights.ndlist} and {@code optimizer.ndlist} (DJL's NDList encoding, named float32 arrays) and
 * {@code state.json} (epoch, optimizer step). Written into a temporary folder and moved into place, so a crash never
 * leaves a half checkpoint under an {@code epoch*} name.
 */
public final class Checkpoints {

    public static final String SPEC = "model.json";
    public static final String WEIGHTS = "weights.ndlist";
    public static final String OPTIMIZER = "optimizer.ndlist";
    public static final String STATE = "state.json";
    private static final Pattern EPOCH = Pattern.compile("epoch(\\d+)");

    /** Where training stands after an epoch. */
    public record TrainState(int epoch, long optimizerStep, long iterations) {
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {
    }

    public static Path save(Path outputDir, int epoch, StudioModel model, ModelSpec spec, TrainState state) throws IOException {
        Path target = outputDir.resolve("epoch" + epoch);
        Path tmp = outputDir.resolve(".epoch" + epoch + ".partial");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        JSON.writeValue(tmp.resolve(SPEC).toFile(), spec);
        try (NDList w = model.weights()) {
            Files.write(tmp.resolve(WEIGHTS), w.encode());
        }
        try (NDList o = model.optimizer().snapshot()) {
            Files.write(tmp.resolve(OPTIMIZER), o.encode());
        }
        JSON.writeValue(tmp.resolve(STATE).toFile(), state);
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    public static ModelSpec readSpec(Path checkpoint) throws IOException {
        Path f = checkpoint.resolve(SPEC);
        if (!Files.isRegularFile(f)) {
            throw new IOException(checkpoint + " is not a studio-model checkpoint (no " + SPEC + ")");
        }
        try {
            return JSON.readValue(f.toFile(), ModelSpec.class);
        } catch (IOException e) {
            throw new IOException(f + ": unreadable model description: " + e.getMessage(), e);
        }
    }

    public static TrainState readState(Path checkpoint) throws IOException {
        return JSON.readValue(checkpoint.resolve(STATE).toFile(), TrainState.class);
    }

    /** Loads weights (and optimizer state when {@code withOptimizer}) into a model of the same spec. */
    public static void load(Path checkpoint, StudioModel model, boolean withOptimizer, NDManager manager) throws IOException {
        try (NDManager tmp = manager.newSubManager()) {
            try (InputStream in = Files.newInputStream(checkpoint.resolve(WEIGHTS))) {
                model.loadWeights(NDList.decode(tmp, in), checkpoint.resolve(WEIGHTS).toString());
            }
            if (withOptimizer) {
                TrainState state = readState(checkpoint);
                try (InputStream in = Files.newInputStream(checkpoint.resolve(OPTIMIZER))) {
                    model.optimizer().load(NDList.decode(tmp, in), state.optimizerStep(), model.optimizerState());
                }
            }
        }
    }

    /** The {@code epoch<E>} folder with the highest E that holds a complete checkpoint. */
    public static Optional<Path> latest(Path outputDir) throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return Optional.empty();
        }
        Path best = null;
        int bestEpoch = -1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(outputDir, "epoch*")) {
            for (Path p : ds) {
                Matcher m = EPOCH.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p.resolve(STATE)) && Integer.parseInt(m.group(1)) > bestEpoch) {
                    bestEpoch = Integer.parseInt(m.group(1));
                    best = p;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
