package io.vlastudio.app.cli;

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
}
