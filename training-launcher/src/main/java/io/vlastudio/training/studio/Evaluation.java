package io.vlastudio.training.studio;

import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.ImageQuality;
import io.vlastudio.tokenizer.image.TokenizerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the studio model on validation records beside honest baselines, with greedy generation under the mask it
 * was trained with (no teacher forcing across actions, so a causal model pays for its own earlier actions):
 * <ul>
 *   <li>action model: per chunk position, bin accuracy (share of the 7 bins right) and L1 of the decoded action
 *       against the recorded one; baselines "repeat the last action" (the action of step j-1; zeros at j = 0) and
 *       "the mean action" (mean of the training actions), scored on their raw values and their bins;</li>
 *   <li>world model: PSNR/SSIM of the decoded predicted next frame against the real next frame at the tokenizer's
 *       resolution; baseline "copy the current frame"; ceiling: the tokenizer's own reconstruction of the real next
 *       frame. Also over the frames where the arm moves (mean absolute pixel change of at least
 *       {@link #MOVING_THRESHOLD} grey levels), where copying the frame is no longer free.</li>
 * </ul>
 */
public final class Evaluation {

    public static final double MOVING_THRESHOLD = 1.0;

    private final StudioModel model;
    private final SampleEncoder encoder;
    private final AttentionMasks.Kind mask;
    private final int chunk;

    public Evaluation(StudioModel model, SampleEncoder encoder, AttentionMasks.Kind mask, int chunk) {
        this.model = model;
        this.encoder = encoder;
        this.mask = mask;
        this.chunk = chunk;
    }

    /** Up to {@code max} records spread evenly over the list (deterministic). */
    public static <T> List<T> spread(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) ((long) i * all.size() / max)));
        }
        return out;
    }

    /** The generated action chunk (decoded) of an action record, with its bins. */
    public record ChunkPrediction(int[][] bins, double[][] actions) {
    }

    public ChunkPrediction predictChunk(EncodedSample sample) {
        int[] prefix = java.util.Arrays.copyOf(sample.ids(), sample.answerStart());
        int dims = encoder.actionTokenizer().dimensions();
        int[] answer = model.generate(prefix, SampleFactory.actionSlots(chunk, dims), mask);
        int[][] bins = SampleFactory.actionTokens(answer, chunk, dims);
        double[][] acts = new double[chunk][];
        for (int k = 0; k < chunk; k++) {
            acts[k] = encoder.actionTokenizer().decode(bins[k]);
        }
        return new ChunkPrediction(bins, acts);
    }

    /** The generated next frame (at the tokenizer's resolution) of a world record's prompt. */
    public Frame predictFrame(EncodedSample sample, int rows, int cols, io.vlastudio.dataset.Orientation orientation)
            throws TokenizerException {
        int[] prefix = java.util.Arrays.copyOf(sample.ids(), sample.answerStart());
        int[] answer = model.generate(prefix, encoder.factory().imageSlots(rows, cols), mask);
        CodeGrid g = SampleFactory.imageCodes(answer, rows, cols, orientation);
        return encoder.imageTokenizer().decode(g);
    }

    /** Action metrics per chunk position for the model and both baselines. */
    public Map<String, Object> actions(List<ExportData.Record> records, double[] meanAction) throws IOException {
        int dims = encoder.actionTokenizer().dimensions();
        double[][] l1 = new double[3][chunk];
        double[][] acc = new double[3][chunk];
        int n = 0;
        for (ExportData.Record r : records) {
            EncodedSample s = encoder.encode(r);
            ChunkPrediction p = predictChunk(s);
            double[] last = previousAction(r, dims);
            for (int k = 0; k < Math.min(chunk, r.actions().size()); k++) {
                double[] real = encoder.action(r.actions().get(k));
                int[] realBins = encoder.bins(r.actions().get(k));
                double[][] guesses = {p.actions()[k], last, meanAction};
                int[][] guessBins = {p.bins()[k], encoder.actionTokenizer().encode(last, "baseline", 0),
                        encoder.actionTokenizer().encode(meanAction, "baseline", 0)};
                for (int g = 0; g < 3; g++) {
                    double e = 0;
                    int hit = 0;
                    for (int d = 0; d < dims; d++) {
                        e += Math.abs(guesses[g][d] - real[d]);
                        hit += guessBins[g][d] == realBins[d] ? 1 : 0;
                    }
                    l1[g][k] += e / dims;
                    acc[g][k] += (double) hit / dims;
                }
            }
            n++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", n);
        String[] names = {"model", "repeat_last_action", "mean_action"};
        for (int g = 0; g < 3; g++) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Double> l = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            double lm = 0;
            double am = 0;
            for (int k = 0; k < chunk; k++) {
                l.add(n == 0 ? Double.NaN : l1[g][k] / n);
                a.add(n == 0 ? Double.NaN : acc[g][k] / n);
                lm += l1[g][k];
                am += acc[g][k];
            }
            m.put("l1_per_position", l);
            m.put("bin_accuracy_per_position", a);
            m.put("l1", n == 0 ? Double.NaN : lm / n / chunk);
            m.put("bin_accuracy", n == 0 ? Double.NaN : am / n / chunk);
            out.put(names[g], m);
        }
        return out;
    }

    private double[] previousAction(ExportData.Record r, int dims) throws IOException {
        int j = r.step();
        if (j == 0) {
            return new double[dims];
        }
        Path prev = r.trajectory().resolve("action").resolve("action_" + (j - 1) + ".npy");
        return Files.isRegularFile(prev) ? encoder.action(prev) : new double[dims];
    }

    /** World metrics: model, copy-the-frame baseline and the tokenizer ceiling, over all frames and moving ones. */
    public Map<String, Object> world(List<ExportData.Record> records) throws IOException {
        double[][] sums = new double[6][2]; // model psnr, model ssim, copy psnr, copy ssim, ceiling psnr, ceiling ssim x {all, moving}
        int all = 0;
        int moving = 0;
        int g = encoder.imageTokenizer().gridSide();
        for (ExportData.Record r : records) {
            EncodedSample s = encoder.encode(r);
            Frame cur = encoder.fittedFrame(r.images().get(0));
            Frame next = encoder.fittedFrame(r.images().get(1));
            Frame pred;
            Frame ceiling;
            try {
                pred = predictFrame(s, g, g, next.orientation());
                ceiling = encoder.imageTokenizer().decode(encoder.codes(r.images().get(1)));
            } catch (TokenizerException e) {
                throw new IOException(e.getMessage(), e);
            }
            double[] v = {ImageQuality.psnr(pred, next), ImageQuality.ssim(pred, next), ImageQuality.psnr(cur, next),
                    ImageQuality.ssim(cur, next), ImageQuality.psnr(ceiling, next), ImageQuality.ssim(ceiling, next)};
            boolean moves = meanAbsDiff(cur, next) >= MOVING_THRESHOLD;
            for (int i = 0; i < 6; i++) {
                sums[i][0] += v[i];
                if (moves) {
                    sums[i][1] += v[i];
                }
            }
            all++;
            moving += moves ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", all);
        out.put("moving_samples", moving);
        String[] names = {"model", "copy_current_frame", "tokenizer_ceiling"};
        for (int i = 0; i < 3; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("psnr", all == 0 ? Double.NaN : sums[2 * i][0] / all);
            m.put("ssim", all == 0 ? Double.NaN : sums[2 * i + 1][0] / all);
            m.put("psnr_moving", moving == 0 ? Double.NaN : sums[2 * i][1] / moving);
            m.put("ssim_moving", moving == 0 ? Double.NaN : sums[2 * i + 1][1] / moving);
            out.put(names[i], m);
        }
        return out;
    }

    /** Mean absolute difference of two frames in grey levels. */
    public static double meanAbsDiff(Frame a, Frame b) {
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        long s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return (double) s / x.length;
    }
}
