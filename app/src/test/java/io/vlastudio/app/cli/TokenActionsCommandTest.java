package io.vlastudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.tokenizer.testing.PythonScripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenActionsCommandTest {

    @TempDir
    static Path dir;
    private static CliRunner cli;
    private static Path synthetic;

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir.resolve("data"));
        List<Path> files = new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(dir.resolve("libero_synthetic"),
                SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(1).withDemosPerTask(3).withImageSize(32),
                Progress.NONE, () -> false);
        synthetic = files.get(0);
        cli = new CliRunner(dir.resolve("home"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"worldvla", "minmax", "q01q99"})
    void printsExactlyTheTokensAndDecodedActionsWorldVlasNumPyCodeComputes(String bounds) throws Exception {
        CliRunner.Result r = cli.run("tokens", "actions", synthetic.toString(), "--demo", "demo_1", "--bounds", bounds, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode actual = mapper.readTree(r.out());
        JsonNode expected = mapper.readTree(PythonScripts.run("worldvla_action_tokens_h5.py", "", synthetic.toString(), "demo_1", bounds));
        assertThat(actual.get("tokens").size()).isGreaterThan(10);
        // doubles are compared as parsed doubles: equal JSON trees means equal to the bit
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void refusesANanNamingDemoAndStep() {
        CliRunner.Result r = cli.run("tokens", "actions", dir.resolve("data/bad/nan_actions.hdf5").toString(), "--demo", "demo_0", "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("nan_actions.hdf5 demo_0 step 4", "dimension 2 is NaN");
    }

    @Test
    void reportsStatisticsAndTheSnippetForWorldVla() {
        CliRunner.Result r = cli.run("tokens", "actions", dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5").toString(),
                "--demo", "demo_3", "--bounds", "minmax");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("bounds: Min / max of the data over 12 demos", "gripper sign flips",
                "min_values = np.array([-0.5, -0.5, -0.5, -0.5, -0.5, -0.5, -1.0])", "unnorm_action_min_max");
    }

    @Test
    void namesTheDemosWhenAskedForOneThatDoesNotExist() {
        CliRunner.Result r = cli.run("tokens", "actions", dir.resolve("data/libero_goal/open_the_drawer_demo.hdf5").toString(),
                "--demo", "demo_99");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("demo_99", "demo_0, demo_1");
    }
}
