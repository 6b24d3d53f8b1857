package io.vlastudio.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Finds demonstration files under files and folders, and opens each of them. One bad file never stops the
 * others: its error is collected beside the files that opened.
 */
public final class DatasetScanner {

    private final DemoReader reader;

    public DatasetScanner(DemoReader reader) {
        this.reader = reader;
    }

    /** The outcome of opening many files: those that opened (caller closes them) and the errors of the rest. */
    public record ScanResult(List<DemoFile> files, List<DatasetException> errors) implements AutoCloseable {
        @Override
        public void close() {
            files.forEach(DemoFile::close);
        }
    }

    /** Every {@code *.hdf5} / {@code *.h5} file under the given paths (files are taken as they are), sorted by path. */
    public List<Path> findFiles(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(DatasetScanner::isHdf5Name).forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        return out.stream().distinct().toList();
    }

    public static boolean isHdf5Name(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".hdf5") || n.endsWith(".h5") || n.endsWith(".he5");
    }

    /** Opens every file under the paths. */
    public ScanResult open(List<Path> paths) throws IOException {
        return open(findFiles(paths), Progress.NONE, () -> false);
    }

    /**
     * Opens the given files, reporting progress a file at a time, and stopping early (keeping what opened so
     * far) when {@code cancelled} says so.
     */
    public ScanResult open(List<Path> files, Progress progress, BooleanSupplier cancelled) {
        List<DemoFile> opened = new ArrayList<>();
        List<DatasetException> errors = new ArrayList<>();
        int done = 0;
        for (Path f : files) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            progress.report(done++, files.size(), "Reading " + f.getFileName());
            try {
                opened.add(reader.open(f));
            } catch (DatasetException e) {
                errors.add(e);
            }
        }
        progress.report(done, Math.max(1, files.size()), "Opened " + opened.size() + " of " + files.size() + " files");
        return new ScanResult(List.copyOf(opened), List.copyOf(errors));
    }
}
