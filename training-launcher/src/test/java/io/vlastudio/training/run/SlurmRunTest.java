package io.vlastudio.training.run;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated sbatch script on a REAL one-node Slurm cluster on localhost (training-launcher/src/test/scripts/
 * start-local-slurm.sh, started by .ci/run around the build): success, scancel, and a failing job.
 */
class SlurmRunTest {

    @TempDir
    static Path dir;
    static Fixture fx;

    @BeforeAll
    static void setUp() throws Exception {
        String conf = System.getenv("SLURM_CONF");
        assumeTrue(conf != null && Files.isRegularFile(Path.of(conf)) && clusterAnswers(),
                "no local Slurm cluster: start one with training-launcher/src/test/scripts/start-local-slurm.sh and"
                        + " `source $LOCAL_SLURM_DIR/env.sh` (as .ci/run does) to run the Slurm tests");
        fx = Fixture.create(dir);
    }

    private static boolean clusterAnswers() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%a").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 && out.contains("up");
        } catch (Exception e) {
            return false;
        }
    }

    @AfterAll
    static void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void theSbatchScriptRunsSrunTorchrunOnTheClusterAndTheJobIsFollowedToTheEnd() throws Exception {
        fx.launcher.create(fx.config("on-slurm", Map.of("target", "slurm", "epochs", 1)));
        RunLauncher.Supervision s = fx.launcher.start("on-slurm", false, false);
        assertThat(s.await(Duration.ofMinutes(4))).isTrue();
        AttemptState end = s.state();
        assertThat(end.status).as(end.reason + " " + end.logTail).isEqualTo(AttemptState.SUCCEEDED);
        AttemptState.StageState train = end.stages.get("train");
        assertThat(train.jobId).matches("\\d+");
        assertThat(train.jobState).isEqualTo("COMPLETED");
        Path run = fx.workspaceDir.resolve("runs/on-slurm");
        assertThat(Files.readString(run.resolve("slurm-" + train.jobId + ".out"))).contains("Epoch: [0]").contains("Averaged stats:");
        assertThat(Files.readString(run.resolve("train.sbatch"))).isEqualTo(end.provenance.sbatchScript).contains("srun --kill-on-bad-exit=1");
        assertThat(end.checkpoints).containsExactly("epoch0");
        assertThat(end.progress.epoch).isZero();
    }

    @Test
    void stopCancelsTheJobAndNoRankSurvives() throws Exception {
        fx.launcher.create(fx.config("cancelled", Map.of("target", "slurm", "epochs", 50,
                "env", Map.of("STANDIN_PRINT_FREQ", "1", "STANDIN_ITER_SLEEP", "0.2"))));
        RunLauncher.Supervision s = fx.launcher.start("cancelled", false, false);
        TorchrunRunTest.waitForTraining(s);
        String job = s.state().stages.get("train").jobId;
        s.stop();
        AttemptState end = s.state();
        assertThat(end.status).isEqualTo(AttemptState.STOPPED);
        assertThat(Slurm.state(job).state()).isEqualTo("CANCELLED");
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Fixture.processesMentioning(fx.workspaceDir.resolve("runs/cancelled").toString()).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(Fixture.processesMentioning(fx.workspaceDir.resolve("runs/cancelled").toString())).isEmpty();
    }

    @Test
    void aFailingJobIsMarkedFailedWithItsSlurmState() throws Exception {
        fx.launcher.create(fx.config("job-fails", Map.of("target", "slurm", "env", Map.of("STANDIN_FAIL_RANK", "1"))));
        RunLauncher.Supervision s = fx.launcher.start("job-fails", false, false);
        assertThat(s.await(Duration.ofMinutes(4))).isTrue();
        AttemptState end = s.state();
        assertThat(end.status).isEqualTo(AttemptState.FAILED);
        assertThat(end.reason).matches("Slurm job \\d+ ended FAILED \\(ExitCode=1:0\\)");
        assertThat(String.join("\n", end.logTail)).contains("ChildFailedError");
    }
}
