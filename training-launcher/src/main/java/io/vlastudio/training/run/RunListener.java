package io.vlastudio.training.run;

/** Hears what supervised runs do; called on the supervising thread (hand over to a UI thread yourself, batched). */
public interface RunListener {

    /** A log line of a stage (raw, without its newline). */
    default void line(String run, String stage, String line) {
    }

    /** A parsed event of a stage's log. */
    default void event(String run, String stage, LogEvent event) {
    }

    /** The attempt's state changed (stage, status, progress). */
    default void state(String run, AttemptState state) {
    }
}
