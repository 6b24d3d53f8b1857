package io.vlastudio.training.predictions;

import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.hdf5.DatasetWriter;
import io.vlastudio.dataset.hdf5.GroupBuilder;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.hdf5.Hdf5Type;
import io.vlastudio.dataset.hdf5.Hdf5Writer;
import io.vlastudio.training.export.PngEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Real HDF5 demos whose frames differ from step to step, and predictions folders written next to them. */
public final class PredictionFixtures {

    private PredictionFixtures() {
    }

    /** A demo's stored agentview frame of a step: seeded noise, so two steps never look alike. */
    public static byte[] storedFrame(int step, int side) {
        Random r = new Random(1000 + step);
        byte[] f = new byte[side * side * 3];
        r.nextBytes(f);
        return f;
    }

    /** Recorded action of a step: small deltas, gripper open (-1) in the first half, closed (+1) after. */
    public static double[] action(int step, int steps) {
        double[] a = new double[7];
        for (int d = 0; d < 6; d++) {
            a[d] = 0.01 * (d + 1) * (step % 5) - 0.02;
        }
        a[6] = step < steps / 2 ? -1 : 1;
        return a;
    }

    /** Writes {@code dir/<name>_demo.hdf5} with one demo {@code demo_0} of {@code steps} steps and side x side frames. */
    public static Path demoFile(Path dir, String name, int steps, int side) throws IOException {
        Path file = dir.resolve(name + "_demo.hdf5");
        try (Hdf5Writer w = Hdf5Writer.create(file)) {
            GroupBuilder g = w.root().group("data").group("demo_0");
            double[][] actions = new double[steps][];
            for (int t = 0; t < steps; t++) {
                actions[t] = action(t, steps);
            }
            g.dataset("actions", actions);
            g.dataset("states", new double[steps][9]);
            g.dataset("robot_states", new double[steps][9]);
            g.dataset("obs/gripper_states", new double[steps][2]);
            g.dataset("obs/joint_states", new double[steps][7]);
            g.dataset("obs/ee_states", new double[steps][6]);
            DatasetWriter rgb = g.dataset("obs/agentview_rgb", Hdf5Type.UINT8, steps, side, side, 3);
            for (int t = 0; t < steps; t++) {
                rgb.writeRow(t, storedFrame(t, side));
            }
        }
        return file;
    }

    /** An open demo with its file, closed together. */
    public record OpenDemo(DemoFile file, Demo demo) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            file.close();
        }
    }

    public static OpenDemo open(Path file) throws IOException {
        DemoFile f = new Hdf5DemoReader().open(file);
        return new OpenDemo(f, f.openDemo("demo_0"));
    }

    /**
     * Writes a predictions folder for {@code demo}: a frame for every step in {@code steps}, the pixels given by
     * {@code frameFor}, and the given chunks.
     */
    public static Path predictions(Path dir, Path file, Demo demo, String run, String checkpoint, String mode, int start,
                                   List<Integer> steps, IntFunction<Frame> frameFor, List<ActionChunk> chunks) throws IOException {
        Files.createDirectories(dir);
        PngEncoder png = new PngEncoder();
        int w = 0;
        int h = 0;
        for (int t : steps) {
            Frame f = frameFor.apply(t);
            w = f.width();
            h = f.height();
            PredictionsFolder.writeFrame(dir, t, f, png);
        }
        PredictionsFolder.writeActions(dir, chunks);
        PredictionsFolder.writeMeta(dir, new PredictionMeta(run, checkpoint, PredictionMeta.SOURCE_STUDIO_MODEL, mode, start,
                file, demo.name(), demo.length(), "agentview", "raw", w, h));
        return dir;
    }

    /** The real frame of a step (raw orientation), as a prediction that is exactly right. */
    public static Frame real(Demo demo, int step) {
        try {
            return demo.frame("agentview", step, Orientation.RAW);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<Integer> range(int from, int toExclusive) {
        List<Integer> out = new ArrayList<>();
        for (int t = from; t < toExclusive; t++) {
            out.add(t);
        }
        return out;
    }
}
