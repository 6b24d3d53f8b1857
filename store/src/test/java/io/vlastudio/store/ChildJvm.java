package io.vlastudio.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real second JVM running one of the test mains, with the test classpath. Its stdout is read line by line on a
 * thread so the test can wait for a line (with a timeout) instead of sleeping.
 */
final class ChildJvm implements AutoCloseable {

    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread errReader;

    private ChildJvm(Process process) {
        this.process = process;
        Thread outReader = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), lines), "child-stdout");
        outReader.setDaemon(true);
        outReader.start();
        errReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        }, "child-stderr");
        errReader.setDaemon(true);
        errReader.start();
    }

    static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).start());
    }

    private static void pump(BufferedReader reader, BlockingQueue<String> into) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                into.add(line);
            }
        } catch (IOException ignored) {
            // the child was killed
        } finally {
            into.add(EOF);
        }
    }

    /** Waits for the next stdout line; null at the end of output. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("child printed nothing for " + timeout + "; its stderr:\n" + stderr());
        }
        if (line.equals(EOF)) {
            lines.add(EOF);
            return null;
        }
        all.add(line);
        return line;
    }

    /** Waits for a line matching {@code p}, failing after {@code timeout} or at the end of output. */
    String await(Predicate<String> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for the child; it printed " + all + "; stderr:\n" + stderr());
            }
            String line = nextLine(Duration.ofNanos(left));
            if (line == null) {
                throw new AssertionError("child ended (exit " + exitCodeOrRunning() + ") without the line expected; it printed "
                        + all + "; stderr:\n" + stderr());
            }
            if (p.test(line)) {
                return line;
            }
        }
    }

    /** Every line still to come, until the child's output ends. */
    List<String> rest(Duration timeout) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (String line; (line = nextLine(timeout)) != null; ) {
            out.add(line);
        }
        return out;
    }

    void send(String line) {
        PrintWriter w = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        w.println(line);
        w.flush();
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, like a crash or a power cut of the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child did not die");
        }
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not finish within " + timeout + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    String stderr() {
        try {
            errReader.join(process.isAlive() ? 1 : 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private String exitCodeOrRunning() {
        return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
