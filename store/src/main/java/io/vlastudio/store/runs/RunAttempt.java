package io.vlastudio.store.runs;

import java.time.Instant;

/** One start (or resume) of a run: status, times and the launcher's provenance record (JSON). */
public record RunAttempt(long id, String run, Instant startedAt, Instant endedAt, String status, String recordJson) {
}
