package io.vlastudio.dataset.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.message.DataLayout;
import io.vlastudio.dataset.DatasetException;

import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Bounds what a dataset may make the reader allocate by what the file really holds. Shapes come from file
 * metadata the studio does not control: a 1 MB file can declare an {@code actions} dataset of 1,000,000,000
 * steps (chunked, never written), and reading it as declared fills the heap. Before any array is read, the
 * declared size is compared with the dataset's stored bytes: a contiguous dataset must lie inside the file
 * (after the base address), a chunked one must have stored chunks that can hold it (uncompressed: at least
 * the declared bytes; compressed: at least the declared bytes over deflate's best ratio).
 */
final class StorageCheck {

    /** deflate cannot compress better than about 1032:1; lz4 and bitshuffle are within a small factor of it. */
    static final long MAX_COMPRESSION_RATIO = 2048;
    /** The most bytes one per-step array ({@code actions}, {@code states}) may take when read into memory. */
    static final long MAX_ARRAY_BYTES = 256L * 1024 * 1024;

    private StorageCheck() {
    }

    /** The bytes the dataset's shape and type declare (saturating at {@link Long#MAX_VALUE}). */
    static long declaredBytes(Dataset ds) {
        long bytes = ds.getDataType().getSize();
        for (long d : ds.getDimensionsAsLong()) {
            if (d < 0) {
                return Long.MAX_VALUE;
            }
            if (d != 0 && bytes > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            bytes *= d;
        }
        return bytes;
    }

    /**
     * Checks that the dataset's data is really in the file; throws a typed exception naming what it declares
     * and what is stored.
     *
     * @param base the file's base address (after a user block, if any): data addresses are relative to it
     */
    static void requireStored(Path file, String hdf5Path, Dataset ds, long base, long fileSize) throws DatasetException {
        long declared = declaredBytes(ds);
        if (declared == 0) {
            return;
        }
        DataLayout layout = ds.getDataLayout();
        if (layout == DataLayout.CONTIGUOUS && ds instanceof ContiguousDataset cd) {
            requireStored(file, hdf5Path, shape(ds), declared, ds.isEmpty() ? -1 : cd.getDataAddress(), base, fileSize);
        } else if (layout == DataLayout.CHUNKED && ds instanceof ChunkedDataset) {
            long stored = ds.getStorageInBytes();
            boolean filtered = !ds.getFilters().isEmpty();
            long capacity = filtered ? saturatingMultiply(stored, MAX_COMPRESSION_RATIO) : stored;
            if (capacity < declared) {
                throw new DatasetException(file, hdf5Path, "stored chunks for its declared shape " + shape(ds) + " ("
                        + format(declared) + " bytes)", format(stored) + " bytes of chunks in the file"
                        + (stored == 0 ? " (never written)" : " (most chunks never written)"));
            }
        }
    }

    /**
     * The check of {@link #requireStored(Path, String, Dataset, long, long)} for a contiguous dataset of
     * {@code declared} bytes at {@code address} (negative: no storage allocated).
     */
    static void requireStored(Path file, String hdf5Path, String shape, long declared, long address, long base,
                              long fileSize) throws DatasetException {
        if (declared == 0) {
            return;
        }
        if (address < 0 || address >= fileSize) {
            throw new DatasetException(file, hdf5Path, "stored data for its declared shape " + shape,
                    "no data ever written (no storage allocated); it declares " + format(declared) + " bytes");
        }
        long end = base + address + declared;
        if (end < 0 || end > fileSize) {
            throw new DatasetException.TruncatedFileException(file, hdf5Path, end < 0 ? Long.MAX_VALUE : end, fileSize);
        }
    }

    /** Refuses to read an array larger than {@link #MAX_ARRAY_BYTES} into memory. */
    static void requireReadable(Path file, String hdf5Path, Dataset ds) throws DatasetException {
        long declared = declaredBytes(ds);
        if (declared > MAX_ARRAY_BYTES) {
            throw new DatasetException(file, hdf5Path, "an array of at most " + format(MAX_ARRAY_BYTES) + " bytes",
                    shape(ds) + ", " + format(declared) + " bytes (too large to read into memory)");
        }
    }

    static String shape(Dataset ds) {
        long[] dims = ds.getDimensionsAsLong();
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }

    static String format(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }

    private static long saturatingMultiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
