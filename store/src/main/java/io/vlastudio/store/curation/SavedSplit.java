package io.vlastudio.store.curation;

import java.time.Instant;
import java.util.Map;

/**
 * A stored split: its rule, the view it split ({@code null}: every demo), and how many demos each part holds.
 */
public record SavedSplit(String name, SplitSpec spec, String source, Map<SplitPart, Integer> sizes, Instant createdAt) {
}
