package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes an HDF5 file by streaming dataset bytes straight to disk; only metadata stays in memory.
 *
 * <p>Usage:
 * <pre>{@code
 * try (Hdf5Writer writer = Hdf5Writer.create(path)) {
 *     GroupBuilder demo = writer.root().group("data").group("demo_0");
 *     demo.attribute("num_samples", frames);
 *     DatasetWriter rgb = demo.dataset("obs/agentview_rgb", Hdf5Type.UINT8, frames, 128, 128, 3);
 *     for (int t = 0; t < frames; t++) {
 *         rgb.writeRow(t, frameBytes(t));
 *     }
 * }
 * }</pre>
 *
 * <p>Each dataset's extent is reserved in the file when the dataset is created, in creation order, and
 * can then be filled in any order; bytes never written read back as zeros. {@link #close()} appends the
 * global heap and the object headers and finally writes the superblock at offset 0: until then the
 * file is not a valid HDF5 file, and a writer that is never closed leaves an unreadable file behind.
 *
 * <p>The produced files are what h5py writes for {@code create_dataset(name, data=array)}: contiguous,
 * uncompressed, little-endian datasets; string attributes are variable-length UTF-8 strings. Instances
 * are not thread-safe.
 */
public final class Hdf5Writer implements AutoCloseable {

    private final Path file;
    private final FileStore store;
    private final GroupBuilder root;
    private boolean closed;

    private Hdf5Writer(Path file, FileChannel channel) {
        this.file = file;
        this.store = new FileStore(channel, Superblock.SIZE);
        this.root = new GroupBuilder(this, "/");
    }

    /**
     * Creates {@code file}, or truncates it if it exists, and returns a writer for it.
     *
     * @throws IOException if the file cannot be opened for writing
     */
    public static Hdf5Writer create(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new Hdf5Writer(file, channel);
    }

    /**
     * A writer for {@code file} over an already opened channel (positioned writes only), for callers that own how
     * the file is opened: the curated exporter, and tests that make writes fail as on a full disk.
     */
    public static Hdf5Writer create(Path file, FileChannel channel) {
        return new Hdf5Writer(Objects.requireNonNull(file, "file"), Objects.requireNonNull(channel, "channel"));
    }

    /** The root group {@code /}. */
    public GroupBuilder root() {
        return root;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /**
     * Writes all metadata and the superblock, forces the file to disk and closes it. Calling it again
     * has no effect. After close, every builder and dataset writer of this file rejects further use with
     * {@link IllegalStateException}.
     *
     * @throws IOException if writing fails; the file is then incomplete, but the channel is closed anyway
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileStore output = store) {
            MetadataWriter metadata = new MetadataWriter(output);
            metadata.writeGlobalHeap(root);
            long rootAddress = root.writeObjectHeaders(metadata);
            output.write(0, ByteBuffer.wrap(Superblock.encode(rootAddress, output.end())));
            output.force();
        }
    }

    FileStore store() {
        return store;
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("HDF5 writer for " + file + " is already closed");
        }
    }
}
