package io.vlastudio.app.cli;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The {@code FILE --demo DEMO} pair every per-demo command takes (a picocli mixin). */
final class DemoSelection {

    @Parameters(index = "0", paramLabel = "FILE", description = "an HDF5 demonstration file")
    private Path file;

    @Option(names = "--demo", required = true, description = "demo group name, e.g. demo_3")
    private String demo;

    Path file() {
        return file;
    }

    String demo() {
        return demo;
    }

    /** Refuses a FILE without the demo, naming the demos it has (the same message for every per-demo command). */
    void requireIn(DemoFile f) throws DatasetException {
        if (f.demo(demo).isEmpty()) {
            throw new DatasetException(file, "/data/" + demo, "a demo named " + demo,
                    "only " + String.join(", ", f.demos().stream().map(DemoSummary::name).toList()));
        }
    }

    /** The demo, opened from {@code f}; see {@link #requireIn}. */
    Demo open(DemoFile f) throws DatasetException {
        requireIn(f);
        return f.openDemo(demo);
    }
}
