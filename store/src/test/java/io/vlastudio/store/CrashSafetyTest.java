package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM edits reviews in a loop and is killed with SIGKILL at random moments, many times. After every kill the
 * workspace opens, passes SQLite's integrity check, holds every edit the child had reported as committed, and its
 * reviews agree with its history.
 */
class CrashSafetyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aWorkspaceKilledAtRandomMomentsKeepsEveryCommittedEditAndStaysConsistent() throws Exception {
        Path suite = TestData.smallSuite(dir);
        Path ws = dir.resolve("ws");
        try (Workspace w = TestData.workspaces().open(ws)) {
            w.index(List.of(suite), Progress.NONE, () -> false);
        }
        int kills = Integer.getInteger("vlastudio.crashKills", 20);
        long seed = Long.getLong("vlastudio.crashSeed", 20260501L);
        Random random = new Random(seed);
        Map<String, String> committed = new LinkedHashMap<>(); // tag -> FILE#DEMO
        int killedWhileOpening = 0;
        for (int k = 0; k < kills; k++) {
            try (ChildJvm child = ChildJvm.start(ReviewWriterMain.class, ws.toString(), "k" + k, Long.toString(seed + k))) {
                child.await("opening"::equals, TIMEOUT);
                // a few kills land while the workspace is being opened, the rest after 1..14 reported edits
                int edits = k % 7 == 3 ? 0 : 1 + random.nextInt(14);
                if (edits == 0) {
                    killedWhileOpening++;
                }
                for (int e = 0; e < edits; e++) {
                    record(child.await(l -> l.startsWith("committed "), TIMEOUT), committed);
                }
                child.kill();
                for (String line : child.rest(TIMEOUT)) {
                    if (line.startsWith("committed ")) {
                        record(line, committed);
                    }
                }
            }
            assertThat(TestData.integrityCheck(ws)).as("integrity after kill %d (seed %d)", k, seed).isEqualTo("ok");
            verify(ws, committed, k, seed);
        }
        assertThat(committed).hasSizeGreaterThan(kills * 2);
        assertThat(killedWhileOpening).isPositive();
    }

    private static void record(String line, Map<String, String> committed) {
        String[] parts = line.split(" ");
        committed.put(parts[2], parts[1]);
    }

    private static void verify(Path ws, Map<String, String> committed, int kill, long seed) throws Exception {
        try (Workspace w = TestData.workspaces().open(ws)) {
            Map<String, Review> reviews = new LinkedHashMap<>();
            for (ReviewedDemo d : w.reviews(DemoQuery.all())) {
                reviews.put(d.demo().ref().toString(), d.review());
                // the review is what the last change in its history left
                List<HistoryEntry> history = w.history(d.demo().ref());
                Review expected = history.isEmpty() ? Review.EMPTY : ReviewTables.canonical(history.get(history.size() - 1).after());
                assertThat(d.review()).as("review of %s agrees with its history after kill %d (seed %d)",
                        d.demo().ref(), kill, seed).isEqualTo(expected);
                assertThat(d.demo().tags()).as("listed tags of %s", d.demo().ref()).isEqualTo(d.review().tags());
            }
            for (Map.Entry<String, String> e : committed.entrySet()) {
                assertThat(reviews.get(e.getValue()).tags()).as("committed tag %s on %s after kill %d (seed %d)",
                        e.getKey(), e.getValue(), kill, seed).contains(e.getKey());
            }
            long position = TestData.count(ws, "SELECT position FROM undo_state");
            assertThat(position).isLessThanOrEqualTo(TestData.count(ws, "SELECT count(*) FROM undo_stack"));
        }
    }
}
