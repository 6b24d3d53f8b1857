package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Curation;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SavedView;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.training.export.WorldVlaExporter;
import io.vlastudio.training.export.WorldVlaPlan;
import io.vlastudio.training.export.WorldVlaSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code vla-studio export worldvla}: a mix (or a view) as the files, conversations and data configs WorldVLA trains on. */
@Command(name = "worldvla", mixinStandardHelpOptions = true, description = {
        "Exports a mix (or a view) as exactly what WorldVLA trains on: files/<suite>/<task>/trj_<i>/imgs/image_<j>.png",
        "and action/action_<j>.npy, WorldVLA's six conversation files per suite in convs/, data configs in configs/",
        "(mix weights realised) and manifest.json. Written under DIR.part and renamed when complete; re-exporting",
        "into the same DIR keeps unchanged trajectories as they are. Settings default to the mix's."})
final class ExportWorldVlaCommand extends CurationCommands.WorkspaceCommand {

    @CommandLine.ArgGroup(multiplicity = "1")
    Source source;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the export folder (new, empty, or an earlier export)")
    Path out;
    @Option(names = "--resolution", paramLabel = "256|512", description = "frame side; smaller sources are resized (default: the mix's, else 256)")
    Integer resolution;
    @Option(names = "--history", paramLabel = "M", description = "action model: frames of history (default: the mix's, WorldVLA 2)")
    Integer history;
    @Option(names = "--chunk", paramLabel = "K", description = "action model: actions per sample (default: the mix's; WorldVLA 5, 10 for libero_10)")
    Integer chunk;
    @Option(names = "--world-history", paramLabel = "1", description = "world model: frames of history (WorldVLA reads 1 only)")
    Integer worldHistory;
    @Option(names = "--split", paramLabel = "worldvla|mix", description = "WorldVLA's own split rule (default) or the mix's split parts")
    String split;
    @Option(names = "--paths", paramLabel = "absolute|relative", description = "paths in records and configs (default absolute)")
    String paths;
    @Option(names = "--prompt", paramLabel = "task-dir|instruction", description = "task text of action prompts (default: WorldVLA's task-dir)")
    String prompt;
    @Option(names = "--dry-run", description = "show what would be written, write nothing")
    boolean dryRun;
    @Option(names = "--json", description = "print the plan (and the result) as JSON")
    boolean json;

    static final class Source {
        @Option(names = "--mix", paramLabel = "NAME")
        String mix;
        @Option(names = "--view", paramLabel = "NAME")
        String view;
    }

    ExportWorldVlaCommand(AppContext c) {
        super(c);
    }

    @Override
    int run(Workspace ws, Curation curation) throws Exception {
        Mix mix = source.mix != null ? CurationCommands.mix(curation, source.mix)
                : new Mix("view-" + source.view, List.of(MixComponent.view(curation.view(source.view).map(SavedView::name)
                .orElseThrow(() -> new IllegalArgumentException("no view named " + source.view + " (vla-studio view list)")), 1)),
                MixSettings.defaults());
        Manifest manifest = curation.manifest(mix, CurationCommands.studioVersion());
        WorldVlaSettings s = WorldVlaSettings.fromMix(manifest.settings());
        if (resolution != null) {
            s = s.withResolution(resolution);
        }
        if (history != null) {
            s = s.withHistory(history);
        }
        if (chunk != null) {
            s = s.withChunk(chunk);
        }
        if (worldHistory != null) {
            s = s.withWorldHistory(worldHistory);
        }
        if (split != null) {
            s = s.withSplit(WorldVlaSettings.split(split));
        }
        if (paths != null) {
            s = s.withPaths(WorldVlaSettings.paths(paths));
        }
        if (prompt != null) {
            s = s.withPrompt(WorldVlaSettings.prompt(prompt));
        }
        WorldVlaExporter exporter = new WorldVlaExporter(context.reader(), CurationCommands.studioVersion());
        WorldVlaPlan plan = exporter.plan(manifest, s);
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out.toAbsolutePath().normalize();
        long free = WorldVlaExporter.freeSpaceFor(dir);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mix", mix.name());
        report.put("out", dir.toString());
        report.put("plan", plan.summary());
        report.put("free_bytes", free);
        if (plan.trajectories().isEmpty()) {
            throw new IllegalArgumentException("the " + (source.mix != null ? "mix " + source.mix : "view " + source.view)
                    + " selects no usable demos (rejected and unavailable demos are left out); nothing to export");
        }
        if (!json) {
            printPlan(plan, dir, free);
        }
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (dryRun) {
            if (json) {
                out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            } else {
                out().println("dry run: nothing was written");
            }
            return 0;
        }
        long[] last = {-1};
        WorldVlaExporter.Result r = exporter.export(plan, dir, curation::changedFiles, (done, total, msg) -> {
            long pct = done * 100 / Math.max(1, total);
            synchronized (last) {
                if (pct / 10 > last[0]) { // workers report out of order: only ever go forward
                    last[0] = pct / 10;
                    err.println("exporting: " + pct + "%");
                    err.flush();
                }
            }
        }, () -> false);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("written_trajectories", r.written());
            result.put("kept_trajectories", r.reused());
            result.put("steps_written", r.stepsWritten());
            result.put("bytes_written", r.bytes());
            result.put("effective_records", r.effectiveRecords());
            result.put("conversations", r.conversationFiles());
            result.put("configs", List.of("configs/train.yaml", "configs/val_ind.yaml", "configs/val_ood.yaml"));
            result.put("threads", r.threads());
            result.put("seconds", r.seconds());
            report.put("result", result);
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            return 0;
        }
        out().printf(Locale.ROOT, "wrote %d trajectories (%d steps, %s) and kept %d unchanged, into %s (%d threads, %.1f s)%n",
                r.written(), r.stepsWritten(), MixCounter.bytes(r.bytes()), r.reused(), dir, r.threads(), r.seconds());
        out().printf(Locale.ROOT, "effective records (weights applied): train %d, val_ind %d, val_ood %d%n",
                r.effectiveRecords().get("train"), r.effectiveRecords().get("val_ind"), r.effectiveRecords().get("val_ood"));
        out().println("files roots: " + String.join(", ", plan.suites().stream().map(x -> dir.resolve("files").resolve(x).toString()).toList()));
        out().println("data configs: " + dir.resolve("configs") + "/{train,val_ind,val_ood}.yaml (their tokens/ files are"
                + " written by a training run's pre-tokenize stage, or by WorldVLA's pre-tokenizer run on convs/)");
        return 0;
    }

    private void printPlan(WorldVlaPlan plan, Path dir, long free) {
        PrintWriter o = out();
        WorldVlaSettings s = plan.settings();
        o.printf(Locale.ROOT, "WorldVLA export of %d trajectories into %s%n", plan.total().trajectories(), dir);
        o.printf(Locale.ROOT, "settings: %d px, history %d, chunk %d, world history %d, split %s, %s paths, prompt %s%n",
                s.resolution(), s.history(), s.chunk(), s.worldHistory(), s.split().name().toLowerCase(Locale.ROOT),
                s.paths().name().toLowerCase(Locale.ROOT), s.prompt() == WorldVlaSettings.Prompt.TASK_DIR ? "task-dir" : "instruction");
        o.printf(Locale.ROOT, "%-8s %12s %8s %14s %13s%n", "split", "trajectories", "steps", "action samples", "world samples");
        for (SplitPart p : SplitPart.values()) {
            WorldVlaPlan.Counts c = plan.counts().get(p);
            o.printf(Locale.ROOT, "%-8s %12d %8d %14d %13d%n", p.id(), c.trajectories(), c.steps(), c.actionSamples(), c.worldSamples());
        }
        o.printf(Locale.ROOT, "%d files, about %s (estimate); %s free%n", plan.files(), MixCounter.bytes(plan.estimatedBytes()),
                free == Long.MAX_VALUE ? "unknown" : MixCounter.bytes(free));
    }
}
