package io.vlastudio.tokenizer.image;

import ai.djl.ndarray.NDManager;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Trains the built-in {@link PatchCodebookTokenizer}: frames of the given demos are fitted to the tokenizer's
 * resolution, cut into 16x16 patches, a seeded sample of the patches is clustered by k-means (Lloyd iterations;
 * assignments on DJL's PyTorch engine, updates in Java; empty clusters restart at the worst-fitted patches), and the
 * result is measured on frames of held-out demos (every {@code heldOutEvery}-th demo of each file).
 */
public final class PatchCodebookTrainer {

    /**
     * What to train.
     *
     * @param codebookSize  number of codes
     * @param resolution    frame side the tokenizer encodes (WorldVLA: 256)
     * @param patch         pixels per code side (WorldVLA: 16)
     * @param iterations    k-means iterations
     * @param maxPatches    patches sampled for clustering
     * @param frameStride   every n-th step of a training demo is used
     * @param heldOutEvery  every n-th demo of a file is held out for measuring (n >= 2)
     * @param heldOutFrames at most this many frames per held-out demo (evenly spaced)
     * @param camera        camera the frames come from
     * @param orientation   orientation frames are read in (WorldVLA trains on rot180)
     * @param seed          seed of sampling and initialisation
     */
    public record Settings(int codebookSize, int resolution, int patch, int iterations, int maxPatches, int frameStride,
                           int heldOutEvery, int heldOutFrames, String camera, Orientation orientation, long seed) {

        /** 1024 codes at 256 px, 16 px patches, 20 iterations over at most 40 000 patches (120 MB), every 5th demo held out. */
        public static Settings defaults() {
            return new Settings(1024, 256, 16, 20, 40_000, 3, 5, 8, "agentview", Orientation.ROT180, 7);
        }

        public Settings withCodebookSize(int n) {
            return new Settings(n, resolution, patch, iterations, maxPatches, frameStride, heldOutEvery, heldOutFrames, camera,
                    orientation, seed);
        }

        public Settings withIterations(int n) {
            return new Settings(codebookSize, resolution, patch, n, maxPatches, frameStride, heldOutEvery, heldOutFrames,
                    camera, orientation, seed);
        }

        public Settings withMaxPatches(int n) {
            return new Settings(codebookSize, resolution, patch, iterations, n, frameStride, heldOutEvery, heldOutFrames,
                    camera, orientation, seed);
        }

        public Settings withFrameStride(int n) {
            return new Settings(codebookSize, resolution, patch, iterations, maxPatches, n, heldOutEvery, heldOutFrames,
                    camera, orientation, seed);
        }
    }

    private final TorchRuntime runtime;
    private final FrameFitter fitter;

    public PatchCodebookTrainer(TorchRuntime runtime, FrameFitter fitter) {
        this.runtime = runtime;
        this.fitter = fitter;
    }

    /**
     * Trains on the valid demos of {@code files}.
     *
     * @throws CancellationException when {@code cancelled} says so (checked between frames and iterations)
     * @throws IllegalArgumentException when there are no frames to train on
     */
    public PatchCodebookTokenizer train(List<DemoFile> files, Settings settings, Progress progress, BooleanSupplier cancelled)
            throws DatasetException {
        long t0 = System.nanoTime();
        record Ref(Demo demo, int step) {
        }
        List<Ref> train = new ArrayList<>();
        List<Frame> heldOut = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (DemoFile file : files) {
            sources.add(file.path().toString());
            int ordinal = 0;
            for (DemoSummary s : file.demos()) {
                if (!s.valid()) {
                    continue;
                }
                checkCancelled(cancelled);
                Demo demo = file.openDemo(s.name());
                boolean held = settings.heldOutEvery() >= 2 && ordinal % settings.heldOutEvery() == settings.heldOutEvery() - 1;
                ordinal++;
                if (held) {
                    int stride = Math.max(1, demo.length() / Math.max(1, settings.heldOutFrames()));
                    for (int t = stride / 2; t < demo.length(); t += stride) {
                        heldOut.add(fitter.fit(demo.frame(settings.camera(), t, settings.orientation()), settings.resolution()).frame());
                    }
                } else {
                    for (int t = 0; t < demo.length(); t += settings.frameStride()) {
                        train.add(new Ref(demo, t));
                    }
                }
            }
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no frames to train the built-in tokenizer on (" + files.size() + " files)");
        }
        // a seeded sample of all training patches, read one frame at a time so memory holds only the sample
        int dim = settings.patch() * settings.patch() * 3;
        int perFrame = (settings.resolution() / settings.patch()) * (settings.resolution() / settings.patch());
        int available = train.size() * perFrame;
        int n = Math.min(available, settings.maxPatches());
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] pick = sample(available, n, random);
        Arrays.sort(pick);
        float[] data = new float[n * dim];
        int steps = train.size() + settings.iterations();
        float[] current = null;
        for (int i = 0, frame = -1; i < n; i++) {
            int f = pick[i] / perFrame;
            if (f != frame) {
                checkCancelled(cancelled);
                frame = f;
                Ref ref = train.get(f);
                Frame fitted = fitter.fit(ref.demo().frame(settings.camera(), ref.step(), settings.orientation()),
                        settings.resolution()).frame();
                current = PatchCodebookTokenizer.patches(fitted, settings.patch());
                progress.report(f + 1, steps, "Reading frames (" + (f + 1) + " of " + train.size() + ")");
            }
            System.arraycopy(current, (pick[i] % perFrame) * dim, data, i * dim, dim);
        }
        int k = Math.min(settings.codebookSize(), n);
        float[] centres = new float[settings.codebookSize() * dim];
        int[] init = sample(n, k, random);
        for (int c = 0; c < k; c++) {
            System.arraycopy(data, init[c] * dim, centres, c * dim, dim);
        }
        for (int c = k; c < settings.codebookSize(); c++) { // fewer patches than codes: repeat some
            System.arraycopy(centres, (c % k) * dim, centres, c * dim, dim);
        }
        int dead = 0;
        int iterations = 0;
        try (NDManager manager = runtime.newManager()) {
            float[] dist = new float[n];
            for (int it = 0; it < settings.iterations(); it++) {
                checkCancelled(cancelled);
                PatchCodebook book = new PatchCodebook(settings.codebookSize(), dim, centres);
                int[] assign = book.nearest(manager, data, n, dist);
                dead = update(data, n, dim, assign, dist, centres, settings.codebookSize());
                iterations++;
                progress.report(train.size() + it + 1, steps,
                        "k-means iteration " + (it + 1) + " of " + settings.iterations() + " (" + dead + " empty codes restarted)");
            }
            int[] finalAssign = new PatchCodebook(settings.codebookSize(), dim, centres).nearest(manager, data, n, null);
            boolean[] used = new boolean[settings.codebookSize()];
            for (int a : finalAssign) {
                used[a] = true;
            }
            dead = 0;
            for (boolean u : used) {
                dead += u ? 0 : 1;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        PatchCodebook book = new PatchCodebook(settings.codebookSize(), dim, centres);
        BuiltinTokenizerInfo provisional = new BuiltinTokenizerInfo(sources, settings.camera(), settings.orientation().id(),
                train.size(), n, iterations, seconds, settings.seed(), 0, Double.NaN, Double.NaN, dead, Instant.now().toString());
        double psnr = 0;
        double ssim = 0;
        try (PatchCodebookTokenizer tokenizer = new PatchCodebookTokenizer(settings.resolution(), settings.patch(), book,
                provisional, runtime, null)) {
            for (Frame f : heldOut) {
                Frame back = tokenizer.decode(tokenizer.encode(f));
                psnr += ImageQuality.psnr(f, back);
                ssim += ImageQuality.ssim(f, back);
            }
        }
        int h = heldOut.size();
        BuiltinTokenizerInfo info = new BuiltinTokenizerInfo(sources, settings.camera(), settings.orientation().id(),
                train.size(), n, iterations, seconds, settings.seed(), h, h == 0 ? Double.NaN : psnr / h,
                h == 0 ? Double.NaN : ssim / h, dead, provisional.created());
        return new PatchCodebookTokenizer(settings.resolution(), settings.patch(), book, info, runtime, null);
    }

    /** Moves every centre to the mean of its patches; restarts empty ones at the worst-fitted patches. Returns how many were empty. */
    static int update(float[] data, int n, int dim, int[] assign, float[] dist, float[] centres, int k) {
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            int c = assign[i];
            counts[c]++;
            int o = i * dim;
            int co = c * dim;
            for (int j = 0; j < dim; j++) {
                sums[co + j] += data[o + j];
            }
        }
        List<Integer> empty = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                empty.add(c);
                continue;
            }
            for (int j = 0; j < dim; j++) {
                centres[c * dim + j] = (float) (sums[c * dim + j] / counts[c]);
            }
        }
        if (!empty.isEmpty()) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(dist[b], dist[a]));
            for (int e = 0; e < empty.size() && e < n; e++) {
                System.arraycopy(data, order[e] * dim, centres, empty.get(e) * dim, dim);
            }
        }
        return empty.size();
    }

    /** {@code k} distinct indices of {@code 0..n-1}, seeded (partial Fisher-Yates). */
    static int[] sample(int n, int k, SplittableRandom random) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, k);
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("training of the built-in tokenizer was cancelled");
        }
    }
}
