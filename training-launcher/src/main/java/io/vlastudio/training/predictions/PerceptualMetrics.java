package io.vlastudio.training.predictions;

import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.image.Fvd;
import io.vlastudio.tokenizer.image.Lpips;
import io.vlastudio.tokenizer.image.MetricModelException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * LPIPS per predicted frame and FVD over a rollout, with the user's TorchScript models (tokenizer-preview's
 * {@link Lpips} and {@link Fvd}); the same frame pairing as {@link PredictionMetrics#score}: the prediction FOR step
 * t against the real frame of step t, in the predictions' orientation, at the frames' own size. Frames that cannot be
 * compared are left out ({@link PredictionSet#problems(Demo)} names them).
 */
public final class PerceptualMetrics {

    /**
     * FVD of one rollout.
     *
     * @param fvd        the Fréchet distance of I3D features, real clips against predicted clips
     * @param clips      clips per side
     * @param clipLength frames per clip
     * @param frames     comparable predicted frames the clips were cut from (a remainder is dropped)
     */
    public record FvdScore(double fvd, int clips, int clipLength, int frames) {
    }

    private PerceptualMetrics() {
    }

    /** LPIPS of every comparable predicted frame, by step. */
    public static SortedMap<Integer, Double> lpips(PredictionSet set, Demo demo, Lpips model) throws IOException {
        SortedMap<Integer, Double> out = new TreeMap<>();
        for (Pair p : pairs(set, demo)) {
            if (p.real.width() >= Lpips.MIN_SIDE && p.real.height() >= Lpips.MIN_SIDE) {
                out.put(p.step, model.distance(p.real, p.predicted));
            }
        }
        return out;
    }

    /**
     * FVD between the real and the predicted frames of a rollout, cut into clips of {@code clipLength} consecutive
     * steps (a step missing from the predictions starts a new clip).
     *
     * @throws IllegalArgumentException fewer than 2 clips can be cut (the message says how many frames there are)
     * @throws MetricModelException     the model fails on the clips
     */
    public static FvdScore fvd(PredictionSet set, Demo demo, Fvd model, int clipLength) throws IOException {
        List<Pair> pairs = pairs(set, demo);
        List<List<Frame>> real = new ArrayList<>();
        List<List<Frame>> predicted = new ArrayList<>();
        List<Pair> run = new ArrayList<>();
        for (int i = 0; i <= pairs.size(); i++) {
            boolean breaks = i == pairs.size() || (!run.isEmpty() && pairs.get(i).step != run.get(run.size() - 1).step + 1);
            if (breaks) {
                for (List<Pair> clip : Fvd.clips(run, clipLength)) {
                    real.add(clip.stream().map(p -> p.real).toList());
                    predicted.add(clip.stream().map(p -> p.predicted).toList());
                }
                run.clear();
            }
            if (i < pairs.size()) {
                run.add(pairs.get(i));
            }
        }
        if (real.size() < 2) {
            throw new IllegalArgumentException("FVD needs at least 2 clips of " + clipLength + " consecutive predicted frames; "
                    + set.label() + " has " + pairs.size() + " comparable frames (a shorter --fvd-clip cuts more clips)");
        }
        double value = model.fvd(real, predicted);
        return new FvdScore(value, real.size(), clipLength, pairs.size());
    }

    private record Pair(int step, Frame real, Frame predicted) {
    }

    /** The frames PSNR and SSIM compare too ({@link PredictionMetrics#forEachComparable}). */
    private static List<Pair> pairs(PredictionSet set, Demo demo) throws IOException {
        List<Pair> out = new ArrayList<>();
        PredictionMetrics.forEachComparable(set, demo, (step, real, predicted) -> out.add(new Pair(step, real, predicted)));
        return out;
    }
}
