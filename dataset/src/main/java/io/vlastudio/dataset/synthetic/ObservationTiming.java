package io.vlastudio.dataset.synthetic;

/** Which observation is stored beside {@code actions[t]}. {@code states[t]} is always the state before it. */
public enum ObservationTiming {
    /**
     * The original LIBERO release: {@code obs[t]} (images, ee_*, gripper_states, joint_states, robot_states) is the
     * observation <i>after</i> {@code actions[t]} was executed. The default.
     */
    ORIGINAL_RELEASE,
    /**
     * The "no-noops" regeneration (OpenVLA recipe): {@code obs[t]} is the observation in which {@code actions[t]} is
     * taken, i.e. the same instant as {@code states[t]}.
     */
    NO_NOOPS
}
