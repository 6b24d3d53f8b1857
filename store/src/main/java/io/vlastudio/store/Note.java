package io.vlastudio.store;

import java.time.Instant;
import java.util.Objects;

/** A free-text note on a demo, with who wrote it and when. */
public record Note(String text, String author, Instant at) {

    public Note {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
    }
}
