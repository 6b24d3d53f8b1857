package io.vlastudio.dataset;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** How LIBERO names suites, tasks and instructions after its files and folders. */
public final class TaskNames {

    private static final Pattern SCENE_PREFIX = Pattern.compile("^.*?SCENE\\d+_");

    private TaskNames() {
    }

    /** The task name: the file stem without {@code _demo} ({@code open_the_top_drawer_demo.hdf5} gives {@code open_the_top_drawer}). */
    public static String taskName(Path file) {
        String stem = file.getFileName().toString();
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        if (stem.endsWith("_demo")) {
            stem = stem.substring(0, stem.length() - 5);
        }
        return stem;
    }

    /**
     * The instruction LIBERO's own tools derive from a task name when a file carries no {@code problem_info}:
     * drop a {@code ..._SCENE<n>_} prefix, replace underscores by spaces.
     */
    public static String languageFromTaskName(String taskName) {
        return SCENE_PREFIX.matcher(taskName).replaceFirst("").replace('_', ' ').trim();
    }

    /** The suite: the name of the folder holding the file. */
    public static String suiteName(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }
}
