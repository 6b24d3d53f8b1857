package io.vlastudio.store;

import java.util.Objects;

/**
 * Names a demo the way a user does: a file and a demo group, written {@code FILE#DEMO}
 * ({@code ~/data/libero_goal/open_the_top_drawer_demo.hdf5#demo_3}). The file may be the path the catalog holds,
 * any path to the same file, or just its name when that is unique in the workspace; the demo may be given as
 * {@code demo_3} or {@code 3}.
 */
public record DemoRef(String file, String demo) {

    public DemoRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(demo, "demo");
        if (file.isBlank()) {
            throw new IllegalArgumentException("a demo reference needs a file: FILE#DEMO, e.g. task_demo.hdf5#demo_3");
        }
        demo = demo.strip();
        if (!demo.isEmpty() && demo.chars().allMatch(Character::isDigit)) {
            demo = "demo_" + Integer.parseInt(demo);
        }
        if (demo.isEmpty()) {
            throw new IllegalArgumentException("a demo reference needs a demo after '#': " + file + "#demo_3");
        }
    }

    /**
     * Parses {@code FILE#DEMO}.
     *
     * @throws IllegalArgumentException with the expected form when there is no {@code #}
     */
    public static DemoRef parse(String text) {
        Objects.requireNonNull(text, "text");
        int hash = text.lastIndexOf('#');
        if (hash <= 0 || hash == text.length() - 1) {
            throw new IllegalArgumentException("expected FILE#DEMO (e.g. open_the_top_drawer_demo.hdf5#demo_3), got '" + text + "'");
        }
        return new DemoRef(text.substring(0, hash), text.substring(hash + 1));
    }

    @Override
    public String toString() {
        return file + "#" + demo;
    }
}
