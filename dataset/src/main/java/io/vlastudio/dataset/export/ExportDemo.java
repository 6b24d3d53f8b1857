package io.vlastudio.dataset.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One demo of a curated export: where it comes from, which of its steps are kept (ascending) and the name it gets in
 * the exported file.
 */
public record ExportDemo(Path source, String demo, int[] keptSteps, String outputName) {

    public ExportDemo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(outputName, "outputName");
        keptSteps = keptSteps.clone();
        for (int i = 1; i < keptSteps.length; i++) {
            if (keptSteps[i] <= keptSteps[i - 1]) {
                throw new IllegalArgumentException("kept steps of " + source + "#" + demo + " must be ascending");
            }
        }
    }

    @Override
    public int[] keptSteps() {
        return keptSteps.clone();
    }
}
