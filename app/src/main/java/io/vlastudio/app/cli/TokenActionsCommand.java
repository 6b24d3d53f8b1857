package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.ActionTokenStatistics;
import io.vlastudio.tokenizer.action.BoundsPreset;
import io.vlastudio.tokenizer.action.DemoActions;
import io.vlastudio.tokenizer.action.DimensionTokenStatistics;
import io.vlastudio.tokenizer.action.NonFiniteActionException;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.tokenizer.action.WorldVlaBoundsSnippet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vla-studio tokens actions FILE --demo D [--bounds worldvla|minmax|q01q99] [--json]}. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = {"Tokenizes a demo's actions exactly as WorldVLA does (256 bins, tokens 10006..10261) and decodes them back.",
                "Prints the bounds, per-dimension statistics and the bounds snippet for WorldVLA, or with --json:",
                "{\"demo\", \"bounds\": {\"min\", \"max\"}, \"tokens\": [[7 ints] per step], \"decoded\": [[7 floats] per step]}."})
final class TokenActionsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DemoSelection target;

    @Option(names = "--bounds", defaultValue = "worldvla",
            description = "worldvla (WorldVLA's fixed bounds), minmax or q01q99 (from the data); default: ${DEFAULT-VALUE}")
    private String bounds;

    @Option(names = "--bounds-from", defaultValue = "file",
            description = "data the minmax/q01q99 bounds are computed over: file (every valid demo of FILE) or demo; default: ${DEFAULT-VALUE}")
    private String boundsFrom;

    @Option(names = "--json", description = "print JSON instead of a report")
    private boolean json;

    private final AppContext context;

    TokenActionsCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path file = target.file();
        String demo = target.demo();
        PrintWriter err = spec.commandLine().getErr();
        BoundsPreset preset;
        try {
            preset = BoundsPreset.fromId(bounds);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (!boundsFrom.equals("file") && !boundsFrom.equals("demo")) {
            err.println("error: unknown --bounds-from '" + boundsFrom + "' (expected file or demo)");
            return 2;
        }
        try (DemoFile f = context.reader().open(file)) {
            target.requireIn(f);
            DemoActions actions = context.actionsReader().read(f, demo);
            List<DemoActions> data = preset == BoundsPreset.WORLDVLA ? List.of()
                    : boundsFrom.equals("demo") ? List.of(actions) : context.actionsReader().readAll(f);
            ActionBounds b = context.boundsCalculator().compute(preset, data);
            UniformBinActionTokenizer tokenizer = new UniformBinActionTokenizer(b);
            int[][] tokens = tokenizer.encode(actions);
            if (json) {
                printJson(spec.commandLine().getOut(), b, tokenizer, tokens);
            } else {
                printReport(spec.commandLine().getOut(), actions, b, tokenizer, data.size());
            }
            return 0;
        } catch (DatasetException | NonFiniteActionException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void printJson(PrintWriter out, ActionBounds b, UniformBinActionTokenizer tokenizer, int[][] tokens) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("demo", target.demo());
        ObjectNode bn = root.putObject("bounds");
        ArrayNode min = bn.putArray("min");
        ArrayNode max = bn.putArray("max");
        for (int d = 0; d < b.dimensions(); d++) {
            min.add(b.min()[d]);
            max.add(b.max()[d]);
        }
        ArrayNode tok = root.putArray("tokens");
        ArrayNode dec = root.putArray("decoded");
        for (int[] step : tokens) {
            ArrayNode t = tok.addArray();
            ArrayNode v = dec.addArray();
            double[] back = tokenizer.decode(step);
            for (int d = 0; d < step.length; d++) {
                t.add(step[d]);
                v.add(back[d]);
            }
        }
        out.println(mapper.writeValueAsString(root));
    }

    private void printReport(PrintWriter out, DemoActions actions, ActionBounds b, UniformBinActionTokenizer tokenizer,
                             int boundsDemos) {
        out.println(target.file() + " " + target.demo() + ": " + actions.steps() + " steps");
        out.println("bounds: " + b.preset().label()
                + (b.preset() == BoundsPreset.WORLDVLA ? "" : " over " + boundsDemos + (boundsDemos == 1 ? " demo" : " demos")));
        ActionTokenStatistics stats = ActionTokenStatistics.compute(tokenizer, List.of(actions));
        out.println(String.format(Locale.ROOT, "%-4s %12s %12s %9s %12s %12s %9s", "dim", "min", "max", "clipped",
                "mean |err|", "max |err|", "bins used"));
        for (DimensionTokenStatistics d : stats.dimensions()) {
            out.println(String.format(Locale.ROOT, "%-4d %12.6f %12.6f %8.2f%% %12.3e %12.3e %9d", d.dimension(),
                    b.min()[d.dimension()], b.max()[d.dimension()], 100 * d.clippedShare(), d.meanAbsError(),
                    d.maxAbsError(), 256 - d.emptyBins()));
        }
        out.println(String.format(Locale.ROOT, "gripper sign flips after the round trip: %d of %d steps (%.2f%%)",
                stats.gripper().signFlips(), stats.steps(), 100 * stats.gripper().signFlipShare()));
        out.println();
        out.print(WorldVlaBoundsSnippet.of(b));
    }
}
