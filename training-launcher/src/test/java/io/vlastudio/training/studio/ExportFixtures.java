package io.vlastudio.training.studio;

import java.nio.file.Path;
import java.util.List;

/** Public entry to {@link ExportFixture} for the benchmark package. */
public final class ExportFixtures {

    private ExportFixtures() {
    }

    public static Path write(Path dir, String suite, List<Path> hdf5, int history, int chunk, int maxSteps, boolean world)
            throws Exception {
        return ExportFixture.write(dir, suite, hdf5, history, chunk, maxSteps, world);
    }
}
