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
        return weighted(targetLogProb(logits, targets), weights);
    }

    /** {@code sum(w * CE) / sum(w)} from the log-probabilities of the targets ({@link #targetLogProb}). */
    public static NDArray weighted(NDArray targetLogProb, NDArray weights) {
        return targetLogProb.mul(weights).sum().neg().div(weights.sum().maximum(1e-12f));
    }

    /**
     * Log-probability of each target {@code [B, L]}: log-softmax over the vocabulary, then the target's entry picked
     * with a gather (the same value a one-hot product gives, without a second {@code [B, L, V]} pass).
     */
    public static NDArray targetLogProb(NDArray logits, NDArray targets) {
        return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
    }

    /** Per-position cross-entropy {@code [B, L]} (no weights), for the separate action and image meters. */
    public static NDArray tokenLoss(NDArray logits, NDArray targets) {
        return targetLogProb(logits, targets).neg();
    }
}
