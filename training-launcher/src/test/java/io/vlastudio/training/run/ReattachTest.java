package io.vlastudio.training.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio is killed with SIGKILL mid-run (a real second JVM supervising the run); training goes on in its own
 * process group, and a new studio re-attaches from the recorded pgid, start time and log offsets, follows the run on,
 * and stops it with no orphans.
 */
class ReattachTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedStudioReattachesAfterKillNineAndFollowsTheRunOn() throws Exception {
        try (Fixture fx = Fixture.create(dir)) {
            fx.launcher.create(fx.config("survivor", Map.of("epochs", 40,
                    "env", Map.of("STANDIN_PRINT_FREQ", "1", "STANDIN_ITER_SLEEP", "0.15"))));
            Process studio = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), SuperviseMain.class.getName(), fx.workspaceDir.toString(),
                    "survivor", "start").redirectErrorStream(true).redirectOutput(dir.resolve("studio.out").toFile()).start();
            AttemptState seen = null;
            long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < end) {
                Optional<AttemptState> s = fx.launcher.latest("survivor");
                if (s.isPresent() && "train".equals(s.get().stage) && s.get().progress.iteration != null
                        && s.get().stages.get("train").processes.get(0).offset > 0) {
                    seen = s.get();
                    break;
                }
                assertThat(studio.isAlive()).as("the first studio runs").isTrue();
                Thread.sleep(200);
            }
            assertThat(seen).as("training progress recorded by the first studio").isNotNull();
            studio.destroyForcibly().waitFor(); // kill -9
            AttemptState.ProcessRef train = seen.stages.get("train").processes.get(0);
            assertThat(GroupProcess.members(train.pgid)).as("training survives the studio").isNotEmpty();
            assertThat(fx.launcher.latest("survivor").orElseThrow().status).isEqualTo(AttemptState.RUNNING);

            RunLauncher.Supervision s = fx.launcher.attach("survivor").orElseThrow();
            assertThat(fx.launcher.attach("survivor")).containsSame(s);
            int epochAtAttach = seen.progress.epoch;
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < until && (s.state().progress.epoch == null || s.state().progress.epoch <= epochAtAttach)) {
                assertThat(s.state().status).as(s.state().reason).isEqualTo(AttemptState.RUNNING);
                Thread.sleep(200);
            }
            AttemptState following = s.state();
            assertThat(following.progress.epoch).as("the new studio parses the log on").isGreaterThan(epochAtAttach);
            assertThat(following.stages.get("train").processes.get(0).offset).isGreaterThan(train.offset);
            assertThat(following.supervisor.pgid).isEqualTo(ProcessHandle.current().pid());

            fx.launcher.stop("survivor");
            AttemptState stopped = fx.launcher.latest("survivor").orElseThrow();
            assertThat(stopped.status).isEqualTo(AttemptState.STOPPED);
            assertThat(GroupProcess.members(train.pgid)).isEmpty();
            assertThat(Fixture.processesMentioning(fx.workspaceDir.resolve("runs/survivor").toString())).isEmpty();
            assertThat(fx.launcher.attempts("survivor")).hasSize(1);
        }
    }

    @Test
    void stoppingARunNobodySupervisesStillReachesItsProcessGroup() throws Exception {
        try (Fixture fx = Fixture.create(dir)) {
            fx.launcher.create(fx.config("orphan", Map.of("target", "studio-model")));
            // a run recorded by a studio that died, whose process still runs: a sleeping process group
            GroupProcess g = GroupProcess.start(List.of("sleep", "300"), dir, Map.of(), dir.resolve("orphan.log"));
            AttemptState s = new AttemptState();
            s.run = "orphan";
            s.stage = "train";
            AttemptState.StageState ss = new AttemptState.StageState();
            AttemptState.ProcessRef ref = new AttemptState.ProcessRef();
            ref.pgid = g.pgid();
            ref.startTicks = g.startTicks();
            ref.log = dir.resolve("orphan.log").toString();
            ss.processes.add(ref);
            s.stages.put("train", ss);
            s.supervisor = new AttemptState.ProcessRef();
            s.supervisor.pgid = 999_999_999L; // gone
            fx.workspace.runs().startAttempt("orphan", "running", s.toJson());
            fx.launcher.stop("orphan");
            assertThat(GroupProcess.members(g.pgid())).isEmpty();
            assertThat(fx.launcher.latest("orphan").orElseThrow().status).isEqualTo(AttemptState.STOPPED);
        }
    }
}
