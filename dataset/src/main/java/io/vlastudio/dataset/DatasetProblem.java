package io.vlastudio.dataset;

import java.nio.file.Path;

/**
 * Something wrong in a file that does not stop the rest of it from being used: an invalid demo, or a
 * non-finite value at a given step. Reported to the user, never silently dropped.
 *
 * @param demo the demo concerned, or {@code null} for the file as a whole
 * @param step the step concerned, or -1
 */
public record DatasetProblem(Path file, String demo, String hdf5Path, int step, String kind, String message) {

    public static DatasetProblem of(DatasetException e, String demo) {
        return new DatasetProblem(e.file(), demo, e.hdf5Path(), -1, e.kind(), e.getMessage());
    }

    public static DatasetProblem nonFinite(Path file, String demo, String hdf5Path, int step, int column, double value) {
        return new DatasetProblem(file, demo, hdf5Path, step, "non_finite",
                file + " at " + hdf5Path + ": step " + step + " column " + column + " is " + value
                        + " (expected a finite number)");
    }
}
