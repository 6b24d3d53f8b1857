package io.vlastudio.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A demonstration file in the catalog.
 *
 * @param fingerprint   content fingerprint (size and the first and last 64 KiB), used to find moved files
 * @param variant       {@code original}, {@code no_noops} or {@code robomimic}; {@code null} if it never opened
 * @param errorKind     why it failed to open ({@code not_hdf5}, {@code truncated_file}, ...), or {@code null}
 * @param errorMessage  the reader's message naming the file and the problem, or {@code null}
 * @param missingSince  when an index found it gone, or {@code null}
 */
public record SourceFile(long id, Path path, long sizeBytes, Instant modified, String fingerprint, Status status,
                         String variant, String suite, String task, String language, int demos, long steps,
                         String errorKind, String errorMessage, Instant indexedAt, Instant missingSince) {

    /** Whether a file could be read at its last index. */
    public enum Status {
        /** Read and catalogued. */
        OK,
        /** Could not be opened; {@code errorMessage} says why. Its demos (if it had any before) keep their reviews. */
        FAILED,
        /** Not found at its path any more; re-linked automatically when it turns up elsewhere with the same content. */
        MISSING;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
