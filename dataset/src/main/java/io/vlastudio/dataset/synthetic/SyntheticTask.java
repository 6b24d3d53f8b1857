package io.vlastudio.dataset.synthetic;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One pick-and-place task of the synthetic sample suite.
 *
 * <p>The {@code name} is a LIBERO-style file stem (the demo file is {@code name + "_demo.hdf5"}) and the instruction
 * is exactly the name with underscores replaced by spaces, so the no-noops rule "derive the instruction from the file
 * name" gives the same text as the {@code problem_info} attribute.
 *
 * @param name        LIBERO-style task name, lowercase words joined by {@code _}
 * @param instruction language instruction, lowercase, no trailing period
 * @param colorName   the object's colour word ("red")
 * @param objectColor the colour the object's top face is drawn in
 * @param shape       the object's shape
 * @param target      where the object must end up
 * @param objectX     nominal object start x, metres (world frame: +x toward the front camera, +y to its right)
 * @param objectY     nominal object start y, metres
 * @param targetX     nominal target centre x, metres
 * @param targetY     nominal target centre y, metres
 * @param stateDim    length S of a flattened simulator state ({@code states} is (T,S)), 45..123
 */
public record SyntheticTask(String name, String instruction, String colorName, Rgb objectColor, ObjectShape shape,
                            TargetKind target, double objectX, double objectY, double targetX, double targetY,
                            int stateDim) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");

    /** Lowest allowed {@link #stateDim()}. */
    public static final int MIN_STATE_DIM = 45;
    /** Highest allowed {@link #stateDim()}. */
    public static final int MAX_STATE_DIM = 123;

    /** Validates the task. */
    public SyntheticTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(colorName, "colorName");
        Objects.requireNonNull(objectColor, "objectColor");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(target, "target");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("task name must be lowercase words joined by '_': " + name);
        }
        if (!instruction.equals(name.replace('_', ' '))) {
            throw new IllegalArgumentException("instruction must be the name with spaces: " + instruction);
        }
        if (stateDim < MIN_STATE_DIM || stateDim > MAX_STATE_DIM) {
            throw new IllegalArgumentException("stateDim out of 45..123: " + stateDim);
        }
        if (Math.hypot(targetX - objectX, targetY - objectY) < 0.3) {
            throw new IllegalArgumentException("object and target must be at least 0.3 m apart");
        }
    }

    /** The object's description as used in instructions, e.g. "red cube". */
    public String objectName() {
        return colorName + " " + shape.word();
    }

    /** The original-release file name of this task, {@code name + "_demo.hdf5"}. */
    public String fileName() {
        return name + "_demo.hdf5";
    }

    /**
     * The fixed catalogue of synthetic tasks, always in the same order.
     *
     * @return eight tasks with distinct names, objects, targets and layouts
     */
    public static List<SyntheticTask> catalogue() {
        return List.of(
                of("pick up the red cube and place it in the basket", "red", new Rgb(205, 40, 38), ObjectShape.CUBE,
                        TargetKind.BASKET, 0.06, -0.14, -0.16, 0.15, 79),
                of("put the blue cylinder on the plate", "blue", new Rgb(40, 80, 210), ObjectShape.CYLINDER,
                        TargetKind.PLATE, -0.17, 0.13, 0.08, -0.12, 58),
                of("move the green cube onto the tray", "green", new Rgb(40, 165, 65), ObjectShape.CUBE,
                        TargetKind.TRAY, 0.09, 0.16, -0.15, -0.10, 45),
                of("place the yellow cylinder in the basket", "yellow", new Rgb(235, 205, 30), ObjectShape.CYLINDER,
                        TargetKind.BASKET, -0.14, -0.17, 0.09, 0.12, 92),
                of("put the orange cube in the marked zone", "orange", new Rgb(240, 125, 25), ObjectShape.CUBE,
                        TargetKind.MARKED_ZONE, -0.16, 0.05, 0.10, -0.17, 66),
                of("pick up the purple cylinder and put it on the tray", "purple", new Rgb(135, 55, 170),
                        ObjectShape.CYLINDER, TargetKind.TRAY, 0.08, -0.12, -0.18, 0.17, 110),
                of("pick up the blue cube and place it on the plate", "blue", new Rgb(35, 95, 200), ObjectShape.CUBE,
                        TargetKind.PLATE, 0.10, 0.18, -0.14, -0.06, 123),
                of("move the green cylinder to the marked zone", "green", new Rgb(30, 150, 90),
                        ObjectShape.CYLINDER, TargetKind.MARKED_ZONE, -0.18, -0.15, 0.07, 0.13, 87));
    }

    private static SyntheticTask of(String instruction, String colorName, Rgb color, ObjectShape shape,
                                    TargetKind target, double ox, double oy, double tx, double ty, int stateDim) {
        return new SyntheticTask(instruction.replace(' ', '_'), instruction, colorName, color, shape, target,
                ox, oy, tx, ty, stateDim);
    }
}
