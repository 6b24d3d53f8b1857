package io.vlastudio.app.predictions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;

/**
 * Writes predictions folders (contract C: meta.json, frame_NNNNNN.png, actions.json) for a demo, the way
 * {@code vla-studio predict} lays them out in a workspace, with ImageIO and Jackson rather than the studio's own
 * writer, so the reader is tested against independently written files.
 */
final class PredictionFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** How a predicted frame is made from the step and the real frame. */
    enum Content {
        /** A flat colour that encodes the step and the set: R = step mod 256, G = 40·(set+1), B = 200. */
        CODED,
        /** The real frame, shifted and noisier the further from the rollout's start (for screenshots). */
        DRIFTING
    }

    private PredictionFixtures() {
    }

    /** The colour of a {@link Content#CODED} frame: {@code 0xRRGGBB}. */
    static int coded(int step, int set) {
        return (step % 256) << 16 | (40 * (set + 1)) << 8 | 200;
    }

    /**
     * Writes a predictions folder under {@code workspace/predictions/<run>/<checkpoint>/<mode>/<stem>#<demo>/} with frames
     * for steps {@code start+1 .. last} (at most the demo's last step) except {@code skip}, and action chunks of 5 every 5
     * steps from {@code start} to {@code last}.
     *
     * @param metaLength the demo length meta.json states (the demo's own for a good folder)
     */
    static Path write(Path workspace, Path file, Demo demo, String run, String checkpoint, String mode, int start, int set,
                      Content content, Set<Integer> skip, int metaLength, int last) throws IOException {
        String stem = file.getFileName().toString().replaceFirst("\\.hdf5$", "");
        Path dir = workspace.resolve("predictions").resolve(run).resolve(checkpoint).resolve(mode).resolve(stem + "#" + demo.name());
        Files.createDirectories(dir);
        Frame first = demo.frame("agentview", 0, Orientation.RAW);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", "vla-studio-predictions");
        meta.put("version", 1);
        meta.put("run", run);
        meta.put("checkpoint", checkpoint);
        meta.put("source", "studio-model");
        meta.put("mode", mode);
        meta.put("start", start);
        ObjectNode d = meta.putObject("demo");
        d.put("file", file.toAbsolutePath().normalize().toString());
        d.put("demo", demo.name());
        d.put("length", metaLength);
        meta.put("camera", "agentview");
        meta.put("orientation", "raw");
        meta.put("width", first.width());
        meta.put("height", first.height());
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("meta.json").toFile(), meta);

        Random random = new Random(31L * set + start);
        int end = Math.min(last, demo.length() - 1);
        for (int t = start + 1; t <= end; t++) {
            if (skip.contains(t)) {
                continue;
            }
            Frame real = demo.frame("agentview", t, Orientation.RAW);
            BufferedImage img = new BufferedImage(real.width(), real.height(), BufferedImage.TYPE_INT_RGB);
            int horizon = t - start;
            for (int y = 0; y < real.height(); y++) {
                for (int x = 0; x < real.width(); x++) {
                    int rgb;
                    if (content == Content.CODED) {
                        rgb = coded(t, set);
                    } else {
                        int shift = Math.min(12, horizon / (6 - 2 * set));
                        int sx = Math.min(real.width() - 1, x + shift);
                        int v = real.rgbAt(sx, y);
                        int noise = (int) Math.round(random.nextGaussian() * Math.min(40, 2 + horizon * (set + 1) * 0.3));
                        rgb = clamp((v >> 16 & 0xFF) + noise) << 16 | clamp((v >> 8 & 0xFF) + noise) << 8 | clamp((v & 0xFF) + noise);
                    }
                    img.setRGB(x, y, rgb);
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("frame_%06d.png", t)).toFile());
        }

        double[][] recorded = demo.actions();
        ObjectNode actions = JSON.createObjectNode();
        ArrayNode chunks = actions.putArray("chunks");
        for (int s = start; s + 5 <= Math.min(demo.length(), end + 1); s += 5) {
            ObjectNode chunk = chunks.addObject();
            chunk.put("start", s);
            ArrayNode rows = chunk.putArray("actions");
            for (int k = 0; k < 5; k++) {
                ArrayNode row = rows.addArray();
                for (int j = 0; j < recorded[s + k].length; j++) {
                    double v = recorded[s + k][j] + random.nextGaussian() * 0.03 * (k + 1) * (set + 1);
                    if (j == 6) {
                        // the gripper: mostly right, now and then the other way round
                        v = random.nextDouble() < 0.02 * (set + 1) ? -Math.signum(recorded[s + k][j]) : Math.signum(recorded[s + k][j]);
                    }
                    row.add(v);
                }
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("actions.json").toFile(), actions);
        return dir;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
