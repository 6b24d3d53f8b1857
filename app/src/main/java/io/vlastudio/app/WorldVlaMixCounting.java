package io.vlastudio.app;

import io.vlastudio.store.curation.MixSettings;
import io.vlastudio.store.curation.SampleCounter;
import io.vlastudio.tokenizer.sequence.WorldVlaSampleCounter;

/**
 * Wires the tokenizer module's WorldVLA sample rules into the store's mix counts (the store can not depend on the
 * tokenizer module): one owner for WorldVLA's prompts and token counts.
 */
final class WorldVlaMixCounting implements SampleCounter {

    private final WorldVlaSampleCounter counter;

    WorldVlaMixCounting(WorldVlaSampleCounter counter) {
        this.counter = counter;
    }

    @Override
    public DemoSamples demo(int keptSteps, String taskText, MixSettings s) {
        WorldVlaSampleCounter.Counts c = counter.demo(keptSteps, taskText, s.history(), s.chunk(), s.resolution(),
                s.samples().action(), s.samples().world());
        return new DemoSamples(c.actionSamples(), c.actionTokens(), c.worldSamples(), c.worldTokens());
    }
}
