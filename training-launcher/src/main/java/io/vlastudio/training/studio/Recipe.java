package io.vlastudio.training.studio;

import ai.djl.ndarray.NDArray;
import io.vlastudio.tokenizer.sequence.TokenKind;

/**
 * WorldVLA's training objective for the studio model: next-token cross-entropy over the answer turn only (labels
 * -100 over the prompt), with every token of an answer image block weighted by {@code alpha} (WorldVLA: 0.04) and
 * every other answer token (action blocks, the closing 8710) by 1. The loss of a batch is
 * {@code sum(w_i * CE_i) / sum(w_i)} over the predicted positions i of all its samples.
 */
public final class Recipe {

    public static final double DEFAULT_ALPHA = 0.04;

    private Recipe() {
    }

    /** Whether a token kind belongs to an image block (weighted by alpha when it is an answer token). */
    public static boolean imageToken(TokenKind k) {
        return k == TokenKind.IMAGE_START || k == TokenKind.IMAGE_GRID || k == TokenKind.IMAGE_CODE
                || k == TokenKind.IMAGE_ROW_END || k == TokenKind.IMAGE_END;
    }

    /**
     * Shifted targets: position i predicts token i+1. {@code targets[i]} is {@code labels[i+1]} (0 where there is
     * none), {@code weights[i]} its loss weight (0 where the label is -100).
     */
    public static void targets(EncodedSample s, double alpha, int[] targets, float[] weights, int offset) {
        int n = s.length();
        for (int i = 0; i < n - 1; i++) {
            int label = s.labels()[i + 1];
            if (label == EncodedSample.IGNORE) {
                targets[offset + i] = 0;
                weights[offset + i] = 0f;
            } else {
                targets[offset + i] = label;
                weights[offset + i] = imageToken(s.kinds()[i + 1]) ? (float) alpha : 1f;
            }
        }
    }

    /** {@code sum(w * CE) / sum(w)}: logits {@code [B, L, V]}, targets {@code [B, L]} int64, weights {@code [B, L]}. */
    public static NDArray loss(NDArray logits, NDArray targets, NDArray weights) {
        int vocab = (int) logits.getShape().get(2);
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.mul(targets.oneHot(vocab)).sum(new int[] {-1});
        return picked.mul(weights).sum().neg().div(weights.sum().maximum(1e-12f));
    }

    /** Per-position cross-entropy {@code [B, L]} (no weights), for the separate action and image meters. */
    public static NDArray tokenLoss(NDArray logits, NDArray targets) {
        int vocab = (int) logits.getShape().get(2);
        return logits.logSoftmax(-1).mul(targets.oneHot(vocab)).sum(new int[] {-1}).neg();
    }
}
