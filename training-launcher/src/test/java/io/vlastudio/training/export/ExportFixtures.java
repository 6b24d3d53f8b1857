package io.vlastudio.training.export;

import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.testing.PythonFixtures;
import io.vlastudio.store.SqliteWorkspaces;
import io.vlastudio.store.Workspace;
import io.vlastudio.store.WorkspaceOptions;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** h5py-written suites, indexed workspaces and the Python re-implementation of WorldVLA's scripts, for export tests. */
public final class ExportFixtures {

    /**
     * Eleven tasks (so val_ood holds one): two with scene prefixes (sorted before lowercase names), a 12-demo task
     * with demo-number gaps, a 50-demo task, one demo too short for an action chunk. 256x256 frames.
     */
    static final String SUITE_SPEC = """
            {"size": 256, "tasks": [
             {"name": "KITCHEN_SCENE3_turn_on_the_stove", "demos": [0,1,2,3,5,6,8,9,10,11,12,13], "length": 6},
             {"name": "LIVING_ROOM_SCENE1_pick_up_the_book", "demos": [0,1,2], "length": 7},
             {"name": "open_the_drawer", "demos": %s, "length": 5},
             {"name": "pick_up_the_bowl", "demos": [0,2], "length": 6, "lengths": {"2": 3}},
             {"name": "push_the_plate", "demos": [0,1], "length": 6},
             {"name": "put_the_cream_cheese", "demos": [0,1], "length": 6},
             {"name": "stack_the_bowls", "demos": [1,3], "length": 6},
             {"name": "turn_off_the_stove", "demos": [0,1], "length": 6},
             {"name": "put_the_wine_bottle", "demos": [0,1], "length": 6},
             {"name": "open_the_top_drawer", "demos": [0,1], "length": 6},
             {"name": "zip_the_bag", "demos": [0,1], "length": 6}
            ]}""".formatted(range(50));

    private ExportFixtures() {
    }

    static String range(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(String.valueOf(i));
        }
        return "[" + String.join(",", s) + "]";
    }

    /** Writes a suite with h5py into {@code dir/<suite>}. */
    static Path suite(Path dir, String suite, String spec) throws IOException, InterruptedException {
        Path out = dir.resolve(suite);
        runScript("worldvla/make_fixture.py", out.toString(), spec);
        return out;
    }

    static SqliteWorkspaces workspaces() {
        return new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()), Clock.systemUTC(),
                "tester", WorkspaceOptions.defaults(), counting());
    }

    /** The tokenizer module's WorldVLA sample rules for mix counts, as the studio's composition root injects them. */
    public static io.vlastudio.store.curation.SampleCounter counting() {
        io.vlastudio.tokenizer.sequence.WorldVlaSampleCounter counter = new io.vlastudio.tokenizer.sequence.WorldVlaSampleCounter(null);
        return (steps, task, s) -> {
            io.vlastudio.tokenizer.sequence.WorldVlaSampleCounter.Counts c = counter.demo(steps, task, s.history(), s.chunk(),
                    s.resolution(), s.samples().action(), s.samples().world());
            return new io.vlastudio.store.curation.SampleCounter.DemoSamples(c.actionSamples(), c.actionTokens(),
                    c.worldSamples(), c.worldTokens());
        };
    }

    static Workspace indexed(Path wsDir, Path... suites) throws Exception {
        Workspace ws = workspaces().open(wsDir);
        ws.index(List.of(suites), Progress.NONE, () -> false);
        return ws;
    }

    /** A mix of every non-rejected demo. */
    static Manifest all(Workspace ws) throws Exception {
        ws.curation().saveView("all", "verdict != rejected");
        return ws.curation().manifest(new Mix("all", List.of(MixComponent.view("all", 1)), MixSettings.defaults()), "test");
    }

    /** Runs the Python re-implementation of WorldVLA's scripts ({@code worldvla_reference.py}). */
    static String reference(String... args) throws IOException, InterruptedException {
        return runScript("worldvla/worldvla_reference.py", args);
    }

    static String runScript(String resource, String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("vlastudio-", ".py");
        try (InputStream in = ExportFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(PythonFixtures.PYTHON.toString(), script.toString()));
            cmd.addAll(List.of(args));
            return PythonFixtures.run(cmd);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
