package io.vlastudio.training.studio;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mask ablation: the same export trained twice, with WorldVLA's action attention mask ({@code <dir>/action}) and
 * with a plain causal mask ({@code <dir>/causal}), compared by action L1 per chunk position on the last evaluated
 * epoch of each, beside the two baselines. WorldVLA reports that the mask helps later chunk positions; this shows
 * what the user's data says.
 */
public final class StudioAblation {

    public static final String ACTION_DIR = "action";
    public static final String CAUSAL_DIR = "causal";

    private StudioAblation() {
    }

    /** The two runs' output folders. */
    public static List<Path> runDirs(Path dir) {
        return List.of(dir.resolve(ACTION_DIR), dir.resolve(CAUSAL_DIR));
    }

    /** Action L1 at one chunk position (1-based): both masks and the two baselines. */
    public record Position(int position, double actionMask, double causalMask, double repeatLastAction, double meanAction) {
    }

    /**
     * Action L1 per chunk position on the last evaluated epoch of two runs' output folders (the action-mask run's,
     * the causal run's), beside the baselines of the action-mask run's evaluation.
     */
    public static List<Position> positions(Path actionRun, Path causalRun) throws IOException {
        JsonNode a = last(actionRun);
        JsonNode c = last(causalRun);
        JsonNode pa = a.path("action").path("model").path("l1_per_position");
        JsonNode pc = c.path("action").path("model").path("l1_per_position");
        JsonNode rl = a.path("action").path("repeat_last_action").path("l1_per_position");
        JsonNode ma = a.path("action").path("mean_action").path("l1_per_position");
        List<Position> out = new ArrayList<>();
        for (int k = 0; k < pa.size(); k++) {
            out.add(new Position(k + 1, pa.get(k).asDouble(), pc.path(k).asDouble(Double.NaN), rl.path(k).asDouble(Double.NaN),
                    ma.path(k).asDouble(Double.NaN)));
        }
        return out;
    }

    /** Reads both runs' metrics, writes {@code ablation.json} and {@code ablation.md} and returns the table's text. */
    public static String compare(Path dir) throws IOException {
        JsonNode a = last(dir.resolve(ACTION_DIR));
        JsonNode c = last(dir.resolve(CAUSAL_DIR));
        JsonNode pa = a.path("action").path("model").path("l1_per_position");
        JsonNode pc = c.path("action").path("model").path("l1_per_position");
        JsonNode rl = a.path("action").path("repeat_last_action").path("l1_per_position");
        JsonNode ma = a.path("action").path("mean_action").path("l1_per_position");
        StringBuilder md = new StringBuilder();
        md.append("# Action attention mask vs causal mask\n\n");
        md.append(String.format(Locale.ROOT, "Action L1 (decoded actions vs recorded, lower is better) per chunk position on "
                + "val_ind, epoch %d (action mask) and %d (causal), %d samples.%n%n", a.path("epoch").asInt(),
                c.path("epoch").asInt(), a.path("action").path("samples").asInt()));
        md.append("| position | action mask | causal mask | repeat last action | mean action |\n|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = 0; k < pa.size(); k++) {
            md.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f |%n", k + 1, pa.get(k).asDouble(),
                    pc.path(k).asDouble(Double.NaN), rl.path(k).asDouble(Double.NaN), ma.path(k).asDouble(Double.NaN)));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("position", k + 1);
            r.put("action_mask", pa.get(k).asDouble());
            r.put("causal_mask", pc.path(k).asDouble(Double.NaN));
            r.put("repeat_last_action", rl.path(k).asDouble(Double.NaN));
            r.put("mean_action", ma.path(k).asDouble(Double.NaN));
            rows.add(r);
        }
        md.append(String.format(Locale.ROOT, "| mean | %.4f | %.4f | %.4f | %.4f |%n",
                a.path("action").path("model").path("l1").asDouble(), c.path("action").path("model").path("l1").asDouble(),
                a.path("action").path("repeat_last_action").path("l1").asDouble(),
                a.path("action").path("mean_action").path("l1").asDouble()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action_epoch", a.path("epoch").asInt());
        out.put("causal_epoch", c.path("epoch").asInt());
        out.put("positions", rows);
        Checkpoints.JSON.writeValue(dir.resolve("ablation.json").toFile(), out);
        Files.writeString(dir.resolve("ablation.md"), md.toString());
        return md.toString();
    }

    private static JsonNode last(Path run) throws IOException {
        Path m = run.resolve("metrics.json");
        if (!Files.isRegularFile(m)) {
            throw new IOException(run + " has no metrics.json: that run has not finished an epoch");
        }
        JsonNode all = Checkpoints.JSON.readTree(m.toFile());
        if (!all.isArray() || all.isEmpty()) {
            throw new IOException(m + " holds no evaluated epoch");
        }
        return all.get(all.size() - 1);
    }
}
