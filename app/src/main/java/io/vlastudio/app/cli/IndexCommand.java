package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.IndexReport;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vla-studio index PATH... [--workspace DIR] [--json]}: brings a workspace's catalog up to date. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Catalogs demonstration files in a workspace.",
                "New files under the given files and folders are read, unchanged ones skipped, changed ones read again;",
                "files that moved are re-linked (their reviews follow them).",
                "Prints files, demos, steps and errors. Exit code 1 when a file could not be read (the others are indexed)."})
final class IndexCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "HDF5 files or folders (searched recursively)")
    private List<Path> paths;

    @Mixin
    private WorkspaceOption workspace;

    @Option(names = "--json", description = "print the outcome as one JSON object")
    private boolean json;

    private final AppContext context;

    IndexCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndexReport r;
        try (Workspace ws = context.workspaces().open(workspace.resolve(context))) {
            r = ws.index(paths, (done, total, message) -> {
                err.print("\r" + done + "/" + total + " " + message + "          ");
                err.flush();
            }, () -> false);
            err.println();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(ws.directory(), r)));
            } else {
                out.printf(Locale.ROOT, "%d files, %d demos, %,d steps, %d errors (%d new, %d changed, %d unchanged, %d re-linked,"
                                + " %d missing) in %s, %.1f s%n", r.files(), r.demos(), r.steps(), r.failed().size(), r.added(),
                        r.changed(), r.unchanged(), r.relinked().size(), r.missing().size(), ws.directory(),
                        r.elapsed().toMillis() / 1000.0);
                for (IndexReport.Relink l : r.relinked()) {
                    out.println("re-linked: " + l.from() + " -> " + l.to());
                }
                for (Path m : r.missing()) {
                    out.println("missing: " + m);
                }
            }
        }
        for (IndexReport.Failure w : r.warnings()) {
            err.println("warning: " + w.message());
        }
        for (IndexReport.Failure f : r.failed()) {
            err.println("error: " + f.message());
        }
        out.flush();
        err.flush();
        return r.failed().isEmpty() ? 0 : 1;
    }

    private static ObjectNode toJson(Path workspace, IndexReport r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("workspace", workspace.toString());
        o.put("files", r.files());
        o.put("demos", r.demos());
        o.put("steps", r.steps());
        o.put("added", r.added());
        o.put("changed", r.changed());
        o.put("unchanged", r.unchanged());
        ArrayNode relinked = o.putArray("relinked");
        r.relinked().forEach(l -> relinked.addObject().put("from", l.from().toString()).put("to", l.to().toString()));
        ArrayNode missing = o.putArray("missing");
        r.missing().forEach(m -> missing.add(m.toString()));
        ArrayNode errors = o.putArray("errors");
        r.failed().forEach(f -> errors.addObject().put("file", f.file().toString()).put("kind", f.kind()).put("message", f.message()));
        ArrayNode warnings = o.putArray("warnings");
        r.warnings().forEach(w -> warnings.addObject().put("file", w.file().toString()).put("message", w.message()));
        o.put("cancelled", r.cancelled());
        o.put("seconds", r.elapsed().toMillis() / 1000.0);
        return o;
    }
}
