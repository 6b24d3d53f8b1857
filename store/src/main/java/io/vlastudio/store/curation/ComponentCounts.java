package io.vlastudio.store.curation;

/**
 * What one component contributes.
 *
 * @param selected      demos its view or split part selects
 * @param demos         of those, demos used (not rejected, available, with kept steps)
 * @param rejected      rejected demos it selects (left out)
 * @param unavailable   demos whose file is missing or changed (left out)
 * @param actionSamples weighted action-model samples
 * @param worldSamples  weighted world-model samples
 */
public record ComponentCounts(String label, int selected, int demos, int rejected, int unavailable, long steps,
                              long actionSamples, long worldSamples, long tokens) {
}
