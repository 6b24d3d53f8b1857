package io.vlastudio.training.studio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay) with global-norm gradient clipping, written on NDArrays so its state can be saved
 * and restored exactly (resume gives the same weights as an uninterrupted run).
 */
public final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double clip;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    public AdamW(double beta1, double beta2, double eps, double weightDecay, double clip) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.clip = clip;
    }

    public static AdamW defaults() {
        return new AdamW(0.9, 0.95, 1e-8, 0.1, 4.0);
    }

    public long step() {
        return step;
    }

    /**
     * One update of every parameter from its gradient; returns the gradient norm before clipping. Gradients are
     * zeroed afterwards.
     */
    public double update(Map<String, NDArray> params, double lr, NDManager state) {
        double sq = 0;
        for (NDArray p : params.values()) {
            try (NDManager tmp = state.newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(tmp);
                sq += g.square().sum().getFloat();
            }
        }
        double norm = Math.sqrt(sq);
        float scale = (float) (clip > 0 && norm > clip ? clip / (norm + 1e-6) : 1.0);
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray mm = m.computeIfAbsent(e.getKey(), k -> state.zeros(p.getShape()));
            NDArray vv = v.computeIfAbsent(e.getKey(), k -> state.zeros(p.getShape()));
            try (NDManager tmp = state.newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(tmp);
                p.tempAttach(tmp);
                mm.tempAttach(tmp);
                vv.tempAttach(tmp);
                NDArray gs = g.mul(scale);
                mm.muli((float) beta1).addi(gs.mul((float) (1 - beta1)));
                vv.muli((float) beta2).addi(gs.square().mul((float) (1 - beta2)));
                NDArray upd = mm.div((float) bc1).div(vv.div((float) bc2).sqrt().add((float) eps));
                boolean decay = p.getShape().dimension() > 1 && !e.getKey().equals("wpe");
                if (decay) {
                    p.muli((float) (1 - lr * weightDecay));
                }
                p.subi(upd.mul((float) lr));
                g.subi(g);
            }
        }
        return norm;
    }

    public NDList snapshot() {
        NDList out = new NDList();
        for (String k : m.keySet()) {
            NDArray a = m.get(k).duplicate();
            a.setName("m:" + k);
            out.add(a);
            NDArray b = v.get(k).duplicate();
            b.setName("v:" + k);
            out.add(b);
        }
        return out;
    }

    public void load(NDList saved, long steps, NDManager state) {
        m.clear();
        v.clear();
        for (NDArray a : saved) {
            NDArray c = state.create(a.toFloatArray(), a.getShape());
            if (a.getName().startsWith("m:")) {
                m.put(a.getName().substring(2), c);
            } else if (a.getName().startsWith("v:")) {
                v.put(a.getName().substring(2), c);
            }
        }
        this.step = steps;
    }
}
