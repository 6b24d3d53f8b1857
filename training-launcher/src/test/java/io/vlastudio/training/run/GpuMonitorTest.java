package io.vlastudio.training.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GPU use from nvidia-smi: the stand-in on a PATH (same flags, CSV and failures as the real one), and none at all. */
class GpuMonitorTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryGpuFromTheQueryCsv() throws Exception {
        Path bin = StandInNvidiaSmi.install(dir.resolve("bin"));
        GpuMonitor m = new GpuMonitor(StandInNvidiaSmi.path(bin));
        assertThat(m.executable()).contains(bin.resolve("nvidia-smi"));
        List<GpuMonitor.GpuSample> gpus = m.sample().orElseThrow();
        assertThat(gpus).hasSize(4);
        assertThat(gpus.get(0)).isEqualTo(new GpuMonitor.GpuSample(0, "NVIDIA H100 80GB HBM3", 97.0, 71234L, 81559L));
        assertThat(gpus.get(3).utilization()).as("[N/A]").isNull();
        assertThat(m.problem()).isNull();
        assertThat(GpuMonitor.describe(gpus.subList(0, 1))).isEqualTo("GPU 0 NVIDIA H100 80GB HBM3: 97% · 71234 / 81559 MiB");
        assertThat(GpuMonitor.describe(gpus.subList(3, 4))).contains("n/a");
    }

    @Test
    void theStandInRefusesWhatTheRealOneRefuses() throws Exception {
        Path smi = StandInNvidiaSmi.install(dir.resolve("bin")).resolve("nvidia-smi");
        Process p = new ProcessBuilder(smi.toString(), "--query-gpus=index", "--format=csv").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(9);
        assertThat(out).startsWith("Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.");
        Process h = new ProcessBuilder(smi.toString(), "--query-gpu=index,memory.used", "--format=csv").start();
        assertThat(new String(h.getInputStream().readAllBytes())).startsWith("index, memory.used [MiB]\n0, 71234 MiB\n");
    }

    @Test
    void noNvidiaSmiMeansNoGpusAndNoError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        GpuMonitor m = new GpuMonitor(dir.resolve("empty").toString());
        assertThat(m.executable()).isEmpty();
        assertThat(m.sample()).isEmpty();
        assertThat(m.problem()).isNull();
    }

    @Test
    void aDriverThatIsNotLoadedGivesNoGpusAndSaysWhy() throws Exception {
        Path bin = StandInNvidiaSmi.install(dir.resolve("bin"));
        // a wrapper that runs the stand-in as on a machine without a loaded driver
        Path wrap = dir.resolve("wrap");
        Files.createDirectories(wrap);
        Files.writeString(wrap.resolve("nvidia-smi"), "#!/bin/sh\nSTANDIN_NVIDIA_SMI_FAIL=1 exec " + bin.resolve("nvidia-smi") + " \"$@\"\n");
        wrap.resolve("nvidia-smi").toFile().setExecutable(true);
        GpuMonitor m = new GpuMonitor(wrap + ":/usr/bin:/bin");
        assertThat(m.sample()).isEmpty();
        assertThat(m.problem()).contains("failed (exit 9)").contains("couldn't communicate with the NVIDIA driver");
    }
}
