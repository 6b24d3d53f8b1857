package io.vlastudio.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsTheRuntimeAndTheDataFolderWithoutLoadingTorch() {
        CliRunner.Result r = new CliRunner(dir.resolve("home")).run("doctor");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("java: ", System.getProperty("java.home"), "data: " + dir.resolve("home"))
                .contains("java -jar").doesNotContain("torch:");
    }

    @Test
    void loadsPyTorchOfflineAndComputesWithIt() {
        CliRunner.Result r = new CliRunner(dir.resolve("home")).run("doctor", "--torch");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("torch: PyTorch 2.3.1", "= 12.0", "natives unpacked under");
    }
}
