package io.vlastudio.dataset.synthetic;

import java.util.Objects;

/**
 * Settings of a {@link SyntheticEpisodeGenerator}.
 *
 * @param observationTiming          which observation is stored beside each action
 * @param midDemoPauseProbability    probability that a demo contains one short operator pause (2-5 no-op steps)
 *                                   in the middle, 0..1
 * @param maxSteps                   hard cap on an episode's length (the scripted operator normally finishes in
 *                                   80-200 steps)
 */
public record GeneratorSettings(ObservationTiming observationTiming, double midDemoPauseProbability, int maxSteps) {

    /** Validates the settings. */
    public GeneratorSettings {
        Objects.requireNonNull(observationTiming, "observationTiming");
        if (!(midDemoPauseProbability >= 0 && midDemoPauseProbability <= 1)) {
            throw new IllegalArgumentException("midDemoPauseProbability must be in 0..1");
        }
        if (maxSteps < 50) {
            throw new IllegalArgumentException("maxSteps must be at least 50");
        }
    }

    /** Original-release timing, a 30 % chance of a mid-demo pause, at most 400 steps. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(ObservationTiming.ORIGINAL_RELEASE, 0.3, 400);
    }

    /** These settings with another observation timing. */
    public GeneratorSettings withObservationTiming(ObservationTiming timing) {
        return new GeneratorSettings(timing, midDemoPauseProbability, maxSteps);
    }

    /** These settings with another mid-demo pause probability. */
    public GeneratorSettings withMidDemoPauseProbability(double probability) {
        return new GeneratorSettings(observationTiming, probability, maxSteps);
    }
}
