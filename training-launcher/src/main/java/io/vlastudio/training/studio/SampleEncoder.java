package io.vlastudio.training.studio;

import io.vlastudio.dataset.Frame;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.FrameFitter;
import io.vlastudio.tokenizer.image.ImageTokenizer;
import io.vlastudio.tokenizer.image.TokenizerException;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepAction;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns export records into the studio model's samples: frames fitted to the image tokenizer's resolution and
 * encoded (each file once, cached), actions read from their {@code .npy} and binned bit-exactly by
 * tokenizer-preview's {@link UniformBinActionTokenizer}.
 */
public final class SampleEncoder {

    private final ImageTokenizer images;
    private final UniformBinActionTokenizer actions;
    private final SampleFactory factory;
    private final FrameFitter fitter = new FrameFitter();
    private final Map<Path, CodeGrid> codes = new HashMap<>();
    private final Map<Path, double[]> actionValues = new HashMap<>();
    private final Map<Path, Frame> fitted = new HashMap<>();

    public SampleEncoder(ImageTokenizer images, UniformBinActionTokenizer actions, SampleFactory factory) {
        this.images = images;
        this.actions = actions;
        this.factory = factory;
    }

    public ImageTokenizer imageTokenizer() {
        return images;
    }

    public UniformBinActionTokenizer actionTokenizer() {
        return actions;
    }

    public SampleFactory factory() {
        return factory;
    }

    public EncodedSample encode(ExportData.Record r) throws IOException {
        String name = r.file() + "#" + r.index();
        if (r.kind() == EncodedSample.Kind.ACTION) {
            List<StepImage> im = new ArrayList<>();
            for (Path p : r.images()) {
                im.add(new StepImage(ExportData.stepOf(p), codes(p)));
            }
            List<StepAction> ac = new ArrayList<>();
            for (Path p : r.actions()) {
                ac.add(new StepAction(ExportData.stepOf(p), bins(p)));
            }
            return factory.action(name, r.index(), r.step(), r.taskText(), im, ac);
        }
        Path cur = r.images().get(0);
        Path next = r.images().get(1);
        Path act = r.actions().get(0);
        return factory.world(name, r.index(), r.step(), new StepImage(ExportData.stepOf(cur), codes(cur)),
                new StepAction(ExportData.stepOf(act), bins(act)), new StepImage(ExportData.stepOf(next), codes(next)));
    }

    /** The frame at the tokenizer's resolution (as the model sees it). */
    public synchronized Frame fittedFrame(Path png) throws IOException {
        Frame f = fitted.get(png);
        if (f == null) {
            f = fitter.fit(ExportData.readImage(png), images.resolution()).frame();
            if (fitted.size() > 4096) {
                fitted.clear();
            }
            fitted.put(png, f);
        }
        return f;
    }

    /** What {@link #preload} did, for the run's log. */
    public record PreloadReport(Path cacheFile, int frames, int framesFromCache, int actions, int actionsFromCache,
                                String cacheProblem, boolean written, double seconds) {
    }

    /**
     * Reads and tokenizes every frame and action the records refer to, through the token cache {@code cacheFile}
     * (see {@link TokenCache}): entries whose file is unchanged come from the cache, the rest are read, fitted and
     * encoded in batches (PNG decoding on up to {@code threads} threads), and the cache is rewritten when anything
     * was new. A damaged or stale cache is reported in the result and rebuilt; a cache that cannot be written is
     * reported and the run goes on without it.
     *
     * @param exportDir paths are stored relative to it
     * @param cancel    checked between batches; when it returns true the method stops early (nothing is written)
     */
    public PreloadReport preload(List<ExportData.Record> records, Path exportDir, Path cacheFile, TokenCache.Key key,
                                 int threads, java.util.function.BooleanSupplier cancel,
                                 java.util.function.Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        java.util.LinkedHashSet<Path> pngs = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<Path> npys = new java.util.LinkedHashSet<>();
        for (ExportData.Record r : records) {
            pngs.addAll(r.images());
            npys.addAll(r.actions());
        }
        TokenCache.Loaded loaded = cacheFile == null ? new TokenCache.Loaded(Map.of(), null) : TokenCache.load(cacheFile, key);
        Map<String, TokenCache.Entry> out = new java.util.LinkedHashMap<>();
        int g = images.gridSide();
        List<Path> missing = new ArrayList<>();
        List<long[]> missingStamps = new ArrayList<>();
        int framesHit = 0;
        for (Path p : pngs) {
            String rel = relative(exportDir, p);
            long[] st = TokenCache.stamp(p);
            TokenCache.Entry e = loaded.entries().get(rel);
            if (e != null && e.codes() != null && e.size() == st[0] && e.modified() == st[1] && e.codes().length == g * g) {
                synchronized (this) {
                    codes.put(p, new CodeGrid(g, g, e.codes(), io.vlastudio.dataset.Orientation.ROT180));
                }
                out.put(rel, e);
                framesHit++;
            } else {
                missing.add(p);
                missingStamps.add(st);
            }
        }
        int actionsHit = 0;
        for (Path p : npys) {
            String rel = relative(exportDir, p);
            long[] st = TokenCache.stamp(p);
            TokenCache.Entry e = loaded.entries().get(rel);
            double[] a;
            if (e != null && e.action() != null && e.size() == st[0] && e.modified() == st[1]
                    && e.action().length == actions.dimensions()) {
                a = e.action();
                synchronized (this) {
                    actionValues.put(p, a);
                }
                actionsHit++;
            } else {
                a = action(p);
            }
            out.put(rel, new TokenCache.Entry(st[0], st[1], null, a));
        }
        int batch = 256;
        java.util.concurrent.ExecutorService pool = threads > 1 ? java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "studio-model-png");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (int from = 0; from < missing.size(); from += batch) {
                if (cancel.getAsBoolean()) {
                    return new PreloadReport(cacheFile, pngs.size(), framesHit, npys.size(), actionsHit, loaded.problem(), false,
                            (System.nanoTime() - t0) / 1e9);
                }
                List<Path> part = missing.subList(from, Math.min(missing.size(), from + batch));
                List<Frame> frames = readFitted(part, pool);
                List<CodeGrid> grids;
                try {
                    grids = images.encodeAll(frames);
                } catch (TokenizerException e) {
                    throw new IOException(part.get(0) + " .. " + part.get(part.size() - 1) + ": " + e.getMessage(), e);
                }
                for (int i = 0; i < part.size(); i++) {
                    Path p = part.get(i);
                    synchronized (this) {
                        codes.put(p, grids.get(i));
                    }
                    long[] st = missingStamps.get(from + i);
                    out.put(relative(exportDir, p), new TokenCache.Entry(st[0], st[1], grids.get(i).codes(), null));
                }
                if (progress != null) {
                    progress.accept(String.format(java.util.Locale.ROOT, "tokenized %d of %d frames (%.0f s)",
                            Math.min(missing.size(), from + batch), missing.size(), (System.nanoTime() - t0) / 1e9));
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        boolean changed = !missing.isEmpty() || actionsHit < npys.size() || out.size() != loaded.entries().size();
        boolean written = false;
        String problem = loaded.problem();
        if (cacheFile != null && changed) {
            try {
                TokenCache.save(cacheFile, key, out);
                written = true;
            } catch (IOException e) {
                problem = (problem == null ? "" : problem + "; ") + "could not write the token cache " + cacheFile + " ("
                        + e.getMessage() + "): the next run tokenizes again";
            }
        }
        return new PreloadReport(cacheFile, pngs.size(), framesHit, npys.size(), actionsHit, problem, written,
                (System.nanoTime() - t0) / 1e9);
    }

    private List<Frame> readFitted(List<Path> part, java.util.concurrent.ExecutorService pool) throws IOException {
        if (pool == null) {
            List<Frame> frames = new ArrayList<>(part.size());
            for (Path p : part) {
                frames.add(fitter.fit(ExportData.readImage(p), images.resolution()).frame());
            }
            return frames;
        }
        List<java.util.concurrent.Future<Frame>> futures = new ArrayList<>(part.size());
        for (Path p : part) {
            futures.add(pool.submit(() -> new FrameFitter().fit(ExportData.readImage(p), images.resolution()).frame()));
        }
        List<Frame> frames = new ArrayList<>(part.size());
        for (java.util.concurrent.Future<Frame> f : futures) {
            try {
                frames.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading frames", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
            }
        }
        return frames;
    }

    static String relative(Path dir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path d = dir.toAbsolutePath().normalize();
        return abs.startsWith(d) ? d.relativize(abs).toString() : abs.toString();
    }

    public synchronized CodeGrid codes(Path png) throws IOException {
        CodeGrid g = codes.get(png);
        if (g == null) {
            try {
                g = images.encode(fittedFrame(png));
            } catch (TokenizerException e) {
                throw new IOException(png + ": " + e.getMessage(), e);
            }
            codes.put(png, g);
        }
        return g;
    }

    public synchronized double[] action(Path npy) throws IOException {
        double[] a = actionValues.get(npy);
        if (a == null) {
            a = ExportData.readNpy(npy);
            if (a.length != actions.dimensions()) {
                throw new IOException(npy + ": " + a.length + " values, the action bounds have " + actions.dimensions());
            }
            actionValues.put(npy, a);
        }
        return a;
    }

    public int[] bins(Path npy) throws IOException {
        return actions.encode(action(npy), npy.toString(), ExportData.stepOf(npy));
    }
}
