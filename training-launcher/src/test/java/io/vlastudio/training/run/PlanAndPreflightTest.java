package io.vlastudio.training.run;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanAndPreflightTest {

    @TempDir
    static Path dir;
    static Fixture fx;

    @BeforeAll
    static void setUp() throws Exception {
        fx = Fixture.create(dir);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aConfigRoundTripsThroughTheWorkspaceAndEditsKeepTheRest() throws Exception {
        RunConfig c = fx.config("round-trip", Map.of("ckpt_max_keep", 3, "partition", "gpu", "extra_args", List.of("--seed", "7")));
        fx.launcher.create(c);
        assertThat(fx.launcher.require("round-trip")).isEqualTo(c);
        assertThatThrownBy(() -> fx.launcher.create(c)).hasMessageContaining("exists already");
        RunConfig edited = c.with(Map.of("epochs", 9, "target", "slurm"));
        fx.launcher.save(edited);
        assertThat(fx.launcher.require("round-trip")).isEqualTo(edited);
        assertThat(edited.ckptMaxKeep()).isEqualTo(3);
        assertThat(edited.target()).isEqualTo(Target.SLURM);
        RunConfig copy = fx.launcher.duplicate("round-trip", "round-trip-2");
        assertThat(copy.epochs()).isEqualTo(9);
        assertThat(fx.launcher.list()).extracting(RunConfig::name).contains("round-trip", "round-trip-2");
        assertThat(fx.launcher.delete("round-trip-2")).isTrue();
        assertThatThrownBy(() -> RunConfig.of("bad name!", "e", "w")).hasMessageContaining("must start with a letter");
        assertThatThrownBy(() -> fx.config("x", Map.of("epochs", 0))).hasMessageContaining("epochs must be at least 1");
    }

    @Test
    void localPreviewHasWorldVlasFlagsAndThreeStagesInOrder() {
        RunConfig c = fx.config("preview", Map.of("cpu", false, "gpus", 4, "epochs", 40, "lr", 5e-6, "min_lr", 5e-6,
                "warmup_epochs", 0.01, "batch_size", 8));
        List<Stage> stages = fx.launcher.preview(c, false);
        assertThat(stages).extracting(Stage::name).containsExactly("pretokenize", "concat", "train");
        assertThat(stages.get(0).commands()).hasSize(4);
        assertThat(stages.get(0).commands().get(3).env()).containsEntry("CUDA_VISIBLE_DEVICES", "3");
        StageCommand train = stages.get(2).first();
        Path run = fx.workspaceDir.resolve("runs/preview");
        assertThat(train.cwd()).isEqualTo(fx.checkout.resolve("worldvla/exps_512_all"));
        assertThat(train.argv()).containsExactly(Fixture.PYTHON, "-m", "torch.distributed.run", "--nnodes=1", "--nproc_per_node=4",
                "--master_port={master_port}", "--redirects", "1", "--tee", "1", "--monitor_interval", "1",
                "--log_dir", run.resolve("logs/torchrun").toString(),
                fx.checkout.resolve("worldvla/pretrain_solver_awm_w_ck.py").toString(),
                "--model_size", "7B", "--batch_size", "8", "--accum_iter", "1", "--epochs", "40", "--warmup_epochs", "0.01",
                "--lr", "5.0E-6", "--min_lr", "5.0E-6", "--wd", "0.1", "--clip_grad", "4",
                "--data_config_train", run.resolve("data/train.yaml").toString(),
                "--data_config_val_ind", run.resolve("data/val_ind.yaml").toString(),
                "--data_config_val_ood", run.resolve("data/val_ood.yaml").toString(),
                "--max_seq_len", "4096", "--unmask_image_logits", "--output_dir", run.resolve("output").toString(),
                "--no_auto_resume");
        assertThat(train.env()).containsEntry("PYTHONUNBUFFERED", "1").containsEntry("STANDIN_PRINT_FREQ", "2");
        assertThat(fx.launcher.preview(c, true).get(2).first().argv()).doesNotContain("--no_auto_resume");
    }

    @Test
    void nodesSlurmAndStudioModelPreviews() {
        List<Stage> nodes = fx.launcher.preview(fx.config("nodes", Map.of("target", "nodes", "nodes", 2, "gpus", 8,
                "master_addr", "10.0.0.5", "master_port", 29600)), false);
        Stage train = nodes.get(2);
        assertThat(train.commands()).extracting(StageCommand::local).containsExactly(true, false);
        assertThat(train.commands().get(1).argv()).contains("--nnodes=2", "--nproc_per_node=8", "--rdzv_backend=c10d",
                "--rdzv_endpoint=10.0.0.5:29600", "--rdzv_id=nodes");

        List<Stage> slurm = fx.launcher.preview(fx.config("slurmy", Map.of("target", "slurm", "nodes", 2, "gpus", 8, "cpu", false,
                "partition", "a100", "time", "2-00:00:00", "account", "robots")), false);
        Stage s = slurm.get(2);
        assertThat(s.first().argv()).startsWith("sbatch", "--parsable").contains("--chdir=" + fx.checkout.resolve("worldvla/exps_512_all"));
        assertThat(s.first().argv().get(s.first().argv().size() - 1)).endsWith("runs/slurmy/train.sbatch");
        assertThat(s.sbatchScript()).contains("#SBATCH --nodes=2", "#SBATCH --gpus-per-node=8", "#SBATCH --partition=a100",
                "#SBATCH --time=2-00:00:00", "#SBATCH --account=robots", "srun --kill-on-bad-exit=1 /usr/bin/python3 -m torch.distributed.run",
                "--nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d", "--rdzv_endpoint=\"$MASTER:$PORT\"", "--unmask_image_logits");

        List<Stage> studio = fx.launcher.preview(fx.config("studio", Map.of("target", "studio-model", "epochs", 3)), false);
        assertThat(studio).extracting(Stage::name).containsExactly("train");
        assertThat(studio.get(0).first().argv()).contains("io.vlastudio.training.studio.StudioModelMain", "--export",
                fx.export.toString(), "--epochs", "3", "--no_auto_resume");
    }

    @Test
    void withoutAGpuPreviewWorksAndStartStopsInPreflightSayingSo() throws Exception {
        RunConfig c = fx.config("gpu-less", Map.of("cpu", false));
        fx.launcher.create(c);
        assertThat(fx.launcher.preview(c, false)).hasSize(3);
        assertThatThrownBy(() -> fx.launcher.start("gpu-less", false, false)).isInstanceOf(PreflightException.class)
                .hasMessageContaining("there is no GPU").hasMessageContaining("torch.cuda.is_available() = False");
        assertThat(fx.launcher.attempts("gpu-less")).isEmpty();
    }

    @Test
    void badInstallationsAreNamedWithTheirFileAndFix() throws Exception {
        List<Problem> noTorch = fx.launcher.preflight(fx.config("p1", Map.of("python", fx.root.resolve("no-torch-python").toString())), false);
        assertThat(noTorch).anySatisfy(p -> assertThat(p.toString()).contains("no-torch-python").contains("cannot be used"));

        Path fake = fx.root.resolve("python-without-torch");
        Files.writeString(fake, "#!/bin/sh\nexec /usr/bin/python3 -S -I -c \"$2\"\n");
        fake.toFile().setExecutable(true);
        List<Problem> withoutTorch = fx.launcher.preflight(fx.config("p1b", Map.of("python", fake.toString())), false);
        assertThat(withoutTorch).anySatisfy(p -> assertThat(p.what()).contains("cannot import torch"));

        List<Problem> noCheckout = fx.launcher.preflight(fx.config("p2", Map.of("worldvla", fx.root.resolve("nope").toString())), false);
        assertThat(noCheckout).anySatisfy(p -> assertThat(p.toString()).contains("the WorldVLA checkout does not exist")
                .contains(fx.root.resolve("nope").toString()).contains("clone"));

        List<Problem> wrong = fx.launcher.preflight(fx.config("p3", Map.of("worldvla", fx.export.toString())), false);
        assertThat(wrong).anySatisfy(p -> assertThat(p.what()).contains("not a WorldVLA checkout"));

        List<Problem> noExport = fx.launcher.preflight(fx.config("p4", Map.of("export", fx.root.resolve("gone").toString())), false);
        assertThat(noExport).anySatisfy(p -> assertThat(p.toString()).contains("export folder does not exist").contains("gone"));

        try (ServerSocket busy = new ServerSocket(0)) {
            List<Problem> port = fx.launcher.preflight(fx.config("p5", Map.of("master_port", busy.getLocalPort())), false);
            assertThat(port).anySatisfy(p -> assertThat(p.toString()).contains("port " + busy.getLocalPort() + " is already in use"));
        }
        assertThat(fx.launcher.preflight(fx.config("p6", Map.of()), false)).noneMatch(Problem::blocking);
    }

    @Test
    void aStaleDataCacheIsReported() throws Exception {
        Path cache = fx.checkout.resolve("worldvla/exps_512_all/xllmx_data_cache");
        Files.createDirectories(cache);
        Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.fromMillis(0));
        try {
            assertThat(fx.launcher.preflight(fx.config("cache", Map.of("cache_ann_on_disk", true)), false))
                    .anySatisfy(p -> assertThat(p.toString()).startsWith("warning").contains("xllmx_data_cache").contains("--clear-cache"));
        } finally {
            Files.delete(cache);
        }
    }
}
