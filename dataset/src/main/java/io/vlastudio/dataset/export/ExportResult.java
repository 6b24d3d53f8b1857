package io.vlastudio.dataset.export;

import java.nio.file.Path;
import java.util.List;

/** What a curated export wrote: the files (absolute), demos, steps and bytes in all. */
public record ExportResult(List<Path> files, int demos, long steps, long bytes) {

    public ExportResult {
        files = List.copyOf(files);
    }
}
