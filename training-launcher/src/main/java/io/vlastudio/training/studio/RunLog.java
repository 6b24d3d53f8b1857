package io.vlastudio.training.studio;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Log lines in the shape WorldVLA's rank-0 logger writes them ({@code [rank0:INFO|misc.py:<n>] <time> >> message}),
 * to stderr and {@code <output_dir>/common.log}, so the launcher's log parser reads the studio model like WorldVLA.
 */
public final class RunLog implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final PrintStream err;
    private final Writer file;

    public RunLog(Path outputDir, PrintStream err) throws IOException {
        this.err = err;
        Files.createDirectories(outputDir);
        this.file = Files.newBufferedWriter(outputDir.resolve("common.log"), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public synchronized void info(String source, String message) {
        line("INFO", source, message);
    }

    public synchronized void error(String source, String message) {
        line("ERROR", source, message);
    }

    private void line(String level, String source, String message) {
        String l = "[rank0:" + level + "|" + source + "] " + LocalDateTime.now().format(TIME) + " >> " + message;
        err.println(l);
        err.flush();
        try {
            file.write(l);
            file.write('\n');
            file.flush();
        } catch (IOException e) {
            err.println("could not write common.log: " + e.getMessage());
        }
    }

    /** Appends one JSON line to a file of the output folder ({@code log_train.txt}, {@code log_eval_ind.txt}). */
    public static void jsonLine(Path file, Object value) throws IOException {
        String s = Checkpoints.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(value);
        Files.writeString(file, s + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Peak resident memory of this process in MiB (VmHWM), or -1 where /proc is not available. */
    public static long peakMemoryMiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
