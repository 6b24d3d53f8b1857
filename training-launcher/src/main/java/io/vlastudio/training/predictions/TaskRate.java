package io.vlastudio.training.predictions;

/** Closed-loop success rate of one task at one checkpoint, counted from evaluation video names. */
public record TaskRate(String task, String checkpoint, int episodes, int successes) {

    /** successes / episodes, in [0, 1]; 0 without episodes. */
    public double rate() {
        return episodes == 0 ? 0 : (double) successes / episodes;
    }
}
