package io.vlastudio.dataset;

import io.vlastudio.dataset.stats.AggregateStatistics;
import io.vlastudio.dataset.stats.DemoStatistics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code vla-studio inspect} reports about one file: the facts of robomimic/LIBERO's
 * {@code get_dataset_info}, for every variant, plus no-op counts and problems.
 *
 * @param firstDemoShapes shape and dtype of every dataset of the first demo
 * @param demoList        per demo, in numeric order: name, length, no-op count
 * @param problems        invalid demos and non-finite values
 */
public record FileInspection(Path path, long sizeBytes, DatasetVariant variant, String suite, String task,
                             String language, String languageSource, AggregateStatistics statistics,
                             List<CameraInfo> cameras, Map<String, List<String>> filterKeys, Optional<String> envArgs,
                             List<DatasetShape> firstDemoShapes, List<DemoEntry> demoList,
                             List<DatasetProblem> problems) {

    /** One demo's line in the report. */
    public record DemoEntry(String name, int length, int noOps, boolean valid) {
        static DemoEntry of(DemoSummary summary, DemoStatistics stats) {
            return new DemoEntry(summary.name(), summary.length(), stats == null ? 0 : stats.noOpCount(), summary.valid());
        }
    }
}
