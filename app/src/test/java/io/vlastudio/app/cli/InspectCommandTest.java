package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InspectCommandTest {

    @TempDir
    static Path dir;
    private static CliRunner cli;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
        cli = new CliRunner(dir.resolve("home"));
    }

    @Test
    void printsOneJsonObjectPerFileWithTheGetDatasetInfoFacts() throws Exception {
        CliRunner.Result r = cli.run("inspect", dir.resolve("data/libero_goal").toString(),
                dir.resolve("data/libero_goal_no_noops").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode files = new ObjectMapper().readTree(r.out());
        assertThat(files.size()).isEqualTo(2);

        JsonNode original = files.get(0);
        assertThat(original.get("variant").asText()).isEqualTo("original");
        assertThat(original.get("suite").asText()).isEqualTo("libero_goal");
        assertThat(original.get("task").asText()).isEqualTo("open_the_drawer");
        assertThat(original.get("language").asText()).isEqualTo("open the middle drawer of the cabinet");
        assertThat(original.get("demos").asInt()).isEqualTo(12);
        assertThat(original.get("transitions").asInt()).isEqualTo(12 * 10 + 66);
        assertThat(original.get("length").get("min").asInt()).isEqualTo(10);
        assertThat(original.get("length").get("max").asInt()).isEqualTo(21);
        assertThat(original.get("length").get("mean").asDouble()).isEqualTo(15.5);
        assertThat(original.get("action").get("min").size()).isEqualTo(7);
        assertThat(original.get("action").get("max").get(6).asDouble()).isEqualTo(1.0);
        assertThat(original.get("noops").asInt()).isEqualTo(24);
        assertThat(original.get("cameras")).extracting(JsonNode::asText).containsExactly("agentview", "eye_in_hand");
        assertThat(original.get("image_shape")).extracting(JsonNode::asInt).containsExactly(16, 16, 3);
        assertThat(original.get("filter_keys").size()).isZero();
        assertThat(original.get("env_args").get("env_kwargs").get("controller_configs").get("type").asText()).isEqualTo("OSC_POSE");
        assertThat(original.get("datasets").get("obs/agentview_rgb").get("dtype").asText()).isEqualTo("uint8");
        List<String> names = new ArrayList<>();
        original.get("demo_list").forEach(d -> names.add(d.get("name").asText()));
        assertThat(names).containsExactly("demo_0", "demo_1", "demo_2", "demo_3", "demo_4", "demo_5", "demo_6", "demo_7",
                "demo_8", "demo_9", "demo_10", "demo_11");
        assertThat(original.get("demo_list").get(10).get("length").asInt()).isEqualTo(20);
        assertThat(original.get("demo_list").get(10).get("noops").asInt()).isEqualTo(2);

        JsonNode noNoops = files.get(1);
        assertThat(noNoops.get("variant").asText()).isEqualTo("no_noops");
        assertThat(noNoops.get("language").asText()).isEqualTo("open the drawer");
        assertThat(noNoops.get("env_args").isNull()).isTrue();
        List<String> gaps = new ArrayList<>();
        noNoops.get("demo_list").forEach(d -> gaps.add(d.get("name").asText()));
        assertThat(gaps).containsExactly("demo_0", "demo_2", "demo_3", "demo_10", "demo_11");
    }

    @Test
    void reportsUnreadableFilesOnStderrAndTheOthersOnStdout() throws Exception {
        CliRunner.Result r = cli.run("inspect", dir.resolve("data/bad").toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not_hdf5.hdf5: expected an HDF5 file", "truncated.hdf5: expected at least",
                "no_data_group.hdf5 at /data", "no_demos.hdf5 at /data",
                "nan_actions.hdf5 at /data/demo_0/actions: step 4 column 2 is NaN");
        JsonNode files = new ObjectMapper().readTree(r.out());
        assertThat(files.size()).isEqualTo(3);
        JsonNode nan = files.get(2);
        assertThat(nan.get("path").asText()).endsWith("nan_actions.hdf5");
        assertThat(nan.get("problems").get(0).get("step").asInt()).isEqualTo(4);
    }

    @Test
    void inspectsTheRealRobosuiteFileWithoutCrashing() throws Exception {
        Path wipe = PythonFixtures.robosuiteWipeFixture(dir.resolve("wipe"));
        CliRunner.Result r = cli.run("inspect", wipe.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("variant: robomimic", "total transitions: 0", "total trajectories: 1 (0 valid)",
                "actions                  float64  (174, 6)");
        assertThat(r.err()).contains("/data/demo_1/actions: expected actions of shape (T,7)");
    }

    @Test
    void printsHumanReadableFactsWithoutJson() {
        CliRunner.Result r = cli.run("inspect", dir.resolve("data/robomimic").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("variant: robomimic", "total trajectories: 2", "filter keys: train (1), valid (1)",
                "traj length min: 12", "traj length max: 18",
                "==== suite robomimic: 1 file, 2 demos, 30 transitions, length 15.0 ± 3.0 (12..18), 4 no-op steps ====");
    }
}
