package io.vlastudio.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an index run did.
 *
 * @param files     demonstration files found under the given paths
 * @param added     files new to the catalog
 * @param changed   files whose content changed and that were read again
 * @param unchanged files skipped because nothing changed
 * @param relinked  files found at a new path with the content of a missing one: their demos keep their reviews
 * @param missing   catalogued files not found at their path any more
 * @param failed    files that could not be read, with the reader's message
 * @param demos     demos in the files found (after the run)
 * @param steps     steps of those demos
 * @param cancelled whether the run stopped early; every file it reached is either fully indexed or untouched
 * @param warnings  problems in files read by this run that were indexed all the same: invalid demos, non-finite
 *                  actions, parts of the file's structure left unread (a hard-link cycle, groups nested too deep,
 *                  an attribute too large to read)
 */
public record IndexReport(int files, int added, int changed, int unchanged, List<Relink> relinked, List<Path> missing,
                          List<Failure> failed, long demos, long steps, boolean cancelled, Duration elapsed,
                          List<Failure> warnings) {

    public IndexReport {
        relinked = List.copyOf(relinked);
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
        warnings = List.copyOf(warnings);
    }

    public IndexReport(int files, int added, int changed, int unchanged, List<Relink> relinked, List<Path> missing,
                       List<Failure> failed, long demos, long steps, boolean cancelled, Duration elapsed) {
        this(files, added, changed, unchanged, relinked, missing, failed, demos, steps, cancelled, elapsed, List.of());
    }

    /** A file found at a new path. */
    public record Relink(Path from, Path to) {
    }

    /** A file that could not be read. */
    public record Failure(Path file, String kind, String message) {
    }
}
