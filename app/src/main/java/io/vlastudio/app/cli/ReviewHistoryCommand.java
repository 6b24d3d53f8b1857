package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.DemoRef;
import io.vlastudio.store.HistoryEntry;
import io.vlastudio.store.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code vla-studio review history FILE#DEMO}: who changed what, when. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Lists every change to a demo's review.", "Oldest first: who changed what, when, and the review after it."})
final class ReviewHistoryCommand extends OpenWorkspaceCommand {

    @Parameters(paramLabel = "FILE#DEMO", description = "the demo")
    private String demo;

    @Option(names = "--json", description = "print a JSON array with the review before and after each change")
    private boolean json;

    private DemoRef ref;

    ReviewHistoryCommand(AppContext context) {
        super(context);
    }

    @Override
    void checkArguments() {
        try {
            ref = DemoRef.parse(demo);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    int run(Workspace ws) throws Exception {
        PrintWriter out = out();
        List<HistoryEntry> history = ws.history(ref);
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ReviewJson toJson = new ReviewJson(mapper);
            ArrayNode array = mapper.createArrayNode();
            history.forEach(h -> array.add(toJson.history(h)));
            out.println(mapper.writeValueAsString(array));
        } else if (history.isEmpty()) {
            out.println("no changes to " + ref);
        } else {
            for (HistoryEntry h : history) {
                out.println(h.action().at() + "  " + h.action().reviewer() + "  " + h.action().description() + "  ->  "
                        + ReviewJson.summary(h.after()));
            }
        }
        return 0;
    }
}
