package io.vlastudio.dataset.stats;

/** The gripper command changed at {@code step}: closed (to +1) or opened (to -1). */
public record GripperEvent(int step, Kind kind) {

    public enum Kind { CLOSE, OPEN }
}
