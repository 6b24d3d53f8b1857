package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vlastudio.app.AppContext;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetProblem;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.DatasetShape;
import io.vlastudio.dataset.FileInspection;
import io.vlastudio.dataset.stats.AggregateStatistics;
import io.vlastudio.dataset.stats.DimensionStatistics;
import io.vlastudio.dataset.stats.SuiteAggregator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code vla-studio inspect PATH... [--json]}: get_dataset_info for every variant, plus no-ops. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Reports every demonstration file under the given files and folders: transitions, trajectories,",
                "length statistics, action ranges, no-ops, cameras, filter keys, env args and dataset shapes.",
                "Unreadable files are reported on stderr (exit code 1); the others are still reported."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "HDF5 files or folders (searched recursively)")
    private List<Path> paths;

    @Option(names = "--json", description = "print a JSON array, one object per file")
    private boolean json;

    private final AppContext context;

    InspectCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        InspectionJson toJson = new InspectionJson(mapper);
        ArrayNode array = mapper.createArrayNode();
        int failures = 0;
        DatasetScanner.Found found = context.scanner().find(paths);
        List<Path> files = found.files();
        if (files.isEmpty() && found.problems().isEmpty()) {
            err.println("error: no HDF5 files (*.hdf5, *.h5) under " + paths);
            return 1;
        }
        for (DatasetException problem : found.problems()) {
            failures++;
            err.println("error: " + problem.getMessage());
        }
        SuiteAggregator suites = new SuiteAggregator(context.statistics());
        int[] failed = {failures};
        // up to FileReads.defaultThreads() files are read at once, each on its own thread within a time limit
        // (whatever it throws is that file's error); the reports come here in the files' order
        context.scanner().inspect(files, context.inspector(), Progress.NONE, () -> false, inspected -> {
            if (inspected.ok()) {
                FileInspection report = inspected.inspection();
                for (int i = 0; i < inspected.demoStatistics().size(); i++) {
                    suites.add(report.suite(), inspected.file().toString(), inspected.demoStatistics().get(i),
                            inspected.demoActions().get(i));
                }
                if (json) {
                    array.add(toJson.toJson(report));
                } else {
                    printText(out, report);
                }
                for (DatasetProblem p : report.problems()) {
                    err.println("warning: " + p.message());
                }
            } else {
                failed[0]++;
                err.println("error: " + inspected.error().getMessage());
            }
            out.flush();
            err.flush();
        });
        failures = failed[0];
        if (json) {
            out.println(mapper.writeValueAsString(array));
        } else {
            for (SuiteAggregator.SuiteStatistics suite : suites.results()) {
                printSuite(out, suite);
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    private static void printText(PrintWriter out, FileInspection r) {
        AggregateStatistics s = r.statistics();
        out.println("==== " + r.path() + " ====");
        out.printf(Locale.ROOT, "variant: %s   suite: %s   task: %s%n", r.variant().id(), r.suite(), r.task());
        out.println("language: " + r.language() + " (from " + r.languageSource().replace('_', ' ') + ")");
        out.println("total transitions: " + s.transitions());
        out.println("total trajectories: " + r.demoList().size()
                + (s.demos() != r.demoList().size() ? " (" + s.demos() + " valid)" : ""));
        out.printf(Locale.ROOT, "traj length mean: %.2f%n", s.lengthMean());
        out.printf(Locale.ROOT, "traj length std: %.2f%n", s.lengthStd());
        out.println("traj length min: " + s.lengthMin());
        out.println("traj length max: " + s.lengthMax());
        out.println("action min: " + vector(s.dimensions().stream().mapToDouble(DimensionStatistics::min).toArray()));
        out.println("action max: " + vector(s.dimensions().stream().mapToDouble(DimensionStatistics::max).toArray()));
        out.println("no-op steps: " + s.noOps());
        out.println("cameras: " + r.cameras().stream().map(c -> c.name() + " " + c.height() + "x" + c.width())
                .collect(Collectors.joining(", ")));
        out.println("filter keys: " + (r.filterKeys().isEmpty() ? "none" : r.filterKeys().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().size() + ")").collect(Collectors.joining(", "))));
        out.println("env args: " + r.envArgs().orElse("none (no attributes)"));
        out.println("demos: " + r.demoList().stream().map(d -> d.name() + "[" + d.length() + (d.noOps() > 0 ? ", " + d.noOps() + " no-ops" : "")
                + (d.valid() ? "" : ", INVALID") + "]").collect(Collectors.joining(" ")));
        out.println("datasets of " + r.demoList().get(0).name() + ":");
        for (DatasetShape shape : r.firstDemoShapes()) {
            out.printf(Locale.ROOT, "    %-24s %-8s %s%n", shape.path(), shape.dtype(), shape.shapeText());
        }
        out.println();
    }

    private static void printSuite(PrintWriter out, SuiteAggregator.SuiteStatistics suite) {
        AggregateStatistics s = suite.statistics();
        out.printf(Locale.ROOT, "==== suite %s: %d file%s, %d demos, %d transitions, length %.1f ± %.1f (%d..%d), %d no-op steps ====%n",
                suite.suite(), suite.files(), suite.files() == 1 ? "" : "s", s.demos(), s.transitions(), s.lengthMean(), s.lengthStd(), s.lengthMin(),
                s.lengthMax(), s.noOps());
        out.println("action q01: " + vector(s.dimensions().stream().mapToDouble(DimensionStatistics::q01).toArray()));
        out.println("action q99: " + vector(s.dimensions().stream().mapToDouble(DimensionStatistics::q99).toArray()));
        out.println();
    }

    private static String vector(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v[i]));
        }
        return s.append("]").toString();
    }
}
