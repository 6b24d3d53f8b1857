package io.vlastudio.app.predictions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether JavaFX Media can play the evaluation videos here. On Linux it decodes H.264 through the system's FFmpeg
 * libraries, loaded at run time: without {@code libavcodec.so.N} and {@code libavformat.so.N} of a major version its
 * plug-ins know, creating a player fails with an opaque {@code MediaException: UNKNOWN (Could not create player!)}.
 * This looks for the libraries where the dynamic loader does, so the Evaluation Videos window can say what is
 * missing and how to install it.
 */
final class MediaSupport {

    /** FFmpeg major versions JavaFX 21's media plug-ins load ({@code libavplugin-*.so} in javafx-media). */
    static final List<Integer> MAJORS = List.of(60, 59, 58, 57, 56, 54);

    static final String INSTALL = "Install FFmpeg's libraries: sudo apt install libavcodec59 libavformat59 (Debian 12; "
            + "Ubuntu 22.04: libavcodec58 libavformat58, Ubuntu 24.04: libavcodec60 libavformat60). The studio's .deb "
            + "installs them with it.";

    private MediaSupport() {
    }

    /** The problem on this computer, if any (checked once per window). */
    static Optional<String> problem() {
        return problem(System.getProperty("os.name", ""), libraryDirs());
    }

    /**
     * Empty when {@code os} is not Linux or one of {@code dirs} holds {@code libavcodec.so.N} and {@code
     * libavformat.so.N} of a major version in {@link #MAJORS}; else what is missing, where it was looked for, and
     * how to install it.
     */
    static Optional<String> problem(String os, List<Path> dirs) {
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Set<String> found = new LinkedHashSet<>();
        for (int major : MAJORS) {
            boolean codec = false;
            boolean format = false;
            for (Path d : dirs) {
                codec |= Files.exists(d.resolve("libavcodec.so." + major));
                format |= Files.exists(d.resolve("libavformat.so." + major));
            }
            if (codec && format) {
                return Optional.empty();
            }
            if (codec) {
                found.add("libavcodec.so." + major);
            }
            if (format) {
                found.add("libavformat.so." + major);
            }
        }
        String versions = "versions " + MAJORS.get(MAJORS.size() - 1) + " to " + MAJORS.get(0);
        String where = dirs.isEmpty() ? "no library folder"
                : String.join(", ", dirs.subList(0, Math.min(3, dirs.size())).stream().map(Path::toString).toList())
                + (dirs.size() > 3 ? " and " + (dirs.size() - 3) + " more folders" : "");
        String what = found.isEmpty() ? "they were not found"
                : "no version has both (found only " + String.join(", ", found) + ")";
        return Optional.of("Videos cannot play here: JavaFX Media decodes them with FFmpeg's libavcodec and libavformat ("
                + versions + "), and " + what + " (looked in " + where + "). " + INSTALL
                + " Rates, episodes and problems are not affected.");
    }

    /** Where the dynamic loader looks: LD_LIBRARY_PATH, ld.so.conf's folders, then the usual system folders. */
    static List<Path> libraryDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        String env = System.getenv("LD_LIBRARY_PATH");
        if (env != null) {
            for (String p : env.split(":")) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        dirs.addAll(ldSoConf(Path.of("/etc/ld.so.conf")));
        for (String p : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib")) {
            dirs.add(Path.of(p));
        }
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The folders an ld.so.conf names, following its {@code include} lines (globs in one folder). */
    static List<Path> ldSoConf(Path conf) {
        List<Path> out = new ArrayList<>();
        readConf(conf, out, 0);
        return out;
    }

    private static void readConf(Path conf, List<Path> out, int depth) {
        if (depth > 4 || !Files.isRegularFile(conf)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf);
        } catch (IOException | RuntimeException e) {
            return; // unreadable: the usual folders are still searched
        }
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ")) {
                Path pattern = Path.of(line.substring("include ".length()).trim());
                Path dir = pattern.isAbsolute() ? pattern.getParent() : conf.resolveSibling(pattern).getParent();
                String glob = pattern.getFileName().toString();
                if (dir == null || !Files.isDirectory(dir)) {
                    continue;
                }
                var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(p -> matcher.matches(p.getFileName())).sorted().toList()) {
                        readConf(p, out, depth + 1);
                    }
                } catch (IOException e) {
                    // skip an unreadable include folder
                }
            } else if (line.startsWith("/")) {
                out.add(Path.of(line));
            }
        }
    }
}
