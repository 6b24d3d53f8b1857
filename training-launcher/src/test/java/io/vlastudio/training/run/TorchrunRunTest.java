package io.vlastudio.training.run;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs through REAL torchrun (Debian's python3-torch 1.13, gloo on the CPU) with the stand-in WorldVLA trainer:
 * all three stages, resume, stop without orphans, and the failures a user meets.
 */
class TorchrunRunTest {

    @TempDir
    static Path dir;
    static Fixture fx;
    static final List<LogEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        fx = Fixture.create(dir);
        fx.launcher.addListener(new RunListener() {
            @Override
            public void event(String run, String stage, LogEvent event) {
                events.add(event);
            }
        });
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static AttemptState runToEnd(RunLauncher.Supervision s) throws Exception {
        assertThat(s.await(Duration.ofMinutes(4))).as("the run ends").isTrue();
        return s.state();
    }

    @Test
    void aLocalRunPreTokenizesConcatenatesTrainsOnTwoRanksRecordsProvenanceAndResumes() throws Exception {
        fx.launcher.create(fx.config("full", Map.of()));
        AttemptState end = runToEnd(fx.launcher.start("full", false, false));
        assertThat(end.status).as(String.valueOf(end.reason) + end.logTail).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(end.stages.values()).extracting(s -> s.status).containsOnly("succeeded");
        assertThat(end.stages.get("pretokenize").processes).hasSize(2);
        assertThat(end.stages.get("train").exitCode).isZero();
        assertThat(end.checkpoints).containsExactly("epoch0", "epoch1");
        assertThat(end.finalMetrics).containsKeys("train_closs", "train_lr", "val_closs", "epoch");
        assertThat(end.finalMetrics.get("epoch")).isEqualTo(1.0);
        Path out = fx.workspaceDir.resolve("runs/full/output");
        assertThat(out.resolve("epoch1/config.json")).exists();
        assertThat(out.resolve("epoch1/optimizer.00001-of-00002.pth")).exists();
        assertThat(Files.readString(fx.workspaceDir.resolve("runs/full/data/train.yaml")))
                .contains(fx.export.resolve("tokens/libero_goal_his_2_train_img_only_ck_2_256.json").toString());
        // provenance
        AttemptState.Provenance p = end.provenance;
        assertThat(p.checkoutCommit).matches("[0-9a-f]{40}");
        assertThat(p.checkoutDirty).isFalse();
        assertThat(p.torchVersion).startsWith("1.13");
        assertThat(p.pythonVersion).startsWith("3.");
        assertThat(p.exportManifestSha256).isEqualTo(RunLauncher.sha256(fx.export.resolve("manifest.json")));
        assertThat(p.commands.get("train").get(0)).contains("--nproc_per_node=2", "--no_auto_resume");
        assertThat(p.config).containsEntry("name", "full");
        assertThat(p.endedAt).isNotNull();
        // GPU use sampled with (the stand-in) nvidia-smi while the run was active
        assertThat(end.gpus).hasSize(4);
        assertThat(end.gpus.get(0).memoryUsedMiB()).isEqualTo(71234L);
        assertThat(end.gpusAt).isNotNull();
        assertThat(AttemptState.fromJson(end.toJson()).gpus).isEqualTo(end.gpus);
        // the live events: train and validation passes of both epochs, pre-tokenize progress
        assertThat(events).anyMatch(e -> e instanceof LogEvent.Progress pr && pr.phase() == LogEvent.Phase.TRAIN && pr.epoch() == 1);
        assertThat(events).anyMatch(e -> e instanceof LogEvent.Progress pr && pr.phase() == LogEvent.Phase.VAL_IND);
        assertThat(events).anyMatch(e -> e instanceof LogEvent.Records r && r.done() == r.total() && r.total() > 0);
        assertThat(fx.launcher.attempts("full")).hasSize(1);

        // resume with one more epoch: shards are already finished, training continues from epoch1
        fx.launcher.save(fx.launcher.require("full").with(Map.of("epochs", 3)));
        AttemptState resumed = runToEnd(fx.launcher.start("full", true, false));
        assertThat(resumed.status).as(String.valueOf(resumed.reason)).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(resumed.provenance.commands.get("train").get(0)).doesNotContain("--no_auto_resume");
        assertThat(Files.readString(fx.workspaceDir.resolve("runs/full/logs/train.log"))).contains("resume from").contains("epoch 2");
        assertThat(Files.readAllLines(out.resolve("log_train.txt"))).hasSize(3);
        assertThat(resumed.checkpoints).containsExactly("epoch1", "epoch2"); // the stand-in keeps 2, as WorldVLA's default
        assertThat(Files.readString(fx.workspaceDir.resolve("runs/full/logs/pretokenize-0.log"))).contains("30/30 done");
        assertThat(fx.launcher.attempts("full")).extracting(a -> a.status()).containsExactly("succeeded", "succeeded");

        // a fresh start over existing checkpoints is refused in pre-flight, nothing lost
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.launcher.start("full", false, false))
                .isInstanceOf(PreflightException.class).hasMessageContaining("already holds checkpoints");
    }

    @Test
    void stopReachesEveryRankAndLeavesNoOrphans() throws Exception {
        fx.launcher.create(fx.config("stopped", Map.of("epochs", 50, "env", Map.of("STANDIN_PRINT_FREQ", "1", "STANDIN_ITER_SLEEP", "0.2"))));
        RunLauncher.Supervision s = fx.launcher.start("stopped", false, false);
        waitForTraining(s);
        AttemptState running = s.state();
        long pgid = running.stages.get("train").processes.get(0).pgid;
        assertThat(GroupProcess.members(pgid)).as("torchrun and two ranks").hasSizeGreaterThanOrEqualTo(3);
        s.stop();
        AttemptState end = s.state();
        assertThat(end.status).isEqualTo(AttemptState.STOPPED);
        assertThat(end.reason).isEqualTo("stopped by the user");
        assertThat(GroupProcess.members(pgid)).isEmpty();
        assertThat(Fixture.processesMentioning(fx.workspaceDir.resolve("runs/stopped").toString())).isEmpty();
        assertThat(fx.launcher.latest("stopped").orElseThrow().status).isEqualTo(AttemptState.STOPPED);
    }

    static void waitForTraining(RunLauncher.Supervision s) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            AttemptState st = s.state();
            assertThat(st.status).as(String.valueOf(st.reason) + st.logTail).isEqualTo(AttemptState.RUNNING);
            if ("train".equals(st.stage) && st.progress.iteration != null && st.progress.phase != null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("training never logged progress");
    }

    @Test
    void aNanLossAndAFailingRankAreNamedFailures() throws Exception {
        fx.launcher.create(fx.config("nan", Map.of("env", Map.of("STANDIN_NAN_AT_ITER", "3"))));
        AttemptState nan = runToEnd(fx.launcher.start("nan", false, false));
        assertThat(nan.status).isEqualTo(AttemptState.FAILED);
        assertThat(nan.reason).startsWith("the loss became NaN or infinite").contains("Loss is nan");
        assertThat(nan.logTail).isNotEmpty();
        assertThat(nan.stages.get("train").exitCode).isEqualTo(1);

        fx.launcher.create(fx.config("rank-fails", Map.of("env", Map.of("STANDIN_FAIL_RANK", "1"))));
        AttemptState failed = runToEnd(fx.launcher.start("rank-fails", false, false));
        assertThat(failed.status).isEqualTo(AttemptState.FAILED);
        assertThat(failed.reason).startsWith("the train stage exited with code 1");
        assertThat(String.join("\n", failed.logTail)).contains("ChildFailedError");
    }

    @Test
    void twoNodesOnLocalhostMeetThroughC10d() throws Exception {
        fx.launcher.create(fx.config("nodes", Map.of("target", "nodes", "nodes", 2, "gpus", 1, "epochs", 1)));
        RunLauncher.Supervision s = fx.launcher.start("nodes", false, false);
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!"train".equals(s.state().stage) && System.nanoTime() < end) {
            assertThat(s.state().status).isEqualTo(AttemptState.RUNNING);
            Thread.sleep(100);
        }
        // the "other machine": run node 1's command as the preview gives it (with the port picked at start)
        List<String> node1 = s.state().provenance.commands.get("train").get(1);
        assertThat(node1).contains("--nnodes=2", "--rdzv_backend=c10d");
        RunConfig c = fx.launcher.require("nodes");
        StageCommand planned = fx.launcher.preview(c, false).get(2).commands().get(1);
        GroupProcess other = GroupProcess.start(node1, planned.cwd(), planned.env(), planned.log());
        AttemptState done = runToEnd(s);
        assertThat(other.waitFor(Duration.ofMinutes(1))).isTrue();
        assertThat(other.exitCode()).hasValue(0);
        assertThat(done.status).as(String.valueOf(done.reason) + done.logTail).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(done.checkpoints).containsExactly("epoch0");
        assertThat(Path.of(done.provenance.config.get("name").toString())).hasToString("nodes");
    }
}
