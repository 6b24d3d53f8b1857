package io.vlastudio.dataset.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What a curated export wrote: the files (absolute), demos, steps and bytes in all, and notes on what it wrote
 * beyond a copy of the sources (attributes a loader needs that a source lacked, terminal steps set), for the
 * export's summary.
 */
public record ExportResult(List<Path> files, int demos, long steps, long bytes, List<String> notes) {

    public ExportResult {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    public ExportResult(List<Path> files, int demos, long steps, long bytes) {
        this(files, demos, steps, bytes, List.of());
    }
}
