package io.vlastudio.dataset.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects demos of many files and summarises them per suite (the folder a file lives in), e.g. the four
 * LIBERO suites of a dataset root. Holds every demo's actions until {@link #results()}: about 8 MB for a whole
 * LIBERO suite.
 */
public final class SuiteAggregator {

    /** One suite's summary. */
    public record SuiteStatistics(String suite, int files, AggregateStatistics statistics) {
    }

    private final StatisticsCalculator calculator;
    private final Map<String, List<DemoStatistics>> demos = new LinkedHashMap<>();
    private final Map<String, List<double[][]>> actions = new LinkedHashMap<>();
    private final Map<String, Set<String>> files = new LinkedHashMap<>();

    public SuiteAggregator(StatisticsCalculator calculator) {
        this.calculator = calculator;
    }

    public void add(String suite, String file, DemoStatistics statistics, double[][] demoActions) {
        demos.computeIfAbsent(suite, k -> new ArrayList<>()).add(statistics);
        actions.computeIfAbsent(suite, k -> new ArrayList<>()).add(demoActions);
        files.computeIfAbsent(suite, k -> new LinkedHashSet<>()).add(file);
    }

    /** One summary per suite, in the order suites were first seen. */
    public List<SuiteStatistics> results() {
        List<SuiteStatistics> out = new ArrayList<>();
        for (String suite : demos.keySet()) {
            out.add(new SuiteStatistics(suite, files.get(suite).size(), calculator.aggregate(demos.get(suite), actions.get(suite))));
        }
        return out;
    }
}
