package io.vlastudio.store.curation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SplitRuleTest {

    private static List<SplitRule.Candidate> tasks(int tasks, int demos) {
        List<SplitRule.Candidate> out = new ArrayList<>();
        long id = 0;
        for (int t = 0; t < tasks; t++) {
            for (int d = 0; d < demos; d++) {
                out.add(new SplitRule.Candidate(id++, "libero_goal", "task_" + (char) ('a' + t), "demo_" + d, d));
            }
        }
        return out;
    }

    @Test
    void worldVlaModeSortsTrajectoriesAsStrings() {
        // 12 trajectories: string order trj_0, trj_1, trj_10, trj_11, trj_2, ..., trj_9; ceil(0.9 * 12) = 11 are train,
        // so the one left for val_ind is trj_9, not trj_11
        List<SplitRule.Candidate> demos = tasks(1, 12);
        Map<Long, SplitPart> parts = SplitRule.assign(demos, SplitSpec.worldVla());
        for (SplitRule.Candidate c : demos) {
            assertThat(parts.get(c.id())).as(c.demo()).isEqualTo(c.position() == 9 ? SplitPart.VAL_IND : SplitPart.TRAIN);
        }
    }

    @Test
    void worldVlaModeHoldsOutTheTasksAfterTheFirstNinetyPercentByName() {
        // 11 tasks: ceil(0.9 * 11) = ceil(9.9) = 10 in distribution; the last by name is val_ood
        List<SplitRule.Candidate> demos = new ArrayList<>(tasks(11, 50));
        Collections.shuffle(demos, new Random(3));
        Map<Long, SplitPart> parts = SplitRule.assign(demos, SplitSpec.worldVla());
        for (SplitRule.Candidate c : demos) {
            if (c.task().equals("task_k")) {
                assertThat(parts.get(c.id())).isEqualTo(SplitPart.VAL_OOD);
            } else {
                // ceil(0.9 * 50) = 45 train: string order trj_0..trj_49 puts trj_5..trj_9 (and trj_6.. etc) last
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    names.add("trj_" + i);
                }
                Collections.sort(names);
                boolean train = names.indexOf("trj_" + c.position()) < 45;
                assertThat(parts.get(c.id())).isEqualTo(train ? SplitPart.TRAIN : SplitPart.VAL_IND);
            }
        }
        assertThat(parts.values().stream().filter(p -> p == SplitPart.VAL_IND).count()).isEqualTo(10 * 5);
        // binary64 as in Python: math.ceil(0.9 * 10) == 9, math.ceil(0.9 * 50) == 45
        assertThat(SplitRule.ceil(0.9, 10)).isEqualTo(9);
        assertThat(SplitRule.ceil(0.9, 50)).isEqualTo(45);
        assertThat(SplitRule.ceil(0.9, 11)).isEqualTo(10);
    }

    @Test
    void stratifiedSplitsAreSeededPerTaskAndIgnoreInputOrderAndIds() {
        List<SplitRule.Candidate> demos = tasks(3, 20);
        SplitSpec spec = SplitSpec.stratified(7).withHeldOut(List.of("task_c"));
        Map<Long, SplitPart> a = SplitRule.assign(demos, spec);
        List<SplitRule.Candidate> shuffled = new ArrayList<>();
        for (SplitRule.Candidate c : demos) {
            shuffled.add(new SplitRule.Candidate(c.id() + 1000, c.suite(), c.task(), c.demo(), c.position()));
        }
        Collections.shuffle(shuffled, new Random(1));
        Map<Long, SplitPart> b = SplitRule.assign(shuffled, spec);
        for (SplitRule.Candidate c : demos) {
            assertThat(b.get(c.id() + 1000)).isEqualTo(a.get(c.id()));
        }
        for (String task : List.of("task_a", "task_b")) {
            assertThat(demos.stream().filter(c -> c.task().equals(task) && a.get(c.id()) == SplitPart.TRAIN)).hasSize(18);
        }
        assertThat(demos.stream().filter(c -> c.task().equals("task_c")).map(c -> a.get(c.id()))).containsOnly(SplitPart.VAL_OOD);
        Map<Long, SplitPart> other = SplitRule.assign(demos, SplitSpec.stratified(8).withHeldOut(List.of("task_c")));
        assertThat(other).isNotEqualTo(a);
    }
}
