package io.vlastudio.training.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived single child (a probe, a Slurm client command) run with a time limit that really holds: its output
 * is drained on background threads while the caller waits, so a child that hangs with its pipes open is killed
 * after the limit instead of blocking the read forever. Not for runs: those are process groups ({@link GroupProcess}).
 */
final class BoundedProcess {

    /** What the child printed and how it ended; {@code timedOut} when it was killed at the limit. */
    record Outcome(int exitCode, String out, String err, boolean timedOut) {
    }

    private BoundedProcess() {
    }

    /** Waits up to {@code limit} for {@code p} (stdin closed), draining stdout and stderr; kills it at the limit. */
    static Outcome await(Process p, long limit, TimeUnit unit) throws IOException, InterruptedException {
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(limit, unit)) {
            // the child's own children first (a wrapper script's python, say): killing only the parent would orphan them
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return new Outcome(-1, text(out), text(err), true);
        }
        return new Outcome(p.exitValue(), text(out), text(err), false);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String text(CompletableFuture<String> f) throws InterruptedException {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }
}
