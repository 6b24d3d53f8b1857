package io.vlastudio.training.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes the launcher's test installation into a folder: a tiny WorldVLA export (contract A, by make_export.py with
 * Debian's numpy and PIL) and a git checkout of the stand-in WorldVLA (resources {@code standin-worldvla/}). Public
 * for app's CLI and UI tests (training-launcher's test-jar).
 */
public final class StandInWorldVla {

    public static final String PYTHON = "/usr/bin/python3";

    public final Path export;
    public final Path checkout;

    private StandInWorldVla(Path export, Path checkout) {
        this.export = export;
        this.checkout = checkout;
    }

    public static StandInWorldVla create(Path root) throws Exception {
        Path export = root.resolve("export");
        Path checkout = root.resolve("WorldVLA");
        Path script = root.resolve("make_export.py");
        copyResource("make_export.py", script);
        run(root, PYTHON, script.toString(), export.toString());
        copyResource("standin-worldvla", checkout);
        run(checkout, "git", "init", "-q");
        run(checkout, "git", "add", "-A");
        run(checkout, "git", "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "stand-in");
        return new StandInWorldVla(export, checkout);
    }

    /** Copies a resource file or folder out of the test classes (a folder or the test-jar). */
    static void copyResource(String name, Path to) throws Exception {
        URI uri = StandInWorldVla.class.getClassLoader().getResource(name).toURI();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(fs.getPath(name), to);
            }
        } else {
            copyTree(Path.of(uri), to);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                String rel = from.relativize(p).toString();
                Path q = rel.isEmpty() ? to : to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.createDirectories(q.toAbsolutePath().getParent());
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String run(Path cwd, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
