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

    private final ChannelOpener opener;

    public Hdf5DemoReader() {
        this(file -> FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * A reader whose files are read through channels from {@code opener}: for instrumentation (the reader
     * benchmark counts which bytes a metadata scan reads). The channel must support positional reads.
     */
    public Hdf5DemoReader(ChannelOpener opener) {
        this.opener = opener;
    }

    @Override
    public DemoFile open(Path file) throws DatasetException {
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
            HdfSuperblockProbe.check(file, channel);
            // jHDF reads through the same descriptor, by positional reads, never mapping (see UnmappedFileChannel)
            hdf = new ChannelHdfFile(new UnmappedFileChannel(channel), file);
            return Hdf5DemoFile.open(file, channel, hdf);
        } catch (DatasetException e) {
            closeQuietly(hdf, channel);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(hdf, channel);
            throw new DatasetException(file, "/", "a readable HDF5 file", describe(e), e);
        }
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
