package io.vlastudio.training.predictions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Every predictions folder of a workspace: {@code <workspace>/predictions/<run>/<checkpoint>/<mode>/<stem>#<demo>/}.
 * Each listing re-reads the disk (a prediction written by another process shows up on the next call). A folder whose
 * {@code meta.json} cannot be read is skipped and named by {@link #problems()}.
 */
public final class PredictionCatalog {

    /** {@code predictions/<run>/<checkpoint>/<mode>/<stem>#<demo>}: four levels below the predictions folder. */
    private static final int DEPTH = 4;

    private final Path workspaceDir;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    public PredictionCatalog(Path workspaceDir) {
        this.workspaceDir = workspaceDir;
    }

    /** {@code <workspace>/predictions}. */
    public Path root() {
        return workspaceDir.resolve(PredictionsFolder.WORKSPACE_DIR);
    }

    /** Every readable predictions folder, sorted by path; the unreadable ones are listed by {@link #problems()}. */
    public List<PredictionSet> all() throws IOException {
        List<String> found = new ArrayList<>();
        List<PredictionSet> out = new ArrayList<>();
        Path root = root();
        if (Files.isDirectory(root)) {
            List<Path> dirs;
            try (Stream<Path> s = Files.walk(root, DEPTH)) {
                dirs = s.filter(p -> root.relativize(p).getNameCount() == DEPTH && Files.isDirectory(p))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path dir : dirs) {
                try {
                    out.add(PredictionSet.open(dir));
                } catch (IOException e) {
                    found.add(root.relativize(dir) + ": skipped, " + e.getMessage());
                }
            }
        }
        problems.clear();
        problems.addAll(found);
        return out;
    }

    /** The predictions made for one demo of one file (the same file as {@code meta.json}'s {@code demo.file}). */
    public List<PredictionSet> forDemo(Path file, String demo) throws IOException {
        List<PredictionSet> out = new ArrayList<>();
        for (PredictionSet s : all()) {
            if (s.meta().demo().equals(demo) && sameFile(s.meta().demoFile(), file)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The folders the last listing skipped, each with the reason. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether two paths name the same file (equal once normalised, or the same file on disk). */
    public static boolean sameFile(Path a, Path b) {
        Path na = a.toAbsolutePath().normalize();
        Path nb = b.toAbsolutePath().normalize();
        if (na.equals(nb)) {
            return true;
        }
        try {
            return Files.exists(na) && Files.exists(nb) && Files.isSameFile(na, nb);
        } catch (IOException e) {
            return false;
        }
    }
}
