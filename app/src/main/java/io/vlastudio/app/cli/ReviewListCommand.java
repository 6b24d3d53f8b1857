package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.store.ReviewedDemo;
import io.vlastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code vla-studio review list [--verdict V] [--tag T] ... [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists demos with their reviews.",
                "Filters by verdict, tags, length, suite or task.",
                "--json prints one object per demo: file, demo, suite, task, length, available, verdict, tags,",
                "notes, segments, trim, exclusions, reviewer, created_at, updated_at."})
final class ReviewListCommand extends OpenWorkspaceCommand {

    @Mixin
    private DemoFilterOptions filter;

    @Option(names = "--json", description = "print a JSON array, one object per demo")
    private boolean json;

    ReviewListCommand(AppContext context) {
        super(context);
    }

    @Override
    int run(Workspace ws) throws Exception {
        PrintWriter out = out();
        List<ReviewedDemo> demos = ws.reviews(filter.query());
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ReviewJson toJson = new ReviewJson(mapper);
            ArrayNode array = mapper.createArrayNode();
            demos.forEach(d -> array.add(toJson.demo(d.demo(), d.review())));
            out.println(mapper.writeValueAsString(array));
        } else {
            for (ReviewedDemo d : demos) {
                out.printf(Locale.ROOT, "%s#%s  %4d steps  %s%s%n", d.demo().file(), d.demo().demo(), d.demo().length(),
                        ReviewJson.summary(d.review()), d.demo().available() ? "" : "  (not available: file missing or changed)");
            }
            out.println(demos.size() + (demos.size() == 1 ? " demo" : " demos"));
        }
        return 0;
    }
}
