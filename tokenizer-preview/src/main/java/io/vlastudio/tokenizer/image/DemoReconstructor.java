package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs frames and whole demos through an image tokenizer. Whole-demo results are cached (a few demos, least recently
 * used first out) by file, demo, camera, orientation and tokenizer, so going back to a demo is instant.
 */
public final class DemoReconstructor {

    /** What a cached result is for. */
    public record Key(String file, String demo, String camera, Orientation orientation, String tokenizer) {
    }

    private final FrameFitter fitter;
    private final Map<Key, DemoTokenization> cache;

    public DemoReconstructor(FrameFitter fitter, int cachedDemos) {
        this.fitter = fitter;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, DemoTokenization> eldest) {
                return size() > cachedDemos;
            }
        };
    }

    /** One frame: fit, encode, decode, measure. */
    public FrameReconstruction reconstruct(ImageTokenizer tokenizer, Frame frame, int step) throws TokenizerException {
        FrameFitter.Fitted fitted = fitter.fit(frame, tokenizer.resolution());
        CodeGrid codes = tokenizer.encode(fitted.frame());
        Frame back = tokenizer.decode(codes);
        return new FrameReconstruction(step, fitted.frame(), back, codes, ImageQuality.psnr(fitted.frame(), back),
                ImageQuality.ssim(fitted.frame(), back), fitted.note());
    }

    /** The cached tokenization of a demo, if any. */
    public synchronized DemoTokenization cached(Key key) {
        return cache.get(key);
    }

    /**
     * Every step of a demo (or the cached result), reporting progress per frame.
     *
     * @param tokenizerKey identifies the tokenizer for the cache (e.g. its folder)
     * @throws CancellationException when {@code cancelled} says so
     */
    public DemoTokenization tokenize(ImageTokenizer tokenizer, String tokenizerKey, String file, Demo demo, String camera,
                                     Orientation orientation, Progress progress, BooleanSupplier cancelled)
            throws DatasetException, TokenizerException {
        Key key = new Key(file, demo.name(), camera, orientation, tokenizerKey);
        DemoTokenization hit = cached(key);
        if (hit != null) {
            return hit;
        }
        int n = demo.length();
        List<CodeGrid> codes = new ArrayList<>(n);
        double[] psnr = new double[n];
        double[] ssim = new double[n];
        String note = "";
        for (int t = 0; t < n; t++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("tokenization of " + demo.name() + " was cancelled");
            }
            FrameReconstruction r = reconstruct(tokenizer, demo.frame(camera, t, orientation), t);
            codes.add(r.codes());
            psnr[t] = r.psnr();
            ssim[t] = r.ssim();
            note = r.fitNote();
            progress.report(t + 1, n, "Tokenizing " + demo.name() + ": frame " + (t + 1) + " of " + n);
        }
        DemoTokenization result = new DemoTokenization(tokenizer.description(), codes, psnr, ssim,
                CodebookUsage.of(tokenizer.codebookSize(), codes), note);
        synchronized (this) {
            cache.put(key, result);
        }
        return result;
    }
}
