package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesASuiteThatInspectReadsBack() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("home"));
        Path suite = dir.resolve("libero_synth_no_noops");
        CliRunner.Result written = cli.run("sample", "--out", suite.toString(), "--variant", "no_noops", "--tasks", "2",
                "--demos", "6", "--image-size", "64", "--seed", "3");
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("wrote 2 files (no_noops, 6 demos a task, 64x64)");

        CliRunner.Result inspected = cli.run("inspect", suite.toString(), "--json");
        assertThat(inspected.exitCode()).as(inspected.err()).isZero();
        JsonNode files = new ObjectMapper().readTree(inspected.out());
        assertThat(files.size()).isEqualTo(2);
        for (JsonNode f : files) {
            assertThat(f.get("variant").asText()).isEqualTo("no_noops");
            assertThat(f.get("suite").asText()).isEqualTo("libero_synth_no_noops");
            assertThat(f.get("image_shape").toString()).isEqualTo("[64,64,3]");
            assertThat(f.get("noops").asInt()).isZero();
            assertThat(f.get("demos").asInt()).isBetween(1, 6);
        }
    }

    @Test
    void rejectsAnUnknownVariantWithAMessage() {
        CliRunner.Result r = new CliRunner(dir.resolve("home")).run("sample", "--out", dir.resolve("x").toString(),
                "--variant", "lerobot");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown variant 'lerobot'");
    }
}
