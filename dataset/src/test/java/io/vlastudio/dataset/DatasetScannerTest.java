package io.vlastudio.dataset;

import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetScannerTest {

    @TempDir
    static Path dir;
    private final DatasetScanner scanner = new DatasetScanner(new Hdf5DemoReader());

    @BeforeAll
    static void writeFixtures() throws Exception {
        PythonFixtures.writeH5pyFixtures(dir);
    }

    @Test
    void oneBadFileDoesNotStopTheOthersFromOpening() throws Exception {
        try (DatasetScanner.ScanResult result = scanner.open(List.of(dir))) {
            assertThat(result.files()).extracting(f -> dir.relativize(f.path()).toString()).containsExactly(
                    "bad/bad_action_shape.hdf5", "bad/length_mismatch.hdf5", "bad/nan_actions.hdf5",
                    "libero_10/KITCHEN_SCENE3_turn_on_the_stove_demo.hdf5", "libero_goal/open_the_drawer_demo.hdf5",
                    "libero_goal_no_noops/open_the_drawer_demo.hdf5", "robomimic/lift_gzip.hdf5");
            assertThat(result.errors()).extracting(DatasetException::kind)
                    .containsExactly("no_data_group", "no_demos", "not_hdf5", "truncated_file");
        }
    }

    @Test
    void inspectionReportsNonFiniteActionsWithDemoAndStep() throws Exception {
        FileInspector inspector = new FileInspector(new StatisticsCalculator(new NoOpDetector()));
        try (DemoFile file = new Hdf5DemoReader().open(dir.resolve("bad/nan_actions.hdf5"))) {
            FileInspection report = inspector.inspect(file);
            assertThat(report.problems()).extracting(p -> p.kind() + " " + p.demo() + " step " + p.step())
                    .containsExactly("non_finite demo_0 step 4", "non_finite demo_0 step 7");
            assertThat(report.statistics().nonFinite()).isEqualTo(2);
            assertThat(report.statistics().transitions()).isEqualTo(10);
        }
    }

    @Test
    void inspectionCountsNoOpsPerDemo() throws Exception {
        FileInspector inspector = new FileInspector(new StatisticsCalculator(new NoOpDetector()));
        try (DemoFile file = new Hdf5DemoReader().open(dir.resolve("libero_goal_no_noops/open_the_drawer_demo.hdf5"))) {
            FileInspection report = inspector.inspect(file);
            assertThat(report.demoList()).extracting(FileInspection.DemoEntry::name)
                    .containsExactly("demo_0", "demo_2", "demo_3", "demo_10", "demo_11");
            // the fixture's first two steps of every demo are no-ops
            assertThat(report.demoList()).allSatisfy(d -> assertThat(d.noOps()).isEqualTo(2));
            assertThat(report.statistics().transitions()).isEqualTo(9 + 10 + 11 + 12 + 13);
            assertThat(report.firstDemoShapes()).hasSize(12);
        }
    }
}
