package io.vlastudio.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An opened demonstration file (one LIBERO task, or one robomimic dataset). Opening reads structure and
 * attributes only; no per-step data and no pixels. Close it to release the file.
 */
public interface DemoFile extends AutoCloseable {

    Path path();

    long sizeBytes();

    DatasetVariant variant();

    /** The suite, from the parent folder name ({@code libero_goal}, {@code libero_10_no_noops}, ...). */
    String suite();

    /** The LIBERO task name: the file stem without {@code _demo}. */
    String task();

    /** The language instruction: {@code problem_info.language_instruction}, or derived from the file name. */
    String language();

    /** Where {@link #language()} came from: {@code problem_info} or {@code file_name}. */
    String languageSource();

    /** Every demo, sorted by numeric index. */
    List<DemoSummary> demos();

    default Optional<DemoSummary> demo(String name) {
        return demos().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Cameras of the first valid demo (all demos of a file share them). */
    List<CameraInfo> cameras();

    /** robomimic filter keys ({@code mask/<key>} datasets) and the demos each names; empty for LIBERO. */
    Map<String, List<String>> filterKeys();

    /** The {@code env_args} JSON of the {@code data} group, if any. */
    Optional<String> envArgs();

    /**
     * Small attributes of the {@code data} group, as strings and numbers; strings over 4 KB are left out.
     */
    Map<String, Object> dataAttributes();

    /** Shape and dtype of every dataset of a demo, sorted by path. */
    List<DatasetShape> datasetShapes(String demo) throws DatasetException;

    /** Problems found while opening: invalid demos. Non-finite values are found by statistics. */
    default List<DatasetProblem> problems() {
        return demos().stream().flatMap(d -> d.problems().stream()).toList();
    }

    /** Opens a demo for reading its arrays and frames. */
    Demo openDemo(String name) throws DatasetException;

    @Override
    void close();
}
