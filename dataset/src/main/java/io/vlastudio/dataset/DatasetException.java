package io.vlastudio.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A demonstration file could not be read as the studio expects. Every instance names the file, the HDF5 path
 * inside it (or {@code /} for the file as a whole), what was expected and what was found, so the message can
 * be shown to a user as is.
 */
public class DatasetException extends IOException {

    private final Path file;
    private final String hdf5Path;
    private final String expected;
    private final String found;

    public DatasetException(Path file, String hdf5Path, String expected, String found) {
        this(file, hdf5Path, expected, found, null);
    }

    public DatasetException(Path file, String hdf5Path, String expected, String found, Throwable cause) {
        super(message(file, hdf5Path, expected, found), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.hdf5Path = hdf5Path == null ? "/" : hdf5Path;
        this.expected = expected;
        this.found = found;
    }

    private static String message(Path file, String hdf5Path, String expected, String found) {
        String where = hdf5Path == null || hdf5Path.equals("/") ? "" : " at " + hdf5Path;
        return file + where + ": expected " + expected + ", found " + found;
    }

    public Path file() {
        return file;
    }

    public String hdf5Path() {
        return hdf5Path;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }

    /** A short kind for listings and JSON, e.g. {@code truncated_file}. */
    public String kind() {
        return "unreadable";
    }

    /** The file does not start with the HDF5 signature. */
    public static final class NotHdf5Exception extends DatasetException {
        public NotHdf5Exception(Path file, String found) {
            super(file, "/", "an HDF5 file (signature \\x89HDF\\r\\n\\x1a\\n)", found);
        }

        @Override
        public String kind() {
            return "not_hdf5";
        }
    }

    /** The file is shorter than its superblock or one of its datasets says. */
    public static final class TruncatedFileException extends DatasetException {
        public TruncatedFileException(Path file, String hdf5Path, long expectedBytes, long actualBytes) {
            super(file, hdf5Path, "at least " + expectedBytes + " bytes", actualBytes + " bytes (the file is truncated)");
        }

        @Override
        public String kind() {
            return "truncated_file";
        }
    }

    /** There is no {@code data} group, so this is not a LIBERO/robomimic demonstration file. */
    public static final class MissingDataGroupException extends DatasetException {
        public MissingDataGroupException(Path file, String found) {
            super(file, "/data", "a group named 'data' holding demo_N groups", found);
        }

        @Override
        public String kind() {
            return "no_data_group";
        }
    }

    /** The {@code data} group holds no {@code demo_N} group. */
    public static final class NoDemosException extends DatasetException {
        public NoDemosException(Path file, String found) {
            super(file, "/data", "at least one demo_N group", found);
        }

        @Override
        public String kind() {
            return "no_demos";
        }
    }

    /** A demo's {@code actions} is missing or not a {@code (T,7)} array. */
    public static final class ActionShapeException extends DatasetException {
        public ActionShapeException(Path file, String hdf5Path, String found) {
            super(file, hdf5Path, "actions of shape (T,7): 3 position deltas, 3 rotation deltas, 1 gripper", found);
        }

        @Override
        public String kind() {
            return "bad_action_shape";
        }
    }

    /** Two per-step datasets of one demo disagree on the number of steps. */
    public static final class LengthMismatchException extends DatasetException {
        public LengthMismatchException(Path file, String hdf5Path, long expectedSteps, long foundSteps) {
            super(file, hdf5Path, expectedSteps + " steps (the length of actions)", foundSteps + " steps");
        }

        @Override
        public String kind() {
            return "length_mismatch";
        }
    }
}
