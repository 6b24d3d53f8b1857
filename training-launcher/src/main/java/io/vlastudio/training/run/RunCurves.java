package io.vlastudio.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.vlastudio.store.WorkspaceException;
import io.vlastudio.store.runs.RunAttempt;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The curves of a finished or running run, read back from what it wrote, so two runs can be compared: the training
 * pass of its train logs ({@code Epoch: [E]  [i/N]} lines of every attempt, window values, x = epoch + (i+1)/N),
 * or, for a meter the logs do not print, its {@code output/log_train.txt} / {@code log_eval_*.txt} JSON lines
 * (one point per epoch at x = epoch + 1; {@code closs} finds {@code train_closs}, {@code val_closs} the eval files).
 * A resumed run's later points replace earlier ones at the same x.
 */
public final class RunCurves {

    /** One run's curve of one metric; {@code source} names the files it came from. */
    public record Curve(String run, String metric, String source, double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    private final RunLauncher launcher;

    public RunCurves(RunLauncher launcher) {
        this.launcher = launcher;
    }

    /** The curve of {@code metric} of run {@code run}; empty arrays when the run never printed it. */
    public Curve curve(String run, String metric) throws WorkspaceException, IOException {
        RunConfig c = launcher.require(run);
        TreeMap<Double, Double> points = new TreeMap<>();
        List<Path> logs = trainLogs(run);
        for (Path log : logs) {
            LogParser.parse(log, e -> {
                if (e instanceof LogEvent.Progress p && p.phase() == LogEvent.Phase.TRAIN && p.iterations() > 0) {
                    Double v = p.meters().get(metric);
                    if (v != null && Double.isFinite(v)) {
                        points.put(p.epoch() + (p.iteration() + 1.0) / p.iterations(), v);
                    }
                }
            });
        }
        String source = String.join(", ", logs.stream().map(l -> l.getFileName().toString()).distinct().toList());
        if (points.isEmpty()) {
            Path output = launcher.layout(c).output();
            for (Map.Entry<String, String> f : epochFiles().entrySet()) {
                Path file = output.resolve(f.getKey());
                for (JsonNode line : jsonLines(file)) {
                    JsonNode v = line.get(f.getValue() + metric);
                    if (v == null && f.getValue().equals("train_")) {
                        v = line.get(metric);
                    }
                    JsonNode ep = line.get("epoch");
                    if (v != null && v.isNumber() && ep != null && ep.isNumber() && Double.isFinite(v.asDouble())) {
                        points.put(ep.asDouble() + 1, v.asDouble());
                    }
                }
                if (!points.isEmpty()) {
                    source = f.getKey();
                    break;
                }
            }
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        int i = 0;
        for (Map.Entry<Double, Double> p : points.entrySet()) {
            x[i] = p.getKey();
            y[i++] = p.getValue();
        }
        return new Curve(run, metric, points.isEmpty() ? "" : source, x, y);
    }

    /** The metrics a run can be compared on: the meters of its train logs, then those of its log_*.txt files. */
    public Set<String> metrics(String run) throws WorkspaceException, IOException {
        RunConfig c = launcher.require(run);
        Set<String> out = new LinkedHashSet<>();
        for (Path log : trainLogs(run)) {
            LogParser.parse(log, e -> {
                if (e instanceof LogEvent.Progress p && p.phase() == LogEvent.Phase.TRAIN) {
                    out.addAll(p.meters().keySet());
                }
            });
        }
        Path output = launcher.layout(c).output();
        for (Map.Entry<String, String> f : epochFiles().entrySet()) {
            for (JsonNode line : jsonLines(output.resolve(f.getKey()))) {
                line.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("epoch")) {
                        out.add(f.getValue().equals("train_") && k.startsWith("train_") ? k.substring(6) : k);
                    }
                });
            }
        }
        return out;
    }

    private static Map<String, String> epochFiles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("log_train.txt", "train_");
        m.put("log_eval_ind.txt", "");
        m.put("log_eval_ood.txt", "");
        return m;
    }

    /** The train stage's log files of every attempt, oldest first, each once. */
    private List<Path> trainLogs(String run) throws WorkspaceException {
        Set<Path> out = new LinkedHashSet<>();
        for (RunAttempt a : launcher.attempts(run)) {
            AttemptState s;
            try {
                s = AttemptState.fromJson(a.recordJson());
            } catch (IllegalArgumentException e) {
                continue;
            }
            AttemptState.StageState train = s.stages.get("train");
            if (train == null) {
                continue;
            }
            for (AttemptState.ProcessRef p : train.processes) {
                if (p.log != null && Files.isRegularFile(Path.of(p.log))) {
                    out.add(Path.of(p.log));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.isBlank()) {
                    try {
                        out.add(RunConfig.JSON.readTree(l));
                    } catch (IOException e) {
                        // a torn last line of a running run: skip it
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
