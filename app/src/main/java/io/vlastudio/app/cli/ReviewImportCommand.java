package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.ImportPolicy;
import io.vlastudio.store.ImportReport;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code vla-studio review import FILE [--take-theirs]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a reviews file written by 'review export', reporting conflicts.",
                "Demos are matched by file content and demo name, so paths may differ. A demo reviewed differently here",
                "is a conflict: it is listed and kept as it is,",
                "unless --take-theirs. The import is one action: 'vla-studio undo' reverts all of it.",
                "Exit code 3 when there were conflicts or reviews of demos this workspace does not have."})
final class ReviewImportCommand extends OpenWorkspaceCommand {

    @Parameters(paramLabel = "FILE", description = "a reviews JSON file")
    private Path file;

    @Option(names = "--take-theirs", description = "replace this workspace's reviews by the file's where they differ")
    private boolean takeTheirs;

    @Option(names = "--json", description = "print the outcome as JSON")
    private boolean json;

    ReviewImportCommand(AppContext context) {
        super(context);
    }

    @Override
    int run(Workspace ws) throws Exception {
        PrintWriter out = out();
        ImportReport r = ws.importReviews(file, takeTheirs ? ImportPolicy.TAKE_THEIRS : ImportPolicy.KEEP_MINE);
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ReviewJson toJson = new ReviewJson(mapper);
            ObjectNode o = mapper.createObjectNode();
            o.put("applied", r.applied());
            o.put("unchanged", r.unchanged());
            ArrayNode conflicts = o.putArray("conflicts");
            for (ImportReport.Conflict c : r.conflicts()) {
                ObjectNode n = conflicts.addObject();
                n.put("demo", c.demo().toString());
                n.put("replaced", c.replaced());
                toJson.review(n.putObject("mine"), c.mine());
                toJson.review(n.putObject("theirs"), c.theirs());
            }
            ArrayNode unmatched = o.putArray("unmatched");
            r.unmatched().forEach(unmatched::add);
            out.println(mapper.writeValueAsString(o));
        } else {
            out.println("imported " + r.applied() + " reviews from " + file + " (" + r.unchanged() + " already the same, "
                    + r.conflicts().size() + " conflicts, " + r.unmatched().size() + " not matched)");
            for (ImportReport.Conflict c : r.conflicts()) {
                out.println((c.replaced() ? "replaced: " : "conflict, kept yours: ") + c.demo() + "  yours: "
                        + ReviewJson.summary(c.mine()) + "  theirs: " + ReviewJson.summary(c.theirs()));
            }
            for (String u : r.unmatched()) {
                out.println("not matched: " + u);
            }
            if (!r.conflicts().isEmpty() && !takeTheirs) {
                out.println("to take their reviews where they differ: vla-studio review import " + file + " --take-theirs");
            }
        }
        boolean kept = r.conflicts().stream().anyMatch(c -> !c.replaced());
        return kept || !r.unmatched().isEmpty() ? 3 : 0;
    }
}
