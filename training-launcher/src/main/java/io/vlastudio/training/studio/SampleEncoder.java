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
