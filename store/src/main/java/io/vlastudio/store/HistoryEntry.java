package io.vlastudio.store;

/** What one action did to one demo: who, when, and the review before and after. */
public record HistoryEntry(HistoryAction action, Review before, Review after) {
}
