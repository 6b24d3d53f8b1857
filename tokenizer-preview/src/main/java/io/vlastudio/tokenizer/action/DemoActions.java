package io.vlastudio.tokenizer.action;

import java.util.Objects;

/**
 * The {@code (T, D)} actions of one demo, with the name errors are reported under.
 *
 * @param demo    how a user finds the demo again, e.g. {@code open_the_drawer_demo.hdf5 demo_3}
 * @param actions one row per step
 */
public record DemoActions(String demo, double[][] actions) {

    public DemoActions {
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(actions, "actions");
    }

    public int steps() {
        return actions.length;
    }
}
