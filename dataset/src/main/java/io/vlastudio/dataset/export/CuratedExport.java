package io.vlastudio.dataset.export;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoReader;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoCopier;
import io.vlastudio.dataset.hdf5.Hdf5Writer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Writes curated demos as LIBERO-layout HDF5 files, one per task. Each file is written to a hidden temporary file
 * beside its final name ({@code .NAME.part}), forced to disk, and only then moved into place, so a failure (a full
 * disk, a cancel, a bad source) leaves nothing under the final name and the temporary file is removed. Sources are
 * opened read-only; a target that is one of the sources is refused.
 */
public final class CuratedExport {

    /** Opens the channel a file is written through (tests make it fail as a full disk does). */
    @FunctionalInterface
    public interface OutputOpener {
        FileChannel open(Path file) throws IOException;
    }

    private final DemoReader reader;
    private final OutputOpener opener;

    public CuratedExport(DemoReader reader) {
        this(reader, file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE));
    }

    public CuratedExport(DemoReader reader, OutputOpener opener) {
        this.reader = reader;
        this.opener = opener;
    }

    /**
     * Exports {@code files} under {@code outDir}.
     *
     * @param progress  bytes copied out of bytes to copy
     * @param cancelled checked between runs of steps; a cancel throws {@link CancellationException} after removing
     *                  the file being written (files already finished stay)
     */
    public ExportResult export(List<ExportFile> files, Path outDir, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        Set<Path> sources = new HashSet<>();
        for (ExportFile f : files) {
            for (ExportDemo d : f.demos()) {
                sources.add(real(d.source()));
            }
        }
        Map<Path, DemoFile> open = new HashMap<>();
        List<Path> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int terminal = 0;
        int demos = 0;
        long steps = 0;
        long bytes = 0;
        try {
            List<List<Hdf5DemoCopier.Selection>> plans = new ArrayList<>();
            long total = 0;
            for (ExportFile f : files) {
                List<Hdf5DemoCopier.Selection> plan = new ArrayList<>();
                for (ExportDemo d : f.demos()) {
                    DemoFile source = open.get(d.source());
                    if (source == null) {
                        source = reader.open(d.source());
                        open.put(d.source(), source);
                    }
                    Hdf5DemoCopier.Selection s = new Hdf5DemoCopier.Selection(source, d.demo(), d.keptSteps(), d.outputName());
                    plan.add(s);
                    total += Hdf5DemoCopier.dataBytes(s);
                }
                plans.add(plan);
            }
            Hdf5DemoCopier copier = new Hdf5DemoCopier();
            long done = 0;
            for (int i = 0; i < files.size(); i++) {
                ExportFile f = files.get(i);
                Path target = outDir.resolve(f.relativePath()).toAbsolutePath().normalize();
                if (sources.contains(real(target))) {
                    throw new ExportException(target, "refusing to export onto " + target + ": it is one of the source"
                            + " files, which are never modified. Choose another output folder.", null);
                }
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling("." + target.getFileName() + ".part");
                try {
                    FileChannel channel = opener.open(temp);
                    try (Hdf5Writer writer = Hdf5Writer.create(temp, channel)) {
                        Hdf5DemoCopier.Report report = copier.copy(writer, plans.get(i), total, done, progress, cancelled);
                        terminal += report.terminalSet();
                        if (!report.dataAttributesAdded().isEmpty()) {
                            notes.add(f.relativePath() + ": its source carried no " + String.join(", ",
                                    report.dataAttributesAdded()) + "; wrote them" + (report.language() == null ? ""
                                    : " (language instruction \"" + report.language() + "\", from the file name)")
                                    + ", so robomimic's SequenceDataset and LIBERO's get_dataset can load it");
                        }
                    } finally {
                        channel.close();
                    }
                    move(temp, target);
                } catch (CancellationException e) {
                    Files.deleteIfExists(temp);
                    throw e;
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(temp);
                    if (e instanceof DatasetException de) {
                        throw new ExportException(target, "exporting " + target + " failed: " + de.getMessage()
                                + ". Nothing was written under " + target.getFileName() + ".", e);
                    }
                    throw new ExportException(target, "writing " + target + " failed (" + e.getMessage() + "); nothing"
                            + " was left under that name. Free some disk space (the export needs about "
                            + mib(total) + ") or choose another folder.", e);
                }
                for (Hdf5DemoCopier.Selection s : plans.get(i)) {
                    done += Hdf5DemoCopier.dataBytes(s);
                    steps += s.keptSteps().length;
                }
                demos += f.demos().size();
                bytes += Files.size(target);
                written.add(target);
            }
            if (terminal > 0) {
                notes.add(terminal + (terminal == 1 ? " demo ends" : " demos end") + " before its source's last step"
                        + " (trimmed or excluded): its last kept step is marked done (dones = 1); rewards are as the"
                        + " source recorded them");
            }
            progress.report(Math.max(1, total), Math.max(1, total), "export done");
        } finally {
            for (DemoFile f : open.values()) {
                f.close();
            }
        }
        return new ExportResult(written, demos, steps, bytes, notes);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
