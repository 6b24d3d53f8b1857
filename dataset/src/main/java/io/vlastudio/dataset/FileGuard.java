package io.vlastudio.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the reading of one file in isolation, so that one file can never end or stall a batch of many
 * ({@code inspect}, {@code index}, opening a folder): the work runs on its own thread, within a time limit, and
 * whatever it throws becomes that file's {@link DatasetException}, including a {@link StackOverflowError} or
 * an {@link OutOfMemoryError} (the reader bounds what it walks and allocates, so these mean a structure it did
 * not anticipate; the memory of a failed read is garbage once the read is abandoned).
 * <p>
 * A read past the limit is interrupted (an interrupted channel read closes the file, so the read stops at its
 * next read) and reported as that file's failure; the caller moves on at once.
 */
public final class FileGuard {

    /** The work done on one file. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws DatasetException;
    }

    /** The default time limit for one file: {@code -Dvlastudio.fileTimeLimitSeconds=N} (default 120 s). */
    public static Duration defaultLimit() {
        return Duration.ofSeconds(Math.max(1, Long.getLong("vlastudio.fileTimeLimitSeconds", 120)));
    }

    /** Stack of the thread a file is read on: room for any structure the reader walks (it walks without recursion). */
    private static final long STACK_BYTES = 8L << 20;

    private final Duration limit;

    public FileGuard(Duration limit) {
        this.limit = limit;
    }

    public FileGuard() {
        this(defaultLimit());
    }

    /** Runs {@code work} for {@code file}; its result, or its failure as a {@link DatasetException}. */
    public <T> T call(Path file, Work<T> work) throws DatasetException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        Thread thread = new Thread(null, () -> {
            try {
                T value = work.run();
                synchronized (abandoned) {
                    if (abandoned.get()) {
                        closeQuietly(value); // nobody will ever use (or close) what a late read opened
                    } else {
                        result.set(value);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "read " + file.getFileName(), STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            synchronized (abandoned) {
                abandoned.set(true); // what the read still returns is closed by its thread
                closeQuietly(result.getAndSet(null)); // or was returned just now, and is closed here
            }
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new DatasetException(file, "/", "a finished read", "the read was cancelled");
        }
        boolean late;
        synchronized (abandoned) {
            late = thread.isAlive() && result.get() == null;
            abandoned.set(late);
        }
        if (late) {
            thread.interrupt();
            throw new DatasetException(file, "/", "a file read within " + limit.toSeconds() + " s",
                    "still reading after " + limit.toSeconds() + " s; stopped (a structure too large or too slow to walk)");
        }
        if (thread.isAlive()) {
            joinQuietly(thread); // the result is set: the thread is ending
        }
        Throwable t = failure.get();
        if (t == null) {
            return result.get();
        }
        if (t instanceof DatasetException e) {
            throw e;
        }
        if (t instanceof StackOverflowError) {
            throw new DatasetException(file, "/", "a structure the reader can walk",
                    "a structure nested too deeply to read (StackOverflowError)", t);
        }
        if (t instanceof OutOfMemoryError) {
            throw new DatasetException(file, "/", "a file the reader can hold in memory",
                    "more data than fits in memory (OutOfMemoryError: " + t.getMessage() + ")", t);
        }
        throw new DatasetException(file, "/", "a readable HDF5 file", String.valueOf(t), t);
    }

    private static void closeQuietly(Object value) {
        if (value instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a read-only file: closing cannot lose anything
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
