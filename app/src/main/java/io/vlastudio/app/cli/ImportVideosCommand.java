package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.Workspace;
import io.vlastudio.training.predictions.EvalVideoImports;
import io.vlastudio.training.predictions.EvalVideoIndex;
import io.vlastudio.training.predictions.TaskRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code vla-studio predictions import-videos DIR [--json] [--workspace DIR]}: success rates per task and checkpoint
 * from WorldVLA's evaluation videos, every unreadable or misnamed file named, the scan recorded in the workspace
 * ({@code predictions/videos/index.json}; the videos stay where they are).
 */
@Command(name = "import-videos", mixinStandardHelpOptions = true, description = {
        "Imports WorldVLA evaluation videos: <date>--episode=<n>--success=<True|False>--task=<text>.mp4 (closed-loop",
        "LIBERO rollouts) and world-model triplets (--success=gt|gt_recons|inf). Prints the success rate per task and",
        "checkpoint (the folder a video lies in, relative to DIR) and names every file it could not read. The videos stay",
        "where they are; the workspace records the import so that Training > Evaluation Videos shows it again."})
public final class ImportVideosCommand extends OpenWorkspaceCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "print JSON: {\"tasks\": [{\"task\", \"episodes\", \"successes\", \"checkpoint\", \"rate\"}], \"problems\": [...], ...}")
    boolean json;
    @Parameters(index = "0", paramLabel = "DIR", description = "a folder of evaluation videos (searched recursively)")
    Path dir;

    public ImportVideosCommand(AppContext context) {
        super(context);
    }

    @Override
    int run(Workspace ws) throws Exception {
        PrintWriter out = out();
        EvalVideoIndex index = EvalVideoIndex.scan(dir);
        EvalVideoImports imports = new EvalVideoImports(ws.directory());
        imports.record(index);
        if (json) {
            ObjectNode node = index.toJson(JSON);
            node.put("recorded", imports.file().toString());
            out.println(JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        } else {
            printTable(out, index, imports);
        }
        return 0;
    }

    private static void printTable(PrintWriter out, EvalVideoIndex index, EvalVideoImports imports) {
        out.printf("%d videos in %s (recorded in %s)%n", index.videos().size(), index.root(), imports.file());
        if (index.rates().isEmpty()) {
            out.println("No closed-loop rollouts (--success=True|False).");
        } else {
            int cw = Math.max("checkpoint".length(), index.rates().stream().mapToInt(r -> show(r.checkpoint()).length()).max().orElse(0));
            int tw = Math.max("task".length(), index.rates().stream().mapToInt(r -> r.task().length()).max().orElse(0));
            String row = "%-" + cw + "s  %-" + tw + "s  %8s  %9s  %6s%n";
            out.printf(row, "checkpoint", "task", "episodes", "successes", "rate");
            for (TaskRate r : index.rates()) {
                out.printf(row, show(r.checkpoint()), r.task(), r.episodes(), r.successes(), percent(r));
            }
            for (TaskRate r : index.checkpointRates()) {
                out.printf(row, show(r.checkpoint()), "(all tasks)", r.episodes(), r.successes(), percent(r));
            }
        }
        if (!index.triplets().isEmpty()) {
            out.printf("%d world-model triplets (gt | gt_recons | inf)%n", index.triplets().size());
        }
        if (!index.ignored().isEmpty()) {
            out.printf("%d %s not .mp4, left aside (first: %s)%n", index.ignored().size(),
                    index.ignored().size() == 1 ? "file is" : "files are", index.ignored().get(0));
        }
        if (!index.problems().isEmpty()) {
            out.printf("Problems (%d):%n", index.problems().size());
            index.problems().forEach(p -> out.println("  " + p));
        }
    }

    private static String show(String checkpoint) {
        return checkpoint.isEmpty() ? "." : checkpoint;
    }

    private static String percent(TaskRate r) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * r.rate());
    }
}
