package io.vlastudio.dataset;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileReadsTest {

    private static List<Path> files(int n) {
        return IntStream.range(0, n).mapToObj(i -> Path.of("f" + i + ".hdf5")).toList();
    }

    private static int index(Path p) {
        String n = p.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf('.')));
    }

    @Test
    void handsOutcomesOverInTheFilesOrderWhateverOrderTheReadsFinishIn() throws Exception {
        List<Path> files = files(12);
        List<String> seen = new ArrayList<>();
        List<String> callers = new ArrayList<>();
        boolean done = new FileReads(4, new FileGuard()).<Integer, RuntimeException>forEach(files, f -> {
            sleep(5L * (12 - index(f))); // later files finish first
            return index(f);
        }, () -> false, (i, f, v, e) -> {
            seen.add(i + ":" + f.getFileName() + "=" + v);
            callers.add(Thread.currentThread().getName());
        });
        assertThat(done).isTrue();
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(i -> i + ":f" + i + ".hdf5=" + i).toList());
        assertThat(callers).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void readsAtMostThreadsFilesAtOnceAndHoldsAtMostThreadsPlusOneUnconsumed() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        java.util.concurrent.CountDownLatch firstThree = new java.util.concurrent.CountDownLatch(3);
        List<Boolean> met = Collections.synchronizedList(new ArrayList<>());
        new FileReads(3, new FileGuard()).<Integer, RuntimeException>forEach(files(20), f -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            maxAhead.accumulateAndGet(started.incrementAndGet() - consumed.get(), Math::max);
            if (index(f) < 3) {
                firstThree.countDown(); // the first three files are read at the same time, or this waits in vain
                try {
                    met.add(firstThree.await(20, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sleep(3);
            running.decrementAndGet();
            return 1;
        }, () -> false, (i, f, v, e) -> {
            sleep(10); // a slow caller (writing to the catalog): the reads must not run away from it
            consumed.incrementAndGet();
        });
        assertThat(met).containsExactly(true, true, true);
        assertThat(maxRunning.get()).isEqualTo(3);
        assertThat(maxAhead.get()).isLessThanOrEqualTo(3 + 1);
    }

    @Test
    void anErrorInOneFileIsThatFilesFailureAndTheOthersAreStillRead() throws Exception {
        List<String> seen = new ArrayList<>();
        boolean done = new FileReads(2, new FileGuard()).<String, RuntimeException>forEach(files(6), f -> {
            switch (index(f)) {
                case 2 -> throw new OutOfMemoryError("Java heap space");
                case 3 -> throw new StackOverflowError();
                case 4 -> throw new IllegalStateException("a parser bug");
                default -> {
                    return "ok";
                }
            }
        }, () -> false, (i, f, v, e) -> seen.add(f.getFileName() + " " + (e == null ? v : e.getMessage())));
        assertThat(done).isTrue();
        assertThat(seen).hasSize(6);
        assertThat(seen.get(0)).isEqualTo("f0.hdf5 ok");
        assertThat(seen.get(2)).contains("f2.hdf5", "OutOfMemoryError");
        assertThat(seen.get(3)).contains("f3.hdf5", "StackOverflowError");
        assertThat(seen.get(4)).contains("f4.hdf5", "a parser bug");
        assertThat(seen.get(5)).isEqualTo("f5.hdf5 ok");
    }

    @Test
    void aReadPastTheTimeLimitFailsAloneAndTheBatchMovesOn() throws Exception {
        List<String> seen = new ArrayList<>();
        new FileReads(2, new FileGuard(Duration.ofMillis(300))).<String, RuntimeException>forEach(files(4), f -> {
            if (index(f) == 1) {
                sleep(60_000);
            }
            return "ok";
        }, () -> false, (i, f, v, e) -> seen.add(e == null ? v : e.getMessage()));
        assertThat(seen).hasSize(4);
        assertThat(seen.get(1)).contains("still reading after");
        assertThat(seen).filteredOn("ok"::equals).hasSize(3);
    }

    /** A value that records whether it was closed. */
    private static final class Opened implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aCancelStopsTheBatchAndClosesWhatWasReadButNeverHandedOver() throws Exception {
        List<Opened> made = Collections.synchronizedList(new ArrayList<>());
        List<Opened> handed = new ArrayList<>();
        AtomicBoolean cancel = new AtomicBoolean();
        boolean done = new FileReads(4, new FileGuard()).<Opened, RuntimeException>forEach(files(40), f -> {
            sleep(index(f) % 4 == 0 ? 30 : 2);
            Opened o = new Opened();
            made.add(o);
            return o;
        }, cancel::get, (i, f, v, e) -> {
            handed.add(v);
            if (i == 5) {
                cancel.set(true);
            }
        });
        assertThat(done).isFalse();
        assertThat(handed).hasSize(6);
        sleep(200); // reads in flight at the cancel finish (or are interrupted) and close what they made
        assertThat(made.size()).isLessThanOrEqualTo(6 + 4 + 1);
        assertThat(made).filteredOn(o -> !handed.contains(o)).allSatisfy(o -> assertThat(o.closed).isTrue());
        assertThat(handed).allSatisfy(o -> assertThat(o.closed).isFalse());
    }

    @Test
    void whenTheCallerFailsTheReadsStopAndItsExceptionComesThrough() {
        ConcurrentHashMap<Path, Boolean> read = new ConcurrentHashMap<>();
        assertThatThrownBy(() -> new FileReads(2, new FileGuard()).<Integer, java.io.IOException>forEach(files(30), f -> {
            read.put(f, true);
            return 1;
        }, () -> false, (i, f, v, e) -> {
            if (i == 3) {
                throw new java.io.IOException("disk full");
            }
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
        assertThat(read.size()).isLessThanOrEqualTo(4 + 2 + 1);
    }

    @Test
    void oneThreadReadsOneFileAfterAnother() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        new FileReads(1, new FileGuard()).<Integer, RuntimeException>forEach(files(8), f -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(2);
            running.decrementAndGet();
            return 1;
        }, () -> false, (i, f, v, e) -> { });
        assertThat(maxRunning.get()).isEqualTo(1);
        assertThat(FileReads.defaultThreads()).isBetween(1, FileReads.MAX_THREADS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
