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
 * Reads LIBERO (original and no-noops) and robomimic HDF5 files: jHDF for structure and attributes, direct
 * memory-mapped byte access for frames of contiguous datasets. Files are only ever opened for reading.
 */
public final class Hdf5DemoReader implements DemoReader {

    @Override
    public DemoFile open(Path file) throws DatasetException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "/", "an existing file", "no such file");
        } catch (IOException e) {
            throw new DatasetException(file, "/", "a readable file", e.toString(), e);
        }
        HdfFile hdf = null;
        try {
            HdfSuperblockProbe.check(file, channel);
            hdf = new HdfFile(file);
            return Hdf5DemoFile.open(file, channel, hdf);
        } catch (DatasetException e) {
            closeQuietly(hdf, channel);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(hdf, channel);
            throw new DatasetException(file, "/", "a readable HDF5 file", describe(e), e);
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
