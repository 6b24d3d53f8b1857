package io.vlastudio.dataset;

import io.vlastudio.dataset.stats.DemoStatistics;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Finds demonstration files under files and folders, and opens each of them. One bad file never stops the
 * others: its error is collected beside the files that opened.
 */
public final class DatasetScanner {

    private final DemoReader reader;
    private final FileGuard guard;
    private final int threads;

    public DatasetScanner(DemoReader reader) {
        this(reader, new FileGuard());
    }

    /** A scanner that opens each file under {@code guard} (its own thread, a time limit, errors as that file's). */
    public DatasetScanner(DemoReader reader, FileGuard guard) {
        this(reader, guard, FileReads.defaultThreads());
    }

    /**
     * A scanner that reads up to {@code threads} files at once ({@link FileReads}; 1: one after another), each
     * under {@code guard}, and reports them in the files' order.
     */
    public DatasetScanner(DemoReader reader, FileGuard guard, int threads) {
        this.reader = reader;
        this.guard = guard;
        this.threads = threads;
    }

    /** The outcome of opening many files: those that opened (caller closes them) and the errors of the rest. */
    public record ScanResult(List<DemoFile> files, List<DatasetException> errors) implements AutoCloseable {
        @Override
        public void close() {
            files.forEach(DemoFile::close);
        }
    }

    /**
     * What a search of files and folders found: the files to read, sorted by path, and the entries that look like
     * demonstration files but cannot be read as one (a symbolic link whose target does not exist, a symbolic
     * link loop, a folder that cannot be listed), each with its reason.
     */
    public record Found(List<Path> files, List<DatasetException> problems) {
    }

    /** Every {@code *.hdf5} / {@code *.h5} file under the given paths (files are taken as they are), sorted by path. */
    public List<Path> findFiles(List<Path> paths) throws IOException {
        return find(paths).files();
    }

    /**
     * Every {@code *.hdf5} / {@code *.h5} file under the given paths (files are taken as they are), following
     * symbolic links to files and folders; broken links, link loops and unlistable folders are reported, never
     * skipped without a word.
     */
    public Found find(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        List<DatasetException> problems = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Files.walkFileTree(p, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!isHdf5Name(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isRegularFile()) {
                            out.add(file);
                        } else if (attrs.isSymbolicLink()) {
                            problems.add(brokenLink(file));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        if (e instanceof FileSystemLoopException) {
                            problems.add(new DatasetException(file, "/", "a folder", "a symbolic link back to a folder"
                                    + " above it (a loop); not searched again"));
                        } else if (isHdf5Name(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                            problems.add(new DatasetException(file, "/", "a readable file or folder", String.valueOf(e)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                problems.add(brokenLink(p));
            } else {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        problems.sort(Comparator.comparing(e -> e.file().toString()));
        return new Found(out.stream().distinct().toList(), List.copyOf(problems));
    }

    private static DatasetException brokenLink(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            target = "?";
        }
        try {
            link.toRealPath();
            return new DatasetException(link, "/", "a demonstration file", "a symbolic link to " + target
                    + ", which is not a regular file");
        } catch (NoSuchFileException e) {
            return new DatasetException(link, "/", "a demonstration file", "a symbolic link to " + target
                    + ", which does not exist (a dangling link)");
        } catch (IOException e) {
            return new DatasetException(link, "/", "a demonstration file", "a symbolic link to " + target
                    + " that never reaches a file (a symbolic link loop: " + e.getMessage() + ")");
        }
    }

    public static boolean isHdf5Name(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".hdf5") || n.endsWith(".h5") || n.endsWith(".he5");
    }

    /** Opens every file under the paths (the problems of {@link #find} are among the errors). */
    public ScanResult open(List<Path> paths) throws IOException {
        return open(find(paths), Progress.NONE, () -> false);
    }

    /** Opens the files found; the problems of the search come first among the errors. */
    public ScanResult open(Found found, Progress progress, BooleanSupplier cancelled) {
        ScanResult r = open(found.files(), progress, cancelled);
        List<DatasetException> errors = new ArrayList<>(found.problems());
        errors.addAll(r.errors());
        return new ScanResult(r.files(), List.copyOf(errors));
    }

    /**
     * Opens the given files (up to {@link FileReads#threads()} at once), reporting progress a file at a time in
     * the files' order, and stopping early (keeping what opened so far) when {@code cancelled} says so.
     */
    public ScanResult open(List<Path> files, Progress progress, BooleanSupplier cancelled) {
        List<DemoFile> opened = new ArrayList<>();
        List<DatasetException> errors = new ArrayList<>();
        if (!files.isEmpty()) {
            progress.report(0, files.size(), "Reading " + files.get(0).getFileName());
        }
        new FileReads(threads, guard).<DemoFile, RuntimeException>forEach(files, reader::open, cancelled,
                (i, file, value, error) -> {
                    if (error != null) {
                        errors.add(error);
                    } else {
                        opened.add(value);
                    }
                    if (i + 1 < files.size()) {
                        progress.report(i + 1, files.size(), "Reading " + files.get(i + 1).getFileName());
                    }
                });
        int done = opened.size() + errors.size();
        progress.report(done, Math.max(1, files.size()), "Opened " + opened.size() + " of " + files.size() + " files");
        return new ScanResult(List.copyOf(opened), List.copyOf(errors));
    }

    /**
     * One file of {@link #inspect}: its inspection and every valid demo's statistics and actions (for suite
     * aggregates), or the error that kept it from being read.
     */
    public record Inspected(Path file, FileInspection inspection, List<DemoStatistics> demoStatistics,
                            List<double[][]> demoActions, DatasetException error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * What {@code vla-studio inspect} does for a collection: opens and inspects each file (up to
     * {@link FileReads#threads()} at once, each under the guard, closing it when inspected) and hands each
     * {@link Inspected} to {@code each} in the files' order, on this thread.
     *
     * @return true when every file was handed over, false when cancelled first
     */
    public boolean inspect(List<Path> files, FileInspector inspector, Progress progress, BooleanSupplier cancelled,
                           Consumer<Inspected> each) {
        return new FileReads(threads, guard).<Inspected, RuntimeException>forEach(files, file -> {
            try (DemoFile demoFile = reader.open(file)) {
                List<DemoStatistics> stats = new ArrayList<>();
                List<double[][]> actions = new ArrayList<>();
                FileInspection inspection = inspector.inspect(demoFile, (s, a) -> {
                    stats.add(s);
                    actions.add(a);
                });
                return new Inspected(file, inspection, stats, actions, null);
            }
        }, cancelled, (i, file, value, error) -> {
            progress.report(i + 1, files.size(), "Inspected " + file.getFileName());
            each.accept(value != null ? value : new Inspected(file, null, List.of(), List.of(), error));
        });
    }
}
