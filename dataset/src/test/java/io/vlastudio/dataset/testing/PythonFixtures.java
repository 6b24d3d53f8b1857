package io.vlastudio.dataset.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the committed fixture scripts with Debian's {@code /usr/bin/python3} (apt {@code python3-h5py}), which
 * {@code .ci/run} installs. The studio itself never depends on Python; only these tests do.
 */
public final class PythonFixtures {

    public static final Path PYTHON = DebianPython.PYTHON;

    private PythonFixtures() {
    }

    /** Writes the h5py fixture tree (see {@code fixtures/make_h5py_fixtures.py}) into {@code dir}. */
    public static Path writeH5pyFixtures(Path dir) throws IOException, InterruptedException {
        DebianPython.require("h5py", "numpy");
        runScript("fixtures/make_h5py_fixtures.py", dir.toString());
        return dir;
    }

    /** Copies a classpath script to a temp file and runs it; fails with its output when it fails. */
    public static String runScript(String resource, String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("vlastudio-", ".py");
        try (InputStream in = PythonFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            cmd.addAll(List.of(args));
            return run(cmd);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Runs a command, returning stdout; throws with stdout+stderr when it exits non-zero. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            DebianPython.require("h5py", "numpy");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(DebianPython.explainFailure(text, String.join(" ", cmd) + " failed ("
                    + p.exitValue() + "):\n" + text + "\n(needs apt python3-h5py python3-numpy; .ci/run installs them)"));
        }
        return text;
    }

    /**
     * The real robosuite demo file (robosuite's Wipe task, 48 KB, committed under {@code fixtures/} of the dataset test
     * resources and shipped in its test-jar), as a writable copy in {@code dir}.
     */
    public static Path robosuiteWipeFixture(Path dir) throws IOException {
        String resource = "fixtures/robosuite_wipe_demo.hdf5";
        try (InputStream in = PythonFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource + " (dataset/src/test/resources)");
            }
            Files.createDirectories(dir);
            Path copy = dir.resolve("robosuite_wipe_demo.hdf5");
            Files.copy(in, copy);
            return copy;
        }
    }
}
