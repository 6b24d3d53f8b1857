package io.vlastudio.store.runs;

import java.time.Instant;

/** A run configuration as saved: its name, the launcher's JSON, and when it was created and last changed. */
public record SavedRun(String name, String configJson, Instant createdAt, Instant updatedAt) {
}
