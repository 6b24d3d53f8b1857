package io.vlastudio.store;

import io.vlastudio.store.curation.SampleCounter;
import io.vlastudio.tokenizer.sequence.WorldVlaSampleCounter;

/** What the studio injects into mix counts: the tokenizer module's WorldVLA sample rules, text estimated. */
public final class TestCounting {

    private TestCounting() {
    }

    public static SampleCounter worldVla() {
        WorldVlaSampleCounter counter = new WorldVlaSampleCounter(null);
        return (steps, task, s) -> {
            WorldVlaSampleCounter.Counts c = counter.demo(steps, task, s.history(), s.chunk(), s.resolution(),
                    s.samples().action(), s.samples().world());
            return new SampleCounter.DemoSamples(c.actionSamples(), c.actionTokens(), c.worldSamples(), c.worldTokens());
        };
    }
}
