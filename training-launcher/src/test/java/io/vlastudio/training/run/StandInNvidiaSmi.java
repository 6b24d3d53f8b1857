package io.vlastudio.training.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts the stand-in {@code nvidia-smi} (test resources, see its docstring) into a folder to put on a PATH. */
public final class StandInNvidiaSmi {

    private StandInNvidiaSmi() {
    }

    /** Copies the stand-in into {@code dir} (made executable) and returns {@code dir}. */
    public static Path install(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String f : new String[] {"nvidia-smi", "gpus.csv"}) {
            // streamed, not opened as a Path: in `verify` the test-jar is a jar, not a folder
            try (java.io.InputStream in = StandInNvidiaSmi.class.getClassLoader()
                    .getResourceAsStream("nvidia-smi-standin/" + f)) {
                if (in == null) {
                    throw new java.io.FileNotFoundException("test resource nvidia-smi-standin/" + f);
                }
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        dir.resolve("nvidia-smi").toFile().setExecutable(true);
        return dir;
    }

    /** A PATH with the stand-in first, then this JVM's own PATH. */
    public static String path(Path dir) {
        return dir + java.io.File.pathSeparator + System.getenv("PATH");
    }
}
