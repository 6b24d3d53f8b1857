package io.vlastudio.dataset;

import java.nio.file.Path;

/** Opens demonstration files. Implementations are read-only: they never write to a source file. */
public interface DemoReader {

    /**
     * Opens one file, reading its structure and attributes.
     *
     * @throws DatasetException naming the file and the problem, when it is not a readable demonstration file
     */
    DemoFile open(Path file) throws DatasetException;
}
