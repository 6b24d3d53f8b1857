package io.vlastudio.store.curation;

/**
 * Counts what WorldVLA's data script makes of one demo: its action-model and world-model samples and their tokens.
 * The rules (prompts, which steps make samples, block lengths, the text tokenizer) belong to the tokenizer module
 * ({@code TokenSequenceBuilder}); the store cannot depend on it, so the composition root injects this counter into
 * {@code SqliteWorkspaces}, and the mix counts equal the lengths of the sequences the tokenizer preview builds.
 */
@FunctionalInterface
public interface SampleCounter {

    /** Samples and tokens of one demo. */
    record DemoSamples(long actionSamples, long actionTokens, long worldSamples, long worldTokens) {
    }

    /**
     * @param keptSteps steps the demo keeps after trim, exclusions and dropped no-ops
     * @param taskText  the task text of its action prompt ({@link MixCounter#taskText})
     * @param settings  history, chunk, resolution and which samples the mix makes
     */
    DemoSamples demo(int keptSteps, String taskText, MixSettings settings);
}
