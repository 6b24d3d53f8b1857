package io.vlastudio.training.run;

import io.vlastudio.store.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finished runs made from the stand-in's recorded two-rank log (test resource), recorded in a workspace as the
 * launcher records them (a configuration, one succeeded attempt whose train stage names its log, log_train.txt),
 * so reading them back needs no torchrun. {@code closs} of the log is multiplied by {@code clossScale}, so two runs
 * differ.
 */
public final class RecordedRuns {

    private static final Pattern CLOSS = Pattern.compile("closs: ([0-9.]+) \\(([0-9.]+)\\)");

    private RecordedRuns() {
    }

    /** The recorded log's lines (streamed: in `verify` the test-jar is a jar, not a folder). */
    public static List<String> recordedLog() throws java.io.IOException {
        try (java.io.InputStream in = RecordedRuns.class.getClassLoader()
                .getResourceAsStream("recorded-standin-2ranks.log")) {
            if (in == null) {
                throw new java.io.FileNotFoundException("test resource recorded-standin-2ranks.log");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    public static void record(Workspace ws, RunLauncher launcher, String name, double clossScale) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("export", ws.directory().resolve("exports/none").toString());
        m.put("worldvla", ws.directory().resolve("worldvla").toString());
        m.put("epochs", 2);
        RunConfig c = RunConfig.fromMap(m);
        launcher.create(c);
        RunPlanner.Layout layout = launcher.layout(c);
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.output());
        StringBuilder log = new StringBuilder();
        for (String line : recordedLog()) {
            Matcher mm = CLOSS.matcher(line);
            log.append(mm.find() ? line.substring(0, mm.start()) + String.format("closs: %.4f (%.4f)",
                    Double.parseDouble(mm.group(1)) * clossScale, Double.parseDouble(mm.group(2)) * clossScale)
                    + line.substring(mm.end()) : line).append('\n');
        }
        Path trainLog = layout.logs().resolve("train.log");
        Files.writeString(trainLog, log);
        Files.writeString(layout.output().resolve("log_train.txt"), String.format(
                "{\"train_closs\": %.4f, \"train_lr\": 0.01, \"epoch\": 0}%n{\"train_closs\": %.4f, \"train_lr\": 0.005, \"epoch\": 1}%n",
                5.2 * clossScale, 4.9 * clossScale));
        AttemptState s = new AttemptState();
        s.run = name;
        s.status = AttemptState.SUCCEEDED;
        s.stage = "train";
        AttemptState.StageState train = new AttemptState.StageState();
        train.status = "succeeded";
        train.exitCode = 0;
        AttemptState.ProcessRef p = new AttemptState.ProcessRef();
        p.label = "torchrun";
        p.log = trainLog.toString();
        p.offset = Files.size(trainLog);
        train.processes.add(p);
        s.stages.put("train", train);
        s.checkpoints = List.of("epoch0", "epoch1");
        long id = ws.runs().startAttempt(name, AttemptState.RUNNING, s.toJson());
        ws.runs().updateAttempt(id, AttemptState.SUCCEEDED, s.toJson(), true);
    }
}
