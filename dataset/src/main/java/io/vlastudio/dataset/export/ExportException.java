package io.vlastudio.dataset.export;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A curated export that could not be written. The message names the file and what happened; no file is ever left
 * under its final name half written, and sources are never touched.
 */
public class ExportException extends IOException {

    private final Path file;

    public ExportException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The exported file concerned. */
    public Path file() {
        return file;
    }
}
