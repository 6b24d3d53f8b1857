package io.vlastudio.tokenizer.testing;

import io.vlastudio.dataset.testing.DebianPython;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the committed test scripts under {@code python/} with Debian's {@code /usr/bin/python3} (apt
 * {@code python3-numpy}, {@code python3-torch}; {@code .ci/run} installs them). Only tests use Python.
 */
public final class PythonScripts {

    public static final Path PYTHON = DebianPython.PYTHON;

    private PythonScripts() {
    }

    /** Runs {@code python/<name>} with {@code stdin} as its input and returns what it prints. */
    public static String run(String name, String stdin, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            DebianPython.require("numpy", "torch");
        }
        Path script = Files.createTempFile("vlastudio-", ".py");
        try (InputStream in = PythonScripts.class.getClassLoader().getResourceAsStream("python/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource python/" + name);
            }
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            String text = new String(out.join(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String errText = new String(err.join(), StandardCharsets.UTF_8);
                throw new IllegalStateException(DebianPython.explainFailure(errText, String.join(" ", cmd) + " failed ("
                        + p.exitValue() + "):\n" + text + "\n" + errText
                        + "\n(needs apt python3-numpy python3-torch; .ci/run installs them)"));
            }
            return text;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
