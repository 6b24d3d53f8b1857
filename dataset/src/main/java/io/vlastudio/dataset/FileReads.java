package io.vlastudio.dataset;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Reads a list of files a few at a time and hands each file's outcome to the caller <em>in the list's order, on
 * the caller's thread</em> (ADR 0031): what the caller does with an outcome (print it, write it to the catalog)
 * stays single-threaded and ordered, while the next files are already being read.
 * <ul>
 *   <li><b>Bounded.</b> At most {@code threads} files are being read or waiting to be handed over, plus the
 *       one the caller holds: file {@code i + threads} starts only when file {@code i} is handed over, so at
 *       most {@code threads + 1} files' contents are in memory at once, however slow the caller is (each
 *       file's read is itself bounded by ADR 0030).</li>
 *   <li><b>Isolated.</b> Each file is read under the {@link FileGuard} (its own thread and time limit; any
 *       throwable, {@code Error}s included, becomes that file's {@link DatasetException}). One bad file never
 *       stops the others.</li>
 *   <li><b>Cancellable.</b> {@code cancelled} is checked before each file is handed over and while waiting for
 *       one; on cancel (or when the caller's handler throws) the reads in flight are interrupted and whatever
 *       they return is closed if it is {@link AutoCloseable}.</li>
 *   <li><b>Owned by the caller.</b> The pool lives for one {@link #forEach} call: no static executor, no thread
 *       left behind.</li>
 * </ul>
 */
public final class FileReads {

    /** Never more reads at once than this: a collection scan is bound by one file's CPU, and memory scales with it. */
    public static final int MAX_THREADS = 4;

    /** {@code min(available processors, 4)}; {@code -Dvlastudio.readThreads=N} overrides it (1 reads one file at a time). */
    public static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        int asked = Integer.getInteger("vlastudio.readThreads", Math.min(cores, MAX_THREADS));
        return Math.max(1, Math.min(asked, MAX_THREADS));
    }

    /** What is read from one file (it runs on a pool thread, under the guard). */
    @FunctionalInterface
    public interface Read<T> {
        T read(Path file) throws DatasetException;
    }

    /** Receives each file's outcome on the caller's thread, in the files' order: its value, or its error. */
    @FunctionalInterface
    public interface Outcome<T, X extends Exception> {
        void accept(int index, Path file, T value, DatasetException error) throws X;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final FileGuard guard;

    public FileReads(int threads, FileGuard guard) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = Math.min(threads, MAX_THREADS);
        this.guard = guard;
    }

    public FileReads(FileGuard guard) {
        this(defaultThreads(), guard);
    }

    public FileReads() {
        this(new FileGuard());
    }

    public int threads() {
        return threads;
    }

    /** One file's read: filled by its pool thread, handed over or closed by whoever comes second. */
    private static final class Slot<T> {
        final Path file;
        T value;
        DatasetException error;
        boolean done;
        Future<?> future;

        Slot(Path file) {
            this.file = file;
        }
    }

    /**
     * Reads every file with {@code read}, up to {@link #threads()} at once, and hands each outcome to
     * {@code outcome} in the files' order.
     *
     * @return true when every file was handed over; false when {@code cancelled} (or an interrupt of the calling
     *         thread) stopped it first (the outcomes handed over so far stand)
     * @throws X what {@code outcome} throws; the reads in flight are then stopped
     */
    public <T, X extends Exception> boolean forEach(List<Path> files, Read<T> read, BooleanSupplier cancelled,
                                                   Outcome<T, X> outcome) throws X {
        if (files.isEmpty()) {
            return true;
        }
        int width = Math.min(threads, files.size());
        int id = POOLS.incrementAndGet();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "file reads " + id + "-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Object lock = new Object();
        boolean[] abandoned = {false};
        Deque<Slot<T>> window = new ArrayDeque<>();
        int next = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                while (next < files.size() && window.size() < width) {
                    window.add(start(pool, files.get(next++), read, lock, abandoned));
                }
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                Slot<T> slot = window.peek();
                if (!await(slot, lock, cancelled)) {
                    return false;
                }
                window.poll();
                // the next file starts before this one is handed over: the pool reads on while the caller works
                if (next < files.size()) {
                    window.add(start(pool, files.get(next++), read, lock, abandoned));
                }
                T value;
                DatasetException error;
                synchronized (lock) {
                    value = slot.value;
                    error = slot.error;
                }
                outcome.accept(i, slot.file, value, error);
            }
            return true;
        } finally {
            synchronized (lock) {
                abandoned[0] = true;
                for (Slot<T> s : window) {
                    if (s.done) {
                        closeQuietly(s.value); // read but never handed over
                    }
                    s.future.cancel(true); // interrupts a read in flight (its guard interrupts the reading thread)
                }
            }
            pool.shutdownNow();
        }
    }

    private <T> Slot<T> start(ExecutorService pool, Path file, Read<T> read, Object lock, boolean[] abandoned) {
        Slot<T> slot = new Slot<>(file);
        slot.future = pool.submit(() -> {
            T value = null;
            DatasetException error = null;
            try {
                value = guard.call(file, () -> read.read(file));
            } catch (DatasetException e) {
                error = e;
            } catch (Throwable t) {
                // the guard turns what the read throws into a DatasetException; this is the guard itself failing
                // (no thread for it: OutOfMemoryError), still this file's failure only
                error = new DatasetException(file, "/", "a file the reader can read", String.valueOf(t), t);
            }
            synchronized (lock) {
                if (abandoned[0]) {
                    closeQuietly(value); // nobody will hand it over (or close it)
                } else {
                    slot.value = value;
                    slot.error = error;
                }
                slot.done = true;
                lock.notifyAll();
            }
        });
        return slot;
    }

    /** Waits until {@code slot}'s read is done; false when cancelled (or interrupted) first. */
    private static boolean await(Slot<?> slot, Object lock, BooleanSupplier cancelled) {
        while (true) {
            synchronized (lock) {
                if (slot.done) {
                    return true;
                }
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (slot.done) {
                    return true;
                }
            }
            if (cancelled.getAsBoolean()) {
                return false;
            }
        }
    }

    private static void closeQuietly(Object value) {
        if (value instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // read-only files: closing cannot lose anything
            }
        }
    }
}
