package io.vlastudio.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as the workspace stores them: UTC ISO-8601 with milliseconds. */
final class Times {

    private Times() {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String format(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static Instant parse(String s) {
        return Instant.parse(s);
    }

    static Instant parseOrNull(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
