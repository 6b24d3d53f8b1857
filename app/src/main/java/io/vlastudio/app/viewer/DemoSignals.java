package io.vlastudio.app.viewer;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.stats.GripperEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-step signals the viewer plots for one demo, read once in the background when the demo opens: the
 * 7 action dimensions, gripper finger positions, end-effector position and joint angles (whichever the file
 * has), with the no-op steps and gripper events.
 */
public record DemoSignals(int length, List<Signal> signals, int[] noOpSteps, List<GripperEvent> gripperEvents) {

    /** One plotted quantity: {@code values[t][d]} for its named dimensions. */
    public record Signal(String title, String key, List<String> dimensions, double[][] values) {
    }

    static final List<String> ACTION_DIMS = List.of("dx", "dy", "dz", "drx", "dry", "drz", "grip");

    /** Reads what the demo has; a missing optional signal is simply not plotted. */
    public static DemoSignals read(Demo demo, NoOpDetector noOps) throws DatasetException {
        double[][] actions = demo.actions();
        List<Signal> signals = new ArrayList<>();
        signals.add(new Signal("Actions", "actions", ACTION_DIMS, actions));
        List<String> keys = demo.lowDimKeys();
        if (keys.contains("obs/gripper_states")) {
            signals.add(new Signal("Gripper", "obs/gripper_states", List.of("left", "right"),
                    demo.lowDim("obs/gripper_states")));
        }
        if (keys.contains("obs/ee_pos")) {
            signals.add(new Signal("End-effector position", "obs/ee_pos", List.of("x", "y", "z"), demo.lowDim("obs/ee_pos")));
        } else if (keys.contains("robot_states")) {
            double[][] rs = demo.lowDim("robot_states");
            double[][] pos = new double[rs.length][];
            for (int t = 0; t < rs.length; t++) {
                pos[t] = rs[t].length >= 5 ? new double[] {rs[t][2], rs[t][3], rs[t][4]} : new double[3];
            }
            signals.add(new Signal("End-effector position", "robot_states[2:5]", List.of("x", "y", "z"), pos));
        }
        if (keys.contains("obs/joint_states")) {
            double[][] joints = demo.lowDim("obs/joint_states");
            List<String> names = new ArrayList<>();
            for (int j = 0; j < (joints.length == 0 ? 7 : joints[0].length); j++) {
                names.add("q" + (j + 1));
            }
            signals.add(new Signal("Joint states", "obs/joint_states", names, joints));
        }
        return new DemoSignals(actions.length, List.copyOf(signals), noOps.positions(actions),
                StatisticsCalculator.gripperEvents(actions));
    }
}
