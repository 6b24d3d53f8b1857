package io.vlastudio.app.cli;

import io.vlastudio.store.DemoQuery;
import io.vlastudio.store.Verdict;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Which demos a command is about: {@code --verdict}, {@code --tag}, {@code --segment}, lengths, suite and task. */
final class DemoFilterOptions {

    @Option(names = "--verdict", paramLabel = "V", converter = VerdictConverter.class,
            description = "only demos with this verdict (unreviewed, accepted, rejected, flagged); repeat for any of several")
    private List<Verdict> verdicts = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "T", description = "only demos with this tag; repeat to require several")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--segment", paramLabel = "LABEL",
            description = "only demos with a segment of this label (any case); repeat to require several")
    private List<String> segments = new ArrayList<>();

    @Option(names = "--min-length", paramLabel = "N", description = "only demos of at least N steps")
    private Integer minLength;

    @Option(names = "--max-length", paramLabel = "N", description = "only demos of at most N steps")
    private Integer maxLength;

    @Option(names = "--suite", description = "only demos of this suite (folder name, e.g. libero_goal)")
    private String suite;

    @Option(names = "--task", description = "only demos of this task (file name without _demo.hdf5)")
    private String task;

    DemoQuery query() {
        DemoQuery q = DemoQuery.all().verdict(verdicts.toArray(Verdict[]::new)).tags(tags)
                .length(minLength == null ? 0 : minLength, maxLength == null ? Integer.MAX_VALUE : maxLength);
        for (String s : segments) {
            q = q.segment(s);
        }
        if (suite != null) {
            q = q.suite(suite);
        }
        if (task != null) {
            q = q.task(task);
        }
        return q;
    }
}
