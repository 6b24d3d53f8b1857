package io.vlastudio.training.predictions;

import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.image.ImageQuality;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-frame metrics of predicted frames against the real ones: the prediction FOR step t against the real frame of
 * step t, read from the demo in the predictions' orientation. PSNR and SSIM are tokenizer-preview's
 * {@link ImageQuality} (WorldVLA's world-model evaluation formulas; one owner for both the tokenizer preview and
 * here).
 */
public final class PredictionMetrics {

    private PredictionMetrics() {
    }

    /**
     * Scores of every predicted frame that has a real counterpart, by ascending step. Frames that cannot be compared
     * (unreadable, wrong size, past the demo's end, the demo lacks the camera) are left out; {@link
     * PredictionSet#problems(Demo)} names them.
     *
     * @throws IOException when the demo's own frames cannot be read
     */
    public static List<FrameScore> score(PredictionSet set, Demo demo) throws IOException {
        return score(set, demo, (step, real, p) -> { });
    }

    /**
     * {@link #score(PredictionSet, Demo)}, also handing each compared pair to {@code also} once it is scored (a viewer
     * keeps the frames it would otherwise decode a second time).
     */
    public static List<FrameScore> score(PredictionSet set, Demo demo, FramePairs also) throws IOException {
        PredictionMeta meta = set.meta();
        List<FrameScore> out = new ArrayList<>();
        forEachComparable(set, demo, (step, real, p) -> {
            out.add(new FrameScore(step, horizon(meta, step), psnrOf(real, p), ssim(real, p)));
            also.accept(step, real, p);
        });
        return out;
    }

    /** Receives one comparable pair: the step, its real frame and the frame predicted for it. */
    @FunctionalInterface
    public interface FramePairs {
        void accept(int step, Frame real, Frame predicted) throws IOException;
    }

    /**
     * Hands every predicted frame that can be compared with a real one to {@code pairs}, by ascending step, one at a
     * time: the set's readable frames within the demo, of the real frame's size, the real frame read from the demo's
     * camera in the predictions' orientation. What is left out {@link PredictionSet#problems(Demo)} names (every
     * metric compares the same frames).
     *
     * @throws IOException when the demo's own frames cannot be read
     */
    public static void forEachComparable(PredictionSet set, Demo demo, FramePairs pairs) throws IOException {
        PredictionMeta meta = set.meta();
        if (demo.cameras().stream().noneMatch(c -> c.name().equals(meta.camera()))) {
            return;
        }
        for (int step : set.steps()) {
            if (step >= demo.length() || !set.readable(step)) {
                continue;
            }
            Optional<Frame> predicted;
            try {
                predicted = set.frame(step);
            } catch (IOException e) {
                continue; // recorded by the set, shown by problems()
            }
            if (predicted.isEmpty()) {
                continue;
            }
            Frame real = demo.frame(meta.camera(), step, set.orientation());
            Frame p = predicted.get();
            if (real.width() == p.width() && real.height() == p.height()) {
                pairs.accept(step, real, p);
            }
        }
    }

    /** How far ahead of real input a frame was predicted: {@code step - start} open-loop, 1 teacher-forced. */
    public static int horizon(PredictionMeta meta, int step) {
        return meta.openLoop() ? step - meta.start() : 1;
    }

    /** PSNR in dB ({@link ImageQuality#psnr}: 80 for identical frames). */
    static double psnrOf(Frame real, Frame predicted) {
        return ImageQuality.psnr(real, predicted);
    }

    /** SSIM clamped to [0, 1]; NaN for frames smaller than its 11x11 window. */
    static double ssim(Frame real, Frame predicted) {
        if (real.width() < 11 || real.height() < 11) {
            return Double.NaN;
        }
        return Math.max(0.0, Math.min(1.0, ImageQuality.ssim(real, predicted)));
    }

    /**
     * {@code |real - predicted|} per pixel and channel, in the real frame's orientation (the heat-map colouring is
     * the view's job).
     *
     * @throws IllegalArgumentException when the frames differ in size
     */
    public static Frame absDifference(Frame real, Frame predicted) {
        if (real.width() != predicted.width() || real.height() != predicted.height()) {
            throw new IllegalArgumentException("frames differ in size: " + real.width() + "x" + real.height() + " and "
                    + predicted.width() + "x" + predicted.height());
        }
        byte[] a = real.rgb();
        byte[] b = predicted.rgb();
        byte[] d = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = (byte) Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return new Frame(real.width(), real.height(), real.orientation(), d);
    }

    /** Mean of a metric over scores, ignoring NaN; NaN when none. */
    public static double mean(List<FrameScore> scores, java.util.function.ToDoubleFunction<FrameScore> metric) {
        return scores.stream().mapToDouble(metric).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
