package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.DemoRef;
import io.vlastudio.store.Review;
import io.vlastudio.store.ReviewEdit;
import io.vlastudio.store.Segment;
import io.vlastudio.store.StepExclusion;
import io.vlastudio.dataset.StepRange;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code vla-studio review set FILE#DEMO... --verdict rejected --tag T --note TEXT ...}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Changes the reviews of one or more demos, as one undoable action.",
                "FILE is the file's path, or its name (or suite/name) when that is unique in the workspace; DEMO is demo_3 or 3."})
final class ReviewSetCommand extends OpenWorkspaceCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE#DEMO", description = "the demos to change")
    private List<String> demos;

    @Option(names = "--verdict", paramLabel = "V", converter = VerdictConverter.class,
            description = "unreviewed, accepted, rejected or flagged")
    private Verdict verdict;

    @Option(names = "--tag", paramLabel = "T", description = "add a tag (repeatable)")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--untag", paramLabel = "T", description = "remove a tag (repeatable)")
    private List<String> untags = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "add a note, signed with your name")
    private String note;

    @Option(names = "--segment", paramLabel = "FROM:TO:LABEL[:TEXT]",
            description = "label steps FROM (inclusive) to TO (exclusive), e.g. 40:65:failed grasp (repeatable)")
    private List<String> segments = new ArrayList<>();

    @Option(names = "--trim", paramLabel = "IN:OUT", description = "keep only steps IN (inclusive) to OUT (exclusive)")
    private String trim;

    @Option(names = "--no-trim", description = "keep the whole demo again")
    private boolean noTrim;

    @Option(names = "--drop-noops", description = "leave the demo's no-op steps out on export")
    private boolean dropNoOps;

    @Option(names = "--keep-noops", description = "keep the no-op steps again")
    private boolean keepNoOps;

    @Option(names = "--exclude", paramLabel = "FROM:TO", description = "leave steps FROM to TO out on export (repeatable)")
    private List<String> excludes = new ArrayList<>();

    @Option(names = "--json", description = "print the demos' reviews as JSON")
    private boolean json;

    private ReviewEdit edit;
    private final List<DemoRef> refs = new ArrayList<>();

    ReviewSetCommand(AppContext context) {
        super(context);
    }

    @Override
    void checkArguments() {
        refs.clear();
        try {
            edit = edit();
            for (String d : demos) {
                refs.add(DemoRef.parse(d));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (edit.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "nothing to change: give --verdict, --tag, --untag, --note, --segment, --trim, --drop-noops or --exclude");
        }
    }

    @Override
    int run(Workspace ws) throws Exception {
        PrintWriter out = out();
        List<Review> reviews = ws.edit(refs, edit);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ReviewJson toJson = new ReviewJson(mapper);
        ArrayNode array = mapper.createArrayNode();
        for (int i = 0; i < refs.size(); i++) {
            DemoRecord d = ws.demo(refs.get(i));
            if (json) {
                array.add(toJson.demo(d, reviews.get(i)));
            } else {
                out.println(d.file().getFileName() + "#" + d.demo() + ": " + ReviewJson.summary(reviews.get(i)));
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(array));
        }
        return 0;
    }

    private ReviewEdit edit() {
        ReviewEdit e = ReviewEdit.create();
        if (verdict != null) {
            e = e.verdict(verdict);
        }
        for (String t : tags) {
            e = e.addTag(t);
        }
        for (String t : untags) {
            e = e.removeTag(t);
        }
        if (note != null) {
            e = e.addNote(note);
        }
        for (String s : segments) {
            String[] p = s.split(":", 4);
            if (p.length < 3) {
                throw new IllegalArgumentException("--segment expects FROM:TO:LABEL[:TEXT], got '" + s + "'");
            }
            StepRange r = range(p[0] + ":" + p[1], "--segment");
            e = e.addSegment(new Segment(r.from(), r.to(), p[2], p.length == 4 ? p[3] : null));
        }
        if (noTrim) {
            e = e.clearTrim();
        }
        if (trim != null) {
            StepRange r = range(trim, "--trim");
            e = e.trim(r.from(), r.to());
        }
        if (keepNoOps) {
            e = e.include(StepExclusion.noOps());
        }
        if (dropNoOps) {
            e = e.exclude(StepExclusion.noOps());
        }
        for (String x : excludes) {
            StepRange r = range(x, "--exclude");
            e = e.exclude(StepExclusion.steps(r.from(), r.to()));
        }
        return e;
    }

    private static StepRange range(String text, String option) {
        try {
            return StepRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " expects " + StepRange.NOTATION + " (steps FROM inclusive to TO exclusive): "
                    + e.getMessage());
        }
    }
}
