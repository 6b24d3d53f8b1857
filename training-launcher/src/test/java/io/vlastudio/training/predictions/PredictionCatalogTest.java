package io.vlastudio.training.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlastudio.training.predictions.PredictionFixtures.OpenDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class PredictionCatalogTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryPredictionsFolderOfAWorkspaceAndNamesTheUnreadableOnes() throws Exception {
        Path ws = dir.resolve("ws");
        Path fileA = PredictionFixtures.demoFile(dir, "open_the_drawer", 5, 16);
        Path fileB = PredictionFixtures.demoFile(dir, "close_the_drawer", 5, 16);
        PredictionCatalog catalog = new PredictionCatalog(ws);
        assertThat(catalog.all()).isEmpty();
        try (OpenDemo a = PredictionFixtures.open(fileA); OpenDemo b = PredictionFixtures.open(fileB)) {
            for (String[] rc : new String[][] {{"run-a", "epoch1", "teacher-forced"}, {"run-a", "epoch2", "open-loop"}}) {
                PredictionFixtures.predictions(PredictionsFolder.workspaceFolder(ws, rc[0], rc[1], rc[2], fileA, "demo_0"),
                        fileA, a.demo(), rc[0], rc[1], rc[2], 0, PredictionFixtures.range(1, 5),
                        t -> PredictionFixtures.real(a.demo(), t), List.of());
            }
            PredictionFixtures.predictions(PredictionsFolder.workspaceFolder(ws, "run-b", "epoch1", "open-loop", fileB, "demo_0"),
                    fileB, b.demo(), "run-b", "epoch1", "open-loop", 0, PredictionFixtures.range(1, 5),
                    t -> PredictionFixtures.real(b.demo(), t), List.of());
        }
        Path broken = Files.createDirectories(ws.resolve("predictions/run-c/epoch1/open-loop/x_demo#demo_0"));
        Files.writeString(broken.resolve("meta.json"), "[]");

        List<PredictionSet> all = catalog.all();
        assertThat(all).extracting(PredictionSet::label).containsExactly(
                "run-a · epoch1 · teacher-forced", "run-a · epoch2 · open-loop", "run-b · epoch1 · open-loop");
        assertThat(catalog.problems()).singleElement().asString()
                .startsWith(Path.of("run-c/epoch1/open-loop/x_demo#demo_0") + ": skipped")
                .contains("meta.json: expected a JSON object");
        assertThat(catalog.forDemo(fileA, "demo_0")).extracting(s -> s.meta().checkpoint()).containsExactly("epoch1", "epoch2");
        // the same file named through another path
        assertThat(catalog.forDemo(dir.resolve("x/../close_the_drawer_demo.hdf5"), "demo_0")).hasSize(1);
        assertThat(catalog.forDemo(fileA, "demo_1")).isEmpty();
    }
}
