package io.vlastudio.app.cli;

import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.export.ExportResult;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.curation.Curation;
import io.vlastudio.store.curation.ComponentCounts;
import io.vlastudio.store.curation.CurationRow;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.ManifestDiff;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.MixCounts;
import io.vlastudio.store.curation.MixExport;
import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SavedSplit;
import io.vlastudio.store.curation.SavedView;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitSpec;
import io.vlastudio.tokenizer.action.BoundsPreset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vla-studio view|split|mix|export}: curation from the command line (issue 6). */
final class CurationCommands {

    private CurationCommands() {
    }

    /** The studio version written into manifests. */
    static String studioVersion() {
        return AppContext.studioVersion();
    }

    static void register(CommandLine cl, AppContext context) {
        cl.addSubcommand("view", new CommandLine(new Group("view", "Saved views: named filter expressions."))
                .addSubcommand("save", new ViewSave(context))
                .addSubcommand("list", new ViewList(context))
                .addSubcommand("show", new ViewShow(context)));
        cl.addSubcommand("split", new CommandLine(new Group("split", "Stored train / val_ind / val_ood splits."))
                .addSubcommand("create", new SplitCreate(context))
                .addSubcommand("list", new SplitList(context)));
        cl.addSubcommand("mix", new CommandLine(new Group("mix", "Weighted training mixes."))
                .addSubcommand("create", new MixCreate(context))
                .addSubcommand("show", new MixShow(context))
                .addSubcommand("list", new MixList(context))
                .addSubcommand("manifest", new MixManifest(context))
                .addSubcommand("diff", new MixDiff()));
        cl.addSubcommand("export", new CommandLine(new Group("export", "Exports of curated data."))
                .addSubcommand("hdf5", new ExportHdf5(context))
                .addSubcommand("worldvla", new ExportWorldVlaCommand(context)));
    }

    @Command(mixinStandardHelpOptions = true)
    static final class Group extends GroupCommand {
        private final String name;
        private final String description;

        Group(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public void run() {
            spec.commandLine().getOut().println(description);
            super.run();
        }
    }

    abstract static class WorkspaceCommand extends OpenWorkspaceCommand {
        WorkspaceCommand(AppContext context) {
            super(context);
        }

        @Override
        final int run(Workspace ws) throws Exception {
            return run(ws, ws.curation());
        }

        abstract int run(Workspace ws, Curation curation) throws Exception;
    }

    @Command(name = "save", mixinStandardHelpOptions = true, description = {"Saves (or replaces) a named view.",
            "Expression: comparisons joined by and / or / not, e.g.",
            "  verdict != rejected and length >= 50 and tag = \"bad grasp\"",
            "Fields: suite, task, language, file, verdict, tag, segment, length, kept, noops, gripper_events,",
            "'actions outside worldvla', 'actions outside [LOW, HIGH]', available."})
    static final class ViewSave extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--filter", required = true, paramLabel = "EXPR", description = "the filter expression")
        String filter;

        ViewSave(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            SavedView v = curation.saveView(name, filter);
            out().println("view " + v.name() + ": " + v.expression() + " (" + curation.select(v.expression()).size() + " demos)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists saved views with how many demos each selects.")
    static final class ViewList extends WorkspaceCommand {
        ViewList(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            List<CurationRow> rows = curation.rows();
            for (SavedView v : curation.views()) {
                out().printf(Locale.ROOT, "%-20s %5d demos  %s%n", v.name(),
                        io.vlastudio.store.curation.FilterExpression.parse(v.expression()).select(rows).size(), v.expression());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Lists the demos a view (or --filter) selects.")
    static final class ViewShow extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "NAME", arity = "0..1")
        String name;
        @Option(names = "--filter", paramLabel = "EXPR")
        String filter;

        ViewShow(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            String expr = filter != null ? filter : curation.view(name == null ? "" : name).map(SavedView::expression)
                    .orElseThrow(() -> new IllegalArgumentException("no view named " + name + " (vla-studio view list)"));
            List<CurationRow> rows = curation.select(expr);
            for (CurationRow r : rows) {
                out().printf(Locale.ROOT, "%s#%s  %4d steps  %s%n", r.demo().file(), r.demo().demo(), r.demo().length(),
                        r.review().verdict().id());
            }
            out().println(rows.size() + (rows.size() == 1 ? " demo" : " demos"));
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Splits demos into train / val_ind / val_ood and stores it.",
            "--mode stratified (default): seeded, per task, --train share train, --held-out tasks all val_ood.",
            "--mode worldvla: WorldVLA's exact rule (tasks by name, first ceil(0.9 n) in distribution;",
            "trajectories sorted as strings, index < ceil(0.9 n) train)."})
    static final class SplitCreate extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--mode", defaultValue = "stratified", description = "stratified or worldvla")
        String mode;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--train", defaultValue = "0.9", description = "share of each task's demos in train (default 0.9)")
        double train;
        @Option(names = "--held-out", split = ",", paramLabel = "TASK", description = "tasks whose demos are all val_ood")
        List<String> heldOut = new ArrayList<>();
        @Option(names = "--view", paramLabel = "VIEW", description = "split the demos of this view (default: all)")
        String view;
        @Option(names = "--replace", description = "replace an existing split of that name")
        boolean replace;

        SplitCreate(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            SplitSpec.Mode m = SplitSpec.Mode.fromId(mode);
            SplitSpec s = m == SplitSpec.Mode.WORLDVLA ? SplitSpec.worldVla().withTrainFraction(train)
                    : SplitSpec.stratified(seed).withTrainFraction(train).withHeldOut(heldOut);
            SavedSplit split = curation.createSplit(name, s, view, replace);
            out().println(describe(split));
            return 0;
        }
    }

    static String describe(SavedSplit s) {
        return String.format(Locale.ROOT, "split %s (%s%s): train %d, val_ind %d, val_ood %d", s.name(), s.spec().mode().id(),
                s.spec().mode() == SplitSpec.Mode.STRATIFIED ? ", seed " + s.spec().seed() : "",
                s.sizes().get(SplitPart.TRAIN), s.sizes().get(SplitPart.VAL_IND), s.sizes().get(SplitPart.VAL_OOD));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists stored splits.")
    static final class SplitList extends WorkspaceCommand {
        SplitList(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            curation.splits().forEach(s -> out().println(describe(s)));
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Creates (or replaces) a mix.",
            "Components: view:NAME[*WEIGHT] or split:NAME:PART[*WEIGHT] (e.g. view:clean*2 split:s1:train)."})
    static final class MixCreate extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = {"-c", "--component"}, required = true, paramLabel = "COMPONENT")
        List<String> components;
        @Option(names = "--samples", defaultValue = "both", description = "action, world or both (default both)")
        String samples;
        @Option(names = "--history", defaultValue = "2", description = "frames of history M (default 2)")
        int history;
        @Option(names = "--chunk", defaultValue = "5", description = "actions per sample K (default 5; 10 for libero_10)")
        int chunk;
        @Option(names = "--resolution", defaultValue = "256")
        int resolution;
        @Option(names = "--orientation", defaultValue = "rotate180", description = "raw, upright or rotate180 (default)")
        String orientation;
        @Option(names = "--bounds", defaultValue = "worldvla", description = "worldvla, minmax or q01q99")
        String bounds;
        @Option(names = "--prompt", defaultValue = "task_name", description = "task_name (WorldVLA) or instruction")
        String prompt;

        MixCreate(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            BoundsPreset preset = BoundsPreset.fromId(bounds);
            if (!List.of("raw", "upright", "rotate180").contains(orientation)) {
                throw new IllegalArgumentException("unknown orientation '" + orientation + "' (expected raw, upright or rotate180)");
            }
            Mix mix = new Mix(name, components.stream().map(MixComponent::parse).toList(), new MixSettings(
                    MixSettings.Samples.fromId(samples), history, chunk, resolution, orientation, preset.id(),
                    MixSettings.Prompt.fromId(prompt)));
            curation.saveMix(mix);
            printCounts(out(), mix, curation.count(mix));
            return 0;
        }
    }

    static void printCounts(PrintWriter out, Mix mix, MixCounts c) {
        out.println("mix " + mix.name() + ": " + String.join(" + ", mix.components().stream().map(MixComponent::label).toList()));
        for (ComponentCounts cc : c.components()) {
            out.printf(Locale.ROOT, "  %-28s %5d demos %8d steps %9d action %9d world samples%n", cc.label(), cc.demos(),
                    cc.steps(), cc.actionSamples(), cc.worldSamples());
        }
        out.printf(Locale.ROOT, "  %d demos, %d steps, %d action samples, %d world samples, ~%d tokens, export ~%s%n",
                c.demos(), c.steps(), c.actionSamples(), c.worldSamples(), c.estimatedTokens(), MixCounter.bytes(c.exportBytes()));
        c.warnings().forEach(w -> out.println("warning: " + w));
    }

    static Mix mix(Curation curation, String name) throws Exception {
        return curation.mix(name).orElseThrow(() -> new IllegalArgumentException("no mix named " + name + " (vla-studio mix list)"));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a mix's live counts and warnings.")
    static final class MixShow extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "print the counts as JSON")
        boolean json;

        MixShow(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            Mix mix = mix(curation, name);
            MixCounts counts = curation.count(mix);
            if (json) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("mix", mix.name());
                m.put("components", mix.components().stream().map(MixComponent::label).toList());
                // the counts' own per-component figures would clash with the component labels: rename them
                counts.toJson().forEach((k, v) -> m.put(k.equals("components") ? "component_counts" : k, v));
                out().println(io.vlastudio.store.Json.writePretty(m).strip());
            } else {
                printCounts(out(), mix, counts);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists mixes.")
    static final class MixList extends WorkspaceCommand {
        MixList(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            for (String n : curation.mixes()) {
                out().println(n + ": " + String.join(" + ", mix(curation, n).components().stream().map(MixComponent::label).toList()));
            }
            return 0;
        }
    }

    @Command(name = "manifest", mixinStandardHelpOptions = true, description = "Writes a mix's manifest (JSON) to --out or prints it.")
    static final class MixManifest extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--out", paramLabel = "FILE")
        Path file;

        MixManifest(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            String json = curation.manifest(mix(curation, name), studioVersion()).toJson();
            if (file == null) {
                out().print(json);
            } else {
                Files.writeString(file, json, StandardCharsets.UTF_8);
                out().println("wrote " + file);
            }
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = {"Shows what changed between two manifests:",
            "settings, components, demos added / removed / changed (source file, edits, split). Exit 1 when they differ."})
    static final class MixDiff implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "A")
        Path a;
        @Parameters(index = "1", paramLabel = "B")
        Path b;

        @Override
        public Integer call() throws Exception {
            List<String> lines = ManifestDiff.diff(read(a), read(b));
            PrintWriter out = spec.commandLine().getOut();
            if (lines.isEmpty()) {
                out.println("the manifests describe the same data");
            }
            lines.forEach(out::println);
            out.flush();
            return lines.isEmpty() ? 0 : 1;
        }

        private static Manifest read(Path p) throws Exception {
            try {
                return Manifest.parse(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "hdf5", mixinStandardHelpOptions = true, description = {"Exports a view or a mix as LIBERO-layout HDF5",
            "files (one per task, edits applied, rejected demos left out) plus manifest.json into --out."})
    static final class ExportHdf5 extends WorkspaceCommand {
        @CommandLine.ArgGroup(multiplicity = "1")
        Source source;
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        static final class Source {
            @Option(names = "--view", paramLabel = "NAME")
            String view;
            @Option(names = "--mix", paramLabel = "NAME")
            String mix;
        }

        ExportHdf5(AppContext c) {
            super(c);
        }

        @Override
        int run(Workspace ws, Curation curation) throws Exception {
            Mix mix = source.mix != null ? mix(curation, source.mix)
                    : new Mix("view-" + source.view, List.of(MixComponent.view(curation.view(source.view).map(SavedView::name)
                    .orElseThrow(() -> new IllegalArgumentException("no view named " + source.view + " (vla-studio view list)")), 1)),
                    MixSettings.defaults());
            Manifest manifest = curation.manifest(mix, studioVersion());
            PrintWriter err = spec.commandLine().getErr();
            long[] last = {-1};
            ExportResult r = new MixExport(context.reader()).export(curation, manifest, out, (done, total, msg) -> {
                long pct = done * 100 / Math.max(1, total);
                if (pct / 10 != last[0]) {
                    last[0] = pct / 10;
                    err.println("exporting: " + pct + "%");
                }
            }, () -> false);
            out().printf(Locale.ROOT, "exported %d demos, %d steps into %d files (%s) under %s%n", r.demos(), r.steps(),
                    r.files().size() - 1, MixCounter.bytes(r.bytes()), out);
            for (String note : r.notes()) {
                out().println("  note: " + note);
            }
            return 0;
        }
    }
}
