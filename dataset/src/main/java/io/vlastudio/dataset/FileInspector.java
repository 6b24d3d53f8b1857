package io.vlastudio.dataset;

import io.vlastudio.dataset.stats.DemoStatistics;
import io.vlastudio.dataset.stats.StatisticsCalculator;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link FileInspection}s: reads every valid demo's actions (never its pixels) and summarises them.
 */
public final class FileInspector {

    private final StatisticsCalculator statistics;

    public FileInspector(StatisticsCalculator statistics) {
        this.statistics = statistics;
    }

    /** Receives each valid demo's statistics and actions while a file is inspected (for suite aggregates). */
    @FunctionalInterface
    public interface DemoSink {
        void accept(DemoStatistics statistics, double[][] actions);
    }

    public FileInspection inspect(DemoFile file) throws DatasetException {
        return inspect(file, (s, a) -> { });
    }

    /** Inspects a file, handing every valid demo's statistics and actions to {@code sink} as well. */
    public FileInspection inspect(DemoFile file, DemoSink sink) throws DatasetException {
        List<DemoStatistics> demoStats = new ArrayList<>();
        List<double[][]> actions = new ArrayList<>();
        List<DatasetProblem> problems = new ArrayList<>(file.problems());
        List<FileInspection.DemoEntry> entries = new ArrayList<>();
        for (DemoSummary summary : file.demos()) {
            DemoStatistics stats = null;
            if (summary.valid()) {
                double[][] a;
                try {
                    a = file.openDemo(summary.name()).actions();
                } catch (DatasetException e) {
                    // this demo's actions cannot be read (a corrupted chunk): the others are still reported
                    problems.add(DatasetProblem.of(e, summary.name()));
                    entries.add(FileInspection.DemoEntry.of(summary, null));
                    continue;
                }
                stats = statistics.demo(file.path(), summary.name(), summary.hdf5Path() + "/actions", a);
                demoStats.add(stats);
                actions.add(a);
                sink.accept(stats, a);
                problems.addAll(stats.nonFinite());
            }
            entries.add(FileInspection.DemoEntry.of(summary, stats));
        }
        DemoSummary first = file.demos().get(0);
        return new FileInspection(file.path(), file.sizeBytes(), file.variant(), file.suite(), file.task(),
                file.language(), file.languageSource(), statistics.aggregate(demoStats, actions), file.cameras(),
                file.filterKeys(), file.envArgs(), file.datasetShapes(first.name()), entries, problems);
    }
}
