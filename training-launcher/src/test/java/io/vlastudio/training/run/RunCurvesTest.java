package io.vlastudio.training.run;

import io.vlastudio.store.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunCurvesTest {

    @TempDir
    Path dir;

    @Test
    void twoFinishedRunsGiveTheirTrainingCurvesFromTheirLogsAndLogTrainTxt() throws Exception {
        try (Workspace ws = Fixture.workspaces().open(dir.resolve("ws"))) {
            RunLauncher launcher = new RunLauncher(ws.runs(), ws.directory(), RunPlanner.forThisJvm(null), Fixture::probe,
                    Duration.ofSeconds(5));
            RecordedRuns.record(ws, launcher, "a", 1.0);
            RecordedRuns.record(ws, launcher, "b", 0.5);
            RunCurves curves = new RunCurves(launcher);

            RunCurves.Curve a = curves.curve("a", "closs");
            RunCurves.Curve b = curves.curve("b", "closs");
            // the recorded log: 2 epochs of 10 iterations, rank 0 prints every other one (6 train lines an epoch)
            assertThat(a.size()).isEqualTo(12);
            assertThat(a.source()).isEqualTo("train.log");
            assertThat(a.x()[0]).isCloseTo(0.1, within(1e-9));
            assertThat(a.y()[0]).isEqualTo(5.7270);
            assertThat(a.x()).isSorted();
            assertThat(b.x()).containsExactly(a.x());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.y()[i]).isCloseTo(a.y()[i] * 0.5, within(1e-4));
            }
            assertThat(curves.metrics("a")).contains("closs", "lr", "grad_norm", "acc_action_0", "samples/sec");

            // a meter only the per-epoch JSON lines carry
            Files.writeString(launcher.layout(launcher.require("a")).output().resolve("log_train.txt"),
                    "{\"train_action_loss\": 2.5, \"epoch\": 0}\n{\"train_action_loss\": 2.0, \"epoch\": 1}\n{\"torn");
            RunCurves.Curve epochs = curves.curve("a", "action_loss");
            assertThat(epochs.source()).isEqualTo("log_train.txt");
            assertThat(epochs.x()).containsExactly(1.0, 2.0);
            assertThat(epochs.y()).containsExactly(2.5, 2.0);

            assertThat(curves.curve("a", "no_such_meter").size()).isZero();
            assertThatThrownBy(() -> curves.curve("missing", "closs")).hasMessageContaining("no run named missing");
        }
    }
}
