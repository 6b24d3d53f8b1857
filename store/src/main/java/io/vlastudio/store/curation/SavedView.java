package io.vlastudio.store.curation;

import java.time.Instant;

/** A named filter expression. */
public record SavedView(String name, String expression, Instant createdAt, Instant updatedAt) {
}
