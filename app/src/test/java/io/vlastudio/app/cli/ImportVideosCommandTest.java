package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.training.predictions.EvalVideoFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vla-studio predictions import-videos} end to end on MP4s written by ffmpeg. */
class ImportVideosCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsRatesPerTaskAndCheckpointNamesBadFilesAndRecordsTheImport() throws Exception {
        Path good = EvalVideoFixtures.encode(dir.resolve("src.mp4"), "testsrc", 1);
        Path evals = dir.resolve("evals");
        String d = "2025_06_23-12_00_00";
        Files.createDirectories(evals.resolve("epoch2"));
        Files.copy(good, evals.resolve("epoch2/" + d + "--episode=0--success=True--task=put_the_bowl_on_the_plate.mp4"));
        Files.copy(good, evals.resolve("epoch2/" + d + "--episode=1--success=False--task=put_the_bowl_on_the_plate.mp4"));
        Path corrupt = EvalVideoFixtures.cutHead(good, evals.resolve("epoch2/" + d + "--episode=2--success=True--task=put_the_bowl_on_the_plate.mp4"), 1024);
        Path misnamed = Files.copy(good, evals.resolve("epoch2/final.mp4"));
        Path ws = dir.resolve("ws");

        CliRunner cli = new CliRunner(dir.resolve("home"));
        CliRunner.Result r = cli.run("predictions", "import-videos", evals.toString(), "--json", "--workspace", ws.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("tasks")).hasSize(1);
        JsonNode task = json.path("tasks").get(0);
        assertThat(task.path("task").asText()).isEqualTo("put the bowl on the plate");
        assertThat(task.path("checkpoint").asText()).isEqualTo("epoch2");
        assertThat(task.path("episodes").asInt()).isEqualTo(3);
        assertThat(task.path("successes").asInt()).isEqualTo(2);
        assertThat(task.path("rate").asDouble()).isEqualTo(2.0 / 3);
        assertThat(json.path("problems")).hasSize(2);
        assertThat(json.path("problems").get(0).asText()).startsWith(corrupt + ": not an MP4");
        assertThat(json.path("problems").get(1).asText()).startsWith(misnamed + ": name has no --task=");
        Path index = ws.resolve("predictions/videos/index.json");
        assertThat(json.path("recorded").asText()).isEqualTo(index.toString());
        assertThat(new ObjectMapper().readTree(index.toFile()).path("imports").get(0).path("root").asText())
                .isEqualTo(evals.toAbsolutePath().toString());

        CliRunner.Result table = cli.run("predictions", "import-videos", evals.toString(), "--workspace", ws.toString());
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("put the bowl on the plate").contains("66.7%").contains("Problems (2):")
                .contains(corrupt.toString());
    }

    @Test
    void aMissingFolderIsAClearErrorAndExitOne() {
        CliRunner.Result r = new CliRunner(dir.resolve("home")).run("predictions", "import-videos",
                dir.resolve("nowhere").toString(), "--workspace", dir.resolve("ws").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nowhere").contains("no such folder");
    }
}
