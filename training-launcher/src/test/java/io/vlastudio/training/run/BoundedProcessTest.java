package io.vlastudio.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedProcessTest {

    @Test
    void aChildThatHangsWithItsOutputOpenIsKilledAtTheLimit() throws Exception {
        // prints, then keeps stdout open and never exits: reading its output to the end would block forever
        Process p = new ProcessBuilder("sh", "-c", "echo started; exec sleep 60").start();
        long t0 = System.nanoTime();
        BoundedProcess.Outcome o = BoundedProcess.await(p, 1, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(o.timedOut()).isTrue();
        assertThat(seconds).isLessThan(20);
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void aChildThatAnswersGivesItsOutputAndExitCode() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "echo out; echo err >&2; exit 3").start();
        BoundedProcess.Outcome o = BoundedProcess.await(p, 30, TimeUnit.SECONDS);

        assertThat(o.timedOut()).isFalse();
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.out()).isEqualTo("out\n");
        assertThat(o.err()).isEqualTo("err\n");
    }

    @Test
    void aHungChildsOwnChildrenAreKilledToo() throws Exception {
        // a wrapper that starts a grandchild and waits for it: killing only the wrapper would leave the grandchild
        Process p = new ProcessBuilder("sh", "-c", "sleep 60 & echo $!; wait").start();
        BoundedProcess.Outcome o = BoundedProcess.await(p, 1, TimeUnit.SECONDS);

        assertThat(o.timedOut()).isTrue();
        long grandchild = Long.parseLong(o.out().trim());
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(grandchild);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.isPresent() && h.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(h.isPresent() && h.get().isAlive()).as("grandchild %d still alive", grandchild).isFalse();
    }
}
