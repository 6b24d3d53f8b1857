package io.vlastudio.store;

import io.vlastudio.store.runs.RunAttempt;
import io.vlastudio.store.runs.Runs;
import io.vlastudio.store.runs.SavedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunsTest {

    @TempDir
    Path dir;

    @Test
    void configurationsAndAttemptsSurviveReopeningAndDeletingTheConfigurationKeepsTheHistory() throws Exception {
        Path ws = dir.resolve("ws");
        long id;
        try (Workspace w = TestData.workspaces().open(ws)) {
            Runs runs = w.runs();
            assertThat(runs.save("goal-ft", "{\"epochs\":3}", false)).isTrue();
            assertThat(runs.save("goal-ft", "{\"epochs\":9}", false)).as("no silent overwrite").isFalse();
            assertThat(runs.get("goal-ft")).map(SavedRun::configJson).contains("{\"epochs\":3}");
            assertThat(runs.save("goal-ft", "{\"epochs\":4}", true)).isTrue();
            id = runs.startAttempt("goal-ft", "running", "{\"pgid\":12}");
            runs.updateAttempt(id, "stopped", "{\"pgid\":12,\"reason\":\"stopped by the user\"}", true);
            runs.startAttempt("goal-ft", "running", "{}");
        }
        try (Workspace w = TestData.workspaces().open(ws)) {
            Runs runs = w.runs();
            assertThat(runs.list()).extracting(SavedRun::name).containsExactly("goal-ft");
            assertThat(runs.get("goal-ft").orElseThrow().configJson()).isEqualTo("{\"epochs\":4}");
            assertThat(runs.attempts("goal-ft")).extracting(RunAttempt::status).containsExactly("stopped", "running");
            RunAttempt first = runs.attempt(id).orElseThrow();
            assertThat(first.endedAt()).isNotNull();
            assertThat(first.recordJson()).contains("stopped by the user");
            assertThat(runs.delete("goal-ft")).isTrue();
            assertThat(runs.get("goal-ft")).isEmpty();
            assertThat(runs.attempts("goal-ft")).hasSize(2);
        }
    }
}
