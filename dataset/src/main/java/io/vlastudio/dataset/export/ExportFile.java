package io.vlastudio.dataset.export;

import java.nio.file.Path;
import java.util.List;

/**
 * One exported task file: its path relative to the export folder ({@code libero_goal/open_the_drawer_demo.hdf5}) and
 * its demos, in order.
 */
public record ExportFile(Path relativePath, List<ExportDemo> demos) {

    public ExportFile {
        if (relativePath.isAbsolute() || relativePath.normalize().startsWith("..")) {
            throw new IllegalArgumentException("an exported file must lie inside the export folder: " + relativePath);
        }
        demos = List.copyOf(demos);
    }
}
