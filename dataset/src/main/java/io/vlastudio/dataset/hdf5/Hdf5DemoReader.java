package io.vlastudio.dataset.hdf5;

import io.jhdf.HdfFile;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoReader;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads LIBERO (original and no-noops) and robomimic HDF5 files: jHDF for structure, attributes, per-step
 * arrays and compressed chunks (reading, never mapping), direct positional reads for frames of contiguous
 * datasets. Files are only ever opened for reading.
 */
public final class Hdf5DemoReader implements DemoReader {

    /** Opens the read-only channel every byte of a file is read through (jHDF's reads and frame reads). */
    @FunctionalInterface
    public interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    static {
        // jHDF's own Fletcher32 filter passes chunks through unchecked: a corrupted chunk that h5py refuses
        // would be read as data. Filters are registered by id in a process-wide table; this replaces id 3.
        io.jhdf.filter.FilterManager.addFilter(new Fletcher32Filter());
    }

    private final ChannelOpener opener;
    private final boolean leanWalk;

    public Hdf5DemoReader() {
        this(file -> FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * A reader whose files are read through channels from {@code opener}: for instrumentation (the reader
     * benchmark counts which bytes a metadata scan reads). The channel must support positional reads.
     */
    public Hdf5DemoReader(ChannelOpener opener) {
        this(opener, true);
    }

    /**
     * @param leanWalk whether demos of plain h5py structure are summarised by {@link LeanGroupWalk} (false: by
     *                 jHDF's walk only; the tests compare the two)
     */
    Hdf5DemoReader(ChannelOpener opener, boolean leanWalk) {
        this.opener = opener;
        this.leanWalk = leanWalk;
    }

    @Override
    public DemoFile open(Path file) throws DatasetException {
        return open(file, true);
    }

    /** Opens a file; {@code followExternal}: whether demos that are external links are opened from their files. */
    private Hdf5DemoFile open(Path file, boolean followExternal) throws DatasetException {
        FileChannel channel;
        try {
            channel = opener.open(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "/", "an existing file", "no such file");
        } catch (IOException e) {
            throw new DatasetException(file, "/", "a readable file", e.toString(), e);
        }
        HdfFile hdf = null;
        try {
            long base = HdfSuperblockProbe.check(file, channel);
            // jHDF reads through the same descriptor, by positional reads, never mapping (see UnmappedFileChannel)
            UnmappedFileChannel unmapped = new UnmappedFileChannel(channel);
            hdf = new ChannelHdfFile(unmapped, file);
            unmapped.sizeOfOffsets(hdf.getHdfBackingStorage().getSizeOfOffsets());
            Hdf5DemoFile opened = Hdf5DemoFile.open(file, channel, leanWalk ? channel : null, unmapped, hdf, base, followExternal ? f -> open(f, false) : null);
            unmapped.dropCache();
            return opened;
        } catch (DatasetException e) {
            closeQuietly(hdf, channel);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(hdf, channel);
            throw new DatasetException(file, "/", "a readable HDF5 file", describe(e), e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            closeQuietly(hdf, channel);
            throw failure(file, "/", e);
        }
    }

    /**
     * A {@link StackOverflowError} or {@link OutOfMemoryError} raised while reading one file, as that file's
     * failure: the reader bounds what it walks and allocates, so these mean a structure it did not anticipate,
     * and they must not end a batch of other files.
     */
    static DatasetException failure(Path file, String hdf5Path, VirtualMachineError e) {
        String found = e instanceof StackOverflowError
                ? "a structure nested too deeply to read (StackOverflowError)"
                : "more data than fits in memory (OutOfMemoryError: " + e.getMessage() + ")";
        return new DatasetException(file, hdf5Path, "a file the reader can hold in memory", found, e);
    }

    /**
     * jHDF's file over a channel knows no path, and its {@code close()} and path-not-found messages ask for one
     * (and throw when there is none): give it the file's.
     */
    private static final class ChannelHdfFile extends HdfFile {
        private final Path path;

        ChannelHdfFile(FileChannel channel, Path path) {
            super(channel);
            this.path = path;
        }

        @Override
        public Path getFileAsPath() {
            return path;
        }

        @Override
        public java.io.File getFile() {
            return path.toFile();
        }
    }

    static String describe(Throwable e) {
        String msg = e.getMessage();
        if (e instanceof java.nio.BufferUnderflowException || msg == null) {
            return "a structure that ends early (" + e.getClass().getSimpleName() + ")";
        }
        return msg;
    }

    private static void closeQuietly(HdfFile hdf, FileChannel channel) {
        try {
            if (hdf != null) {
                hdf.close();
            }
        } catch (RuntimeException ignored) {
            // already failing; the original error is what the user needs
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
