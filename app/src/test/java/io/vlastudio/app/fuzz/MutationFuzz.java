package io.vlastudio.app.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.testing.DebianPython;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Mutation fuzz of HDF5 inputs, end to end: {@code make_fuzz_files.py} writes valid LIBERO / robomimic files
 * with h5py and mutations of them (the structural cases, bit flips, truncations, attribute and dataset
 * changes, broken symbolic links); then the real command line runs over the folder in batch JVMs with a 1 GB
 * heap, as a user would: {@code inspect}, {@code index} (one JVM each, all files), and {@code frames} and
 * {@code tokens actions} on a sample of files (one JVM each). It counts what the issue counts:
 * <ul>
 *   <li><b>crashes</b>: a JVM that printed a Java stack trace or died with an exit code other than 0 or 1;</li>
 *   <li><b>hangs</b>: a JVM past its time bound, or a file the studio gave up on after its per-file limit;</li>
 *   <li><b>silent misses</b>: a file that must be reported (a mutation that is always detectable) named by
 *       no error or warning line;</li>
 *   <li><b>valid rejected</b>: a valid file named by an error or warning line;</li>
 *   <li><b>inputs modified</b>: a file whose SHA-256 changed;</li>
 *   <li>the workspace's {@code PRAGMA integrity_check}.</li>
 * </ul>
 * {@link MutationFuzzTest} runs a small sample in {@code mvn verify}; {@link #main} the long run (bench profile).
 */
public final class MutationFuzz {

    /** What one run found. */
    public record Result(int files, int crashes, int hangs, int silentMisses, int validRejected, int inputsModified,
                         String integrity, List<String> details, long millis) {
        boolean clean() {
            return crashes == 0 && hangs == 0 && silentMisses == 0 && validRejected == 0 && inputsModified == 0
                    && integrity.equals("ok");
        }

        String summary() {
            return String.format(Locale.ROOT, "%d files: %d crashes, %d hangs, %d silent misses, %d valid files rejected,"
                            + " %d inputs modified, integrity_check %s (%.1f s)", files, crashes, hangs, silentMisses,
                    validRejected, inputsModified, integrity, millis / 1000.0);
        }
    }

    private record Entry(String name, String kind, String expect, String sha256) {
    }

    private record Run(int exit, String out, String err, boolean timedOut) {
    }

    /** Seconds the studio may spend on one file before it stops and reports it (passed to the child JVMs). */
    static final int FILE_LIMIT_SECONDS = 30;

    private final Path dir;
    private final List<String> details = new ArrayList<>();
    private int crashes;
    private int hangs;

    public MutationFuzz(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code count} files (seeded) and runs them through the studio. */
    public Result run(int count, long seed, boolean big, int sampleForFrames) throws Exception {
        long start = System.nanoTime();
        Path script = dir.resolve("make_fuzz_files.py");
        try (InputStream in = MutationFuzz.class.getResourceAsStream("/fuzz/make_fuzz_files.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = dir.resolve("fuzz");
        List<String> make = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), out.toString(),
                "--count", String.valueOf(count), "--seed", String.valueOf(seed)));
        if (big) {
            make.add("--big");
        }
        Run made = exec(make, 1800);
        if (made.exit() != 0) {
            throw new IllegalStateException(DebianPython.explainFailure(made.err(),
                    "make_fuzz_files.py failed:\n" + made.err()));
        }
        Path files = out.resolve("files");
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(out.resolve("manifest.json").toFile())) {
            entries.add(new Entry(e.get("name").asText(), e.get("kind").asText(), e.get("expect").asText(),
                    e.has("sha256") ? e.get("sha256").asText() : null));
        }
        long timeBound = 60 + (long) entries.size() * 5;

        Run inspect = studio(timeBound, "inspect", files.toString());
        check("inspect", inspect);
        Path workspace = dir.resolve("workspace");
        Run index = studio(timeBound, "index", "--workspace", workspace.toString(), files.toString());
        check("index", index);

        int silent = 0;
        int rejected = 0;
        for (Entry e : entries) {
            for (Run r : List.of(inspect, index)) {
                String which = r == inspect ? "inspect" : "index";
                List<String> lines = linesNaming(r.err(), e.name());
                if (e.expect().equals("bad") && lines.isEmpty()) {
                    silent++;
                    details.add("silent miss (" + which + "): " + e.name() + " [" + e.kind() + "]");
                }
                if (e.expect().equals("valid") && !lines.isEmpty()) {
                    rejected++;
                    details.add("valid file rejected (" + which + "): " + e.name() + ": " + lines.get(0));
                }
            }
        }

        // frames and tokens actions on a sample: the readers behind them are isolated too
        int sampled = 0;
        for (int i = 0; i < entries.size() && sampled < sampleForFrames; i += Math.max(1, entries.size() / sampleForFrames)) {
            Entry e = entries.get(i);
            Path file = files.resolve(e.name());
            Run frames = studio(FILE_LIMIT_SECONDS * 2L + 30, "frames", file.toString(), "--demo", "demo_0", "--camera",
                    "agentview", "--to", "3", "--out", dir.resolve("frames-" + i).toString());
            check("frames " + e.name(), frames);
            Run tokens = studio(FILE_LIMIT_SECONDS * 2L + 30, "tokens", "actions", file.toString(), "--demo", "demo_0");
            check("tokens actions " + e.name(), tokens);
            if (e.expect().equals("valid") && (frames.exit() != 0 || tokens.exit() != 0)) {
                rejected++;
                details.add("valid file rejected (frames/tokens): " + e.name() + ": " + frames.err() + tokens.err());
            }
            sampled++;
        }

        int modified = 0;
        for (Entry e : entries) {
            Path p = files.resolve(e.name());
            if (e.sha256() != null && (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !sha256(p).equals(e.sha256()))) {
                modified++;
                details.add("input modified: " + e.name());
            }
        }
        String integrity = integrity(workspace.resolve("workspace.db"));
        return new Result(entries.size(), crashes, hangs, silent, rejected, modified, integrity, List.copyOf(details),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The lines of {@code err} that report a problem ({@code error:} / {@code warning:}) and name the file. */
    private static List<String> linesNaming(String err, String name) {
        List<String> out = new ArrayList<>();
        for (String line : err.split("\n")) {
            if ((line.startsWith("error:") || line.startsWith("warning:")) && line.contains("/" + name)) {
                out.add(line);
            }
        }
        return out;
    }

    private void check(String what, Run r) {
        if (r.timedOut()) {
            hangs++;
            details.add("hang: " + what + " ran past its time bound");
        }
        for (String line : r.err().split("\n")) {
            if (line.contains("still reading after")) {
                hangs++;
                details.add("hang (stopped by the per-file limit): " + what + ": " + line);
            }
        }
        String both = r.out() + "\n" + r.err();
        boolean trace = both.contains("Exception in thread") || both.lines().anyMatch(l -> l.startsWith("\tat "));
        if (!r.timedOut() && (trace || (r.exit() != 0 && r.exit() != 1))) {
            crashes++;
            String first = both.lines().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst().orElse("");
            details.add("crash: " + what + " (exit " + r.exit() + ") " + first);
        }
    }

    private Run studio(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                "-Dvlastudio.fileTimeLimitSeconds=" + FILE_LIMIT_SECONDS,
                "-cp", System.getProperty("java.class.path"), "io.vlastudio.app.Main"));
        cmd.addAll(List.of(args));
        return exec(cmd, timeoutSeconds);
    }

    private Run exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile(dir, "out", ".txt");
        Path errFile = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        return new Run(done ? p.exitValue() : -1, Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8), !done);
    }

    private static String sha256(Path p) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String integrity(Path db) throws SQLException {
        if (!Files.exists(db)) {
            return "no workspace";
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    /**
     * The long run: {@code MutationFuzz DIR [COUNT [SEED [--big]]]}; prints the counts and every finding, writes
     * them to {@code DIR/fuzz-results.md}, exits 1 if anything was found.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/fuzz");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 14;
        boolean big = args.length > 3 && args[3].equals("--big");
        Files.createDirectories(dir);
        Result r = new MutationFuzz(dir).run(count, seed, big, 100);
        StringBuilder md = new StringBuilder("# HDF5 mutation fuzz\n\n").append(r.summary()).append("\n\n");
        md.append("seed ").append(seed).append(big ? ", large attributes (256 MB string, 50 M numbers)" : "").append("\n\n");
        r.details().forEach(d -> md.append("- ").append(d).append('\n'));
        Files.writeString(dir.resolve("fuzz-results.md"), md);
        System.out.println(md);
        System.exit(r.clean() ? 0 : 1);
    }
}
