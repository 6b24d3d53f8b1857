package io.vlastudio.training.studio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Samples padded to one length (padding at the end, so causal rows of real tokens never see it): ids, per-sample
 * attention masks, shifted targets and loss weights, on a manager.
 */
public final class Batch {

    public final NDArray ids;
    public final NDArray mask;
    public final NDArray targets;
    public final NDArray weights;
    /** 1 where the target is an action bin (for the action meter). */
    public final NDArray actionTargets;
    public final int size;
    public final int length;

    private Batch(NDArray ids, NDArray mask, NDArray targets, NDArray weights, NDArray actionTargets, int size, int length) {
        this.ids = ids;
        this.mask = mask;
        this.targets = targets;
        this.weights = weights;
        this.actionTargets = actionTargets;
        this.size = size;
        this.length = length;
    }

    public static Batch of(List<EncodedSample> samples, AttentionMasks.Kind maskKind, double alpha, NDManager manager) {
        int b = samples.size();
        int len = samples.stream().mapToInt(EncodedSample::length).max().orElseThrow();
        long[] ids = new long[b * len];
        boolean[] mask = new boolean[b * len * len];
        int[] targets = new int[b * len];
        float[] weights = new float[b * len];
        float[] action = new float[b * len];
        for (int i = 0; i < b; i++) {
            EncodedSample s = samples.get(i);
            int[] sid = s.ids();
            for (int j = 0; j < sid.length; j++) {
                ids[i * len + j] = sid[j];
            }
            boolean[] m = AttentionMasks.mask(sid, len, maskKind);
            System.arraycopy(m, 0, mask, i * len * len, len * len);
            Recipe.targets(s, alpha, targets, weights, i * len);
            for (int j = 0; j < len; j++) {
                if (weights[i * len + j] > 0 && targets[i * len + j] >= StudioVocabulary.ACTION_BASE
                        && targets[i * len + j] < StudioVocabulary.IMAGE_BASE) {
                    action[i * len + j] = 1f;
                }
            }
        }
        long[] tl = new long[targets.length];
        for (int i = 0; i < tl.length; i++) {
            tl[i] = targets[i];
        }
        return new Batch(manager.create(ids, new Shape(b, len)), manager.create(mask, new Shape(b, len, len)),
                manager.create(tl, new Shape(b, len)), manager.create(weights, new Shape(b, len)),
                manager.create(action, new Shape(b, len)), b, len);
    }

    /** Total loss weight of the batch (the denominator of the loss). */
    public float weightSum() {
        return weights.sum().getFloat();
    }

    static NDArray asLong(NDArray a) {
        return a.toType(DataType.INT64, false);
    }
}
