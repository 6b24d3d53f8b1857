package io.vlastudio.training.studio;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;

/**
 * The studio model with its optimizer: one training step of WorldVLA's recipe on a batch, greedy generation with a
 * key/value cache under the same attention mask, and the state a checkpoint holds. Not thread-safe.
 */
public final class StudioModel implements AutoCloseable {

    /** What one step measured. */
    public record StepStats(double loss, double actionLoss, double imageLoss, double actionAccuracy, double gradNorm,
                            int tokens) {
    }

    /** A token slot of an answer to generate: forced to {@code token}, or the best id in {@code [from, to)}. */
    public record Slot(int token, int from, int to) {
        public static Slot forced(int token) {
            return new Slot(token, -1, -1);
        }

        public static Slot choose(int from, int to) {
            return new Slot(-1, from, to);
        }

        boolean isForced() {
            return token >= 0;
        }
    }

    private final Engine engine;
    private final NDManager manager;
    private final StudioTransformer transformer;
    private final AdamW optimizer;
    private final NDManager optimizerState;

    public StudioModel(Engine engine, NDManager parent, StudioModelConfig config, long seed) {
        this.engine = engine;
        this.manager = parent.newSubManager();
        this.transformer = new StudioTransformer(config, manager, seed);
        this.optimizer = AdamW.defaults();
        this.optimizerState = manager.newSubManager();
    }

    public StudioModelConfig config() {
        return transformer.config();
    }

    public StudioTransformer transformer() {
        return transformer;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    public NDManager optimizerState() {
        return optimizerState;
    }

    /**
     * Forward, backward and an AdamW update on one batch.
     *
     * @throws LossIsNaNException when the loss is not finite (nothing is updated then)
     */
    public StepStats trainStep(List<EncodedSample> samples, AttentionMasks.Kind mask, double alpha, double lr) {
        double loss;
        double actionLoss;
        double imageLoss;
        double acc;
        int tokens;
        try (NDManager step = manager.newSubManager()) {
            for (NDArray p : transformer.parameters().values()) {
                p.tempAttach(step);
            }
            Batch batch = Batch.of(samples, mask, alpha, step);
            tokens = batch.size * batch.length;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray logits = transformer.forward(batch.ids, 0, batch.mask, null);
                NDArray picked = Recipe.targetLogProb(logits, batch.targets);
                NDArray l = Recipe.weighted(picked, batch.weights);
                loss = l.getFloat();
                if (!Double.isFinite(loss)) {
                    throw new LossIsNaNException(loss);
                }
                gc.backward(l);
                NDArray ce = picked.stopGradient().neg();
                NDArray act = batch.actionTargets;
                NDArray img = batch.weights.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sub(act);
                float nAct = act.sum().getFloat();
                float nImg = img.sum().getFloat();
                actionLoss = nAct > 0 ? ce.mul(act).sum().getFloat() / nAct : Double.NaN;
                imageLoss = nImg > 0 ? ce.mul(img).sum().getFloat() / nImg : Double.NaN;
                NDArray hit = logits.stopGradient().argMax(-1).eq(batch.targets).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                acc = nAct > 0 ? hit.mul(act).sum().getFloat() / nAct : Double.NaN;
            }
        }
        double norm = optimizer.update(transformer.parameters(), lr, optimizerState);
        return new StepStats(loss, actionLoss, imageLoss, acc, norm, tokens);
    }

    /** Weighted loss of a batch without updating anything (validation). */
    public double evalLoss(List<EncodedSample> samples, AttentionMasks.Kind mask, double alpha) {
        try (NDManager step = manager.newSubManager()) {
            for (NDArray p : transformer.parameters().values()) {
                p.tempAttach(step);
            }
            Batch batch = Batch.of(samples, mask, alpha, step);
            NDArray logits = transformer.forward(batch.ids, 0, batch.mask, null);
            return Recipe.loss(logits, batch.targets, batch.weights).getFloat();
        }
    }

    /**
     * Greedy generation of an answer after {@code prefix} (dense ids, the prompt turn including its 8710): each
     * slot is forced or the arg-max over its id range, attending under {@code mask} exactly as in training.
     *
     * @return the answer's ids, one per slot
     */
    public int[] generate(int[] prefix, List<Slot> slots, AttentionMasks.Kind mask) {
        int total = prefix.length + slots.size();
        if (total > config().maxLength()) {
            throw new IllegalArgumentException("prompt of " + prefix.length + " tokens plus an answer of " + slots.size()
                    + " is longer than the model's " + config().maxLength() + " positions");
        }
        int[] seq = new int[total];
        System.arraycopy(prefix, 0, seq, 0, prefix.length);
        int[] out = new int[slots.size()];
        try (NDManager gen = manager.newSubManager()) {
            for (NDArray p : transformer.parameters().values()) {
                p.tempAttach(gen);
            }
            List<NDArray[]> cache = new ArrayList<>();
            NDArray ids = gen.create(toLong(prefix), new Shape(1, prefix.length));
            boolean[] m = AttentionMasks.mask(prefix, prefix.length, mask);
            NDArray logits = transformer.forward(ids, 0, gen.create(m, new Shape(1, prefix.length, prefix.length)), cache);
            float[] last = logits.get(0).get(prefix.length - 1).toFloatArray();
            int len = prefix.length;
            for (int s = 0; s < slots.size(); s++) {
                Slot slot = slots.get(s);
                int token;
                if (slot.isForced()) {
                    token = slot.token();
                } else {
                    token = slot.from();
                    for (int i = slot.from() + 1; i < slot.to(); i++) {
                        if (last[i] > last[token]) {
                            token = i;
                        }
                    }
                }
                out[s] = token;
                seq[len] = token;
                len++;
                if (s == slots.size() - 1) {
                    break;
                }
                try (NDManager tok = gen.newSubManager()) {
                    boolean[] row = maskRow(java.util.Arrays.copyOf(seq, len), len - 1, mask);
                    NDArray x = tok.create(new long[] {token}, new Shape(1, 1));
                    NDArray r = tok.create(row, new Shape(1, 1, len));
                    NDArray lg = transformer.forward(x, len - 1, r, cache);
                    last = lg.toFloatArray();
                    for (NDArray[] kv : cache) {
                        kv[0].attach(gen);
                        kv[1].attach(gen);
                    }
                }
            }
        }
        return out;
    }

    /** Row {@code row} of the mask of {@code ids} (length {@code ids.length}). */
    static boolean[] maskRow(int[] ids, int row, AttentionMasks.Kind kind) {
        boolean[] r = new boolean[ids.length];
        for (int c = 0; c <= row; c++) {
            r[c] = true;
        }
        if (kind == AttentionMasks.Kind.ACTION) {
            for (int[] b : AttentionMasks.maskedBlocks(ids)) {
                if (row >= b[0] && row <= b[1]) {
                    for (int c = b[2]; c <= b[3]; c++) {
                        r[c] = false;
                    }
                }
            }
        }
        return r;
    }

    static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** Weights (named) for saving. */
    public NDList weights() {
        return transformer.snapshot();
    }

    public void loadWeights(NDList saved, String from) {
        transformer.load(saved, from);
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The loss was NaN or infinite. */
    public static final class LossIsNaNException extends RuntimeException {
        public LossIsNaNException(double loss) {
            super("Loss is " + loss + ", stopping training");
        }
    }
}
