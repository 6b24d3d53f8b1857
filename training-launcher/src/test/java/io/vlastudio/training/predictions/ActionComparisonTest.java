package io.vlastudio.training.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vlastudio.tokenizer.action.ActionBounds;
import io.vlastudio.tokenizer.action.UniformBinActionTokenizer;
import io.vlastudio.training.predictions.PredictionFixtures.OpenDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

class ActionComparisonTest {

    @TempDir
    Path dir;

    @Test
    void binAccuracyL1AndGripperDisagreementsAreTheHandComputedValues() throws Exception {
        int steps = 8;
        Path file = PredictionFixtures.demoFile(dir, "task", steps, 16);
        double[][] rec = new double[steps][];
        for (int t = 0; t < steps; t++) {
            rec[t] = PredictionFixtures.action(t, steps);
        }
        // chunk at 2: exact; three position deltas off by 0.1 (about 13 bins at WorldVLA's bounds); gripper flipped
        double[] k1 = rec[3].clone();
        k1[0] += 0.1;
        k1[1] += 0.1;
        k1[2] += 0.1;
        double[] k2 = rec[4].clone();
        k2[6] = -1; // recorded +1 (closed from step 4 of 8)
        ActionChunk a = new ActionChunk(2, new double[][] {rec[2].clone(), k1, k2});
        // chunk at 6: exact, its third position (step 8) is past the end and dropped
        ActionChunk b = new ActionChunk(6, new double[][] {rec[6].clone(), rec[7].clone(), rec[7].clone()});
        // chunk past the end: not compared
        ActionChunk c = new ActionChunk(9, new double[][] {rec[0].clone()});
        try (OpenDemo d = PredictionFixtures.open(file)) {
            Path p = PredictionFixtures.predictions(dir.resolve("p"), file, d.demo(), "run-a", "epoch1", "teacher-forced", 0,
                    PredictionFixtures.range(1, 3), t -> PredictionFixtures.real(d.demo(), t), List.of(a, b, c));
            PredictionSet set = PredictionSet.open(p);
            List<ChunkComparison> cmp = ActionComparison.compare(set, d.demo(),
                    new UniformBinActionTokenizer(ActionBounds.worldVla()));

            assertThat(cmp).extracting(ChunkComparison::start).containsExactly(2, 6);
            assertThat(cmp.get(1).positions()).isEqualTo(2);
            assertThat(cmp.get(0).recorded()[1]).containsExactly(rec[3]);
            assertThat(cmp.get(0).binMatch()[1]).containsExactly(false, false, false, true, true, true, true);
            assertThat(cmp.get(0).binMatch()[2]).containsExactly(true, true, true, true, true, true, false);

            // position 0: 14/14; position 1: (4 + 7)/14; position 2: 6/7 (only the first chunk reaches it)
            assertThat(ActionComparison.binAccuracyPerPosition(cmp)).containsExactly(new double[] {1.0, 11.0 / 14, 6.0 / 7},
                    within(1e-12));
            // L1 = mean |predicted - recorded| over chunks and dimensions: 0; (0.3/7 + 0)/2; 2/7
            assertThat(ActionComparison.l1PerPosition(cmp)).containsExactly(new double[] {0.0, 0.3 / 14, 2.0 / 7},
                    within(1e-9));
            assertThat(ActionComparison.gripperDisagreements(cmp)).containsExactly(4);
            assertThat(set.problems(d.demo())).containsExactly("actions.json: the chunk at step 9 is past the demo's last step 7");
        }
    }

    @Test
    void aNonFinitePredictionNeverMatchesAndDoesNotThrow() {
        double[][] rec = {{0, 0, 0, 0, 0, 0, -1}, {0, 0, 0, 0, 0, 0, -1}};
        ActionChunk c = new ActionChunk(0, new double[][] {{Double.NaN, 0, 0, 0, 0, 0, Double.NaN}});
        List<ChunkComparison> cmp = ActionComparison.compare(List.of(c), rec, new UniformBinActionTokenizer(ActionBounds.worldVla()));
        assertThat(cmp.get(0).binMatch()[0]).containsExactly(false, true, true, true, true, true, false);
        assertThat(ActionComparison.l1PerPosition(cmp)[0]).isInfinite();
        assertThat(ActionComparison.gripperDisagreements(cmp)).containsExactly(0);
        assertThat(ActionComparison.binAccuracyPerPosition(List.of())).isEmpty();
    }
}
