package io.vlastudio.dataset.stats;

import io.vlastudio.dataset.DatasetProblem;

import java.util.List;

/**
 * What the studio knows about one demo's actions: length, per-dimension statistics, no-op steps, gripper
 * events, values outside [-1, 1], and every non-finite value (with its step), which is reported, never
 * silently dropped from view.
 */
public record DemoStatistics(String demo, int length, List<DimensionStatistics> dimensions, int[] noOpSteps,
                             List<GripperEvent> gripperEvents, int outOfRangeCount, List<DatasetProblem> nonFinite) {

    public DemoStatistics {
        dimensions = List.copyOf(dimensions);
        noOpSteps = noOpSteps.clone();
        gripperEvents = List.copyOf(gripperEvents);
        nonFinite = List.copyOf(nonFinite);
    }

    @Override
    public int[] noOpSteps() {
        return noOpSteps.clone();
    }

    public int noOpCount() {
        return noOpSteps.length;
    }
}
