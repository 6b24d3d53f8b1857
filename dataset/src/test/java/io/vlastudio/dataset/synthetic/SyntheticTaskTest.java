package io.vlastudio.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticTaskTest {

    @Test
    void catalogueHasAtLeastSixDistinctTasksInAFixedOrder() {
        List<SyntheticTask> tasks = SyntheticTask.catalogue();

        assertThat(tasks).hasSizeGreaterThanOrEqualTo(6);
        assertThat(SyntheticTask.catalogue()).isEqualTo(tasks);
        assertThat(tasks.stream().map(SyntheticTask::name).distinct()).hasSize(tasks.size());
        assertThat(tasks.stream().map(SyntheticTask::instruction).distinct()).hasSize(tasks.size());
        assertThat(tasks.stream().map(t -> t.objectName() + "->" + t.target()).distinct()).hasSize(tasks.size());
        assertThat(tasks.stream().map(SyntheticTask::target).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(TargetKind.values());
        assertThat(tasks.stream().map(SyntheticTask::shape).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ObjectShape.values());
    }

    @Test
    void namesAndInstructionsFollowLiberoConventions() {
        for (SyntheticTask task : SyntheticTask.catalogue()) {
            assertThat(task.name()).matches("[a-z0-9_]+").doesNotContain("SCENE");
            assertThat(task.instruction()).isEqualTo(task.name().replace('_', ' '))
                    .isEqualTo(task.instruction().toLowerCase()).doesNotEndWith(".");
            assertThat(task.instruction()).contains(task.objectName()).contains(task.target().noun());
            assertThat(task.fileName()).isEqualTo(task.name() + "_demo.hdf5");
            assertThat(task.stateDim()).isBetween(45, 123);
        }
        assertThat(SyntheticTask.catalogue().stream().map(SyntheticTask::stateDim).distinct().count())
                .isGreaterThan(3);
    }

    @Test
    void rejectsAnInstructionThatDoesNotMatchTheName() {
        SyntheticTask t = SyntheticTask.catalogue().get(0);
        assertThatThrownBy(() -> new SyntheticTask(t.name(), "Pick up the red cube.", t.colorName(), t.objectColor(),
                t.shape(), t.target(), t.objectX(), t.objectY(), t.targetX(), t.targetY(), t.stateDim()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
