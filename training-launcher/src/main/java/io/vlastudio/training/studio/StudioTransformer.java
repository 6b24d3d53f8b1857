package io.vlastudio.training.studio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small decoder-only transformer written directly on DJL's NDArrays (PyTorch engine): token and learned position
 * embeddings, pre-norm blocks of multi-head attention with an explicit boolean mask (so WorldVLA's action mask can be
 * used) and a GELU MLP, a final norm and an untied output layer. Parameters are initialised from a seeded
 * {@link Random} in Java, so a seed gives the same weights on every machine. Not thread-safe.
 */
public final class StudioTransformer implements AutoCloseable {

    private static final float NEG = -1e9f;

    private final StudioModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();

    /** New weights: normal(0, 0.02) matrices, zero biases, unit norm gains. */
    public StudioTransformer(StudioModelConfig config, NDManager parent, long seed) {
        this.config = config;
        this.manager = parent.newSubManager();
        Random rng = new Random(seed);
        int d = config.width();
        int h = config.mlpRatio() * d;
        normal("wte", rng, config.vocabSize(), d);
        normal("wpe", rng, config.maxLength(), d);
        for (int l = 0; l < config.layers(); l++) {
            String p = "h" + l + ".";
            ones(p + "ln1.g", d);
            zeros(p + "ln1.b", d);
            normal(p + "attn.w", rng, d, 3 * d);
            zeros(p + "attn.b", 3 * d);
            normal(p + "proj.w", rng, d, d);
            zeros(p + "proj.b", d);
            ones(p + "ln2.g", d);
            zeros(p + "ln2.b", d);
            normal(p + "fc.w", rng, d, h);
            zeros(p + "fc.b", h);
            normal(p + "out.w", rng, h, d);
            zeros(p + "out.b", d);
        }
        ones("lnf.g", d);
        zeros("lnf.b", d);
        normal("head.w", rng, d, config.vocabSize());
        zeros("head.b", config.vocabSize());
        for (NDArray a : params.values()) {
            a.setRequiresGradient(true);
        }
    }

    public StudioModelConfig config() {
        return config;
    }

    /** Parameters by name, in a fixed order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    public NDManager manager() {
        return manager;
    }

    /** Copies saved values into the parameters (names and shapes must match). */
    public void load(NDList saved, String from) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray a : saved) {
            byName.put(a.getName(), a);
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray s = byName.get(e.getKey());
            if (s == null || !s.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException(from + ": parameter " + e.getKey() + " is "
                        + (s == null ? "missing" : "of shape " + s.getShape()) + ", the model needs " + e.getValue().getShape());
            }
            e.getValue().set(s.toFloatArray());
        }
    }

    /** The parameters as a named list (for saving). */
    public NDList snapshot() {
        NDList out = new NDList();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray c = e.getValue().duplicate();
            c.setName(e.getKey());
            out.add(c);
        }
        return out;
    }

    /**
     * Logits {@code [B, T, V]} of {@code ids} ({@code [B, T]}, int64) at positions {@code start .. start+T-1}.
     *
     * @param mask  {@code [B, T, start+T]} boolean: which keys each new query may attend to
     * @param cache per layer the keys and values of earlier positions ({@code [B, H, start, d]}), extended in place;
     *              null to attend to the new tokens only (then {@code start} must be 0)
     */
    public NDArray forward(NDArray ids, int start, NDArray mask, List<NDArray[]> cache) {
        Shape s = ids.getShape();
        int b = (int) s.get(0);
        int t = (int) s.get(1);
        if (start + t > config.maxLength()) {
            throw new IllegalArgumentException("sequence of " + (start + t) + " tokens is longer than the model's "
                    + config.maxLength());
        }
        int d = config.width();
        int nh = config.heads();
        int hd = config.headDim();
        NDManager m = ids.getManager();
        NDArray x = p("wte").get(ids).add(p("wpe").get(start + ":" + (start + t)));
        NDArray bias = mask.logicalNot().toType(DataType.FLOAT32, false).mul(NEG).expandDims(1); // [B,1,T,S]
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (int l = 0; l < config.layers(); l++) {
            String pre = "h" + l + ".";
            NDArray a = norm(x, pre + "ln1");
            NDArray qkv = a.matMul(p(pre + "attn.w")).add(p(pre + "attn.b")).reshape(b, t, 3, nh, hd).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            if (cache != null) {
                if (cache.size() <= l) {
                    cache.add(new NDArray[] {k, v});
                } else {
                    NDArray[] kv = cache.get(l);
                    k = kv[0].concat(k, 2);
                    v = kv[1].concat(v, 2);
                    kv[0] = k;
                    kv[1] = v;
                }
            }
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(bias);
            NDArray att = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
            x = x.add(att.matMul(p(pre + "proj.w")).add(p(pre + "proj.b")));
            NDArray h = Activation.gelu(norm(x, pre + "ln2").matMul(p(pre + "fc.w")).add(p(pre + "fc.b")));
            x = x.add(h.matMul(p(pre + "out.w")).add(p(pre + "out.b")));
        }
        return norm(x, "lnf").matMul(p("head.w")).add(p("head.b"));
    }

    private NDArray norm(NDArray x, String name) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray c = x.sub(mean);
        NDArray var = c.square().mean(new int[] {-1}, true);
        return c.div(var.add(1e-5f).sqrt()).mul(p(name + ".g")).add(p(name + ".b"));
    }

    private NDArray p(String name) {
        return params.get(name);
    }

    private void normal(String name, Random rng, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * 0.02);
        }
        put(name, manager.create(v, new Shape(rows, cols)));
    }

    private void ones(String name, int n) {
        put(name, manager.ones(new Shape(n)));
    }

    private void zeros(String name, int n) {
        put(name, manager.zeros(new Shape(n)));
    }

    private void put(String name, NDArray a) {
        a.setName(name);
        params.put(name, a);
    }

    /** Names of all parameters. */
    public List<String> names() {
        return new ArrayList<>(params.keySet());
    }

    @Override
    public void close() {
        manager.close();
    }
}
