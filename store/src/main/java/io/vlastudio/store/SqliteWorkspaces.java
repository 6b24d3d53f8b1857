package io.vlastudio.store;

import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.store.curation.SampleCounter;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Opens {@link Workspace}s kept in SQLite ({@code workspace.db} in the workspace folder).
 */
public final class SqliteWorkspaces implements Workspaces {

    private final DemoReader reader;
    private final StatisticsCalculator statistics;
    private final Clock clock;
    private final String reviewer;
    private final WorkspaceOptions options;
    private final SampleCounter counter;

    /**
     * @param reader     reads demonstration files when indexing (read-only)
     * @param statistics computes no-ops and action statistics of each demo when indexing
     * @param clock      dates reviews and history
     * @param reviewer   the name recorded with every change
     * @param options    how workspaces are opened
     * @param counter    counts WorldVLA samples and tokens for mixes (the tokenizer module's rules, injected)
     */
    public SqliteWorkspaces(DemoReader reader, StatisticsCalculator statistics, Clock clock, String reviewer,
                            WorkspaceOptions options, SampleCounter counter) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reviewer = reviewer == null || reviewer.isBlank() ? "unknown" : reviewer.strip();
        this.options = Objects.requireNonNull(options, "options");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /** The same, with other options (a shorter busy timeout, read-only, ...). */
    public SqliteWorkspaces withOptions(WorkspaceOptions other) {
        return new SqliteWorkspaces(reader, statistics, clock, reviewer, other, counter);
    }

    /** The same, recording another reviewer name. */
    public SqliteWorkspaces withReviewer(String name) {
        return new SqliteWorkspaces(reader, statistics, clock, name, options, counter);
    }

    @Override
    public Workspace open(Path directory) throws WorkspaceException {
        return SqliteWorkspace.open(directory.toAbsolutePath().normalize(), options, reader, statistics, clock, reviewer,
                counter);
    }
}
