package io.vlastudio.dataset.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A group being written: children (groups and datasets) and attributes. Children keep their insertion
 * order in the file and must have unique names.
 *
 * <p>Methods that create a child accept either a plain name ({@code "actions"}) or a relative path
 * ({@code "obs/agentview_rgb"}); missing intermediate groups are created. Names must not be empty,
 * {@code "."}, or contain NUL characters; absolute paths are rejected.
 */
public final class GroupBuilder implements Hdf5Node {

    /** Size of the staging buffer used by the convenience methods that write a whole array at once. */
    private static final int WRITE_BUFFER_SIZE = 1 << 16;

    private final Hdf5Writer writer;
    private final String path;
    private final Map<String, Hdf5Node> children = new LinkedHashMap<>();
    private final AttributeSet attributes;

    GroupBuilder(Hdf5Writer writer, String path) {
        this.writer = writer;
        this.path = path;
        this.attributes = new AttributeSet(path);
    }

    /** Absolute path of this group, {@code /} for the root group. */
    @Override
    public String path() {
        return path;
    }

    /**
     * Returns the child group {@code name}, creating it (and missing intermediate groups) if needed.
     *
     * @throws IllegalArgumentException if the name is invalid or names an existing dataset
     */
    public GroupBuilder group(String name) {
        writer.ensureOpen();
        String[] names = splitPath(name);
        GroupBuilder group = this;
        for (String part : names) {
            group = group.childGroup(part);
        }
        return group;
    }

    /**
     * Creates a contiguous dataset of {@code type} with the given shape and reserves its space in the
     * file immediately. Write its data through the returned writer. An empty shape makes a scalar dataset.
     *
     * @throws IllegalArgumentException if the name is invalid or taken, or a dimension is negative
     */
    public DatasetWriter dataset(String name, Hdf5Type type, long... shape) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        return createDataset(name, type.datatypeMessage(), type.size(), shape);
    }

    /**
     * Writes a 2-D float64 dataset of shape (rows.length, rows[0].length) immediately.
     *
     * @throws IllegalArgumentException if rows have different lengths, or the name is invalid or taken
     */
    public void dataset(String name, double[][] rows) throws IOException {
        Objects.requireNonNull(rows, "rows");
        int columns = rows.length == 0 ? 0 : Objects.requireNonNull(rows[0], "rows[0]").length;
        for (int i = 0; i < rows.length; i++) {
            if (Objects.requireNonNull(rows[i], "rows[" + i + "]").length != columns) {
                throw new IllegalArgumentException("row " + i + " of dataset '" + name + "' has "
                        + rows[i].length + " values, expected " + columns);
            }
        }
        DatasetWriter dataset = dataset(name, Hdf5Type.FLOAT64, rows.length, columns);
        writeDoubles(dataset, rows);
    }

    /** Writes a 1-D float64 dataset immediately. */
    public void dataset(String name, double[] values) throws IOException {
        Objects.requireNonNull(values, "values");
        DatasetWriter dataset = dataset(name, Hdf5Type.FLOAT64, values.length);
        writeDoubles(dataset, new double[][] {values});
    }

    /**
     * Writes a dataset of any numeric type immediately from raw little-endian, row-major bytes.
     *
     * @throws IllegalArgumentException if {@code values.length} does not match type size times the shape
     */
    public void dataset(String name, byte[] values, Hdf5Type type, long... shape) throws IOException {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(type, "type");
        long expected = DatasetWriter.byteSize(name, type.size(), shape);
        if (values.length != expected) {
            throw new IllegalArgumentException("dataset '" + name + "' of " + type + " with shape "
                    + Arrays.toString(shape) + " needs " + expected + " bytes, got " + values.length);
        }
        dataset(name, type, shape).write(0, values);
    }

    /**
     * Writes a 1-D dataset of fixed-length ASCII strings immediately, as numpy {@code S<n>} with
     * {@code n} the longest value in bytes (at least 1) and shorter values null-padded: the layout of
     * robomimic's {@code mask/} datasets.
     *
     * @throws IllegalArgumentException if a value is not ASCII
     */
    public void fixedStringDataset(String name, List<String> values) throws IOException {
        Objects.requireNonNull(values, "values");
        int width = 1;
        for (String value : values) {
            Objects.requireNonNull(value, "values must not contain null");
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
                throw new IllegalArgumentException("fixed-length string dataset '" + name
                        + "' only supports ASCII, got: " + value);
            }
            width = Math.max(width, value.length());
        }
        DatasetWriter dataset = createDataset(name, Messages.fixedAsciiStringType(width), width,
                new long[] {values.size()});
        byte[] data = new byte[Math.multiplyExact(width, values.size())];
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, data, i * width, bytes.length);
        }
        dataset.write(0, data);
    }

    /** Sets a scalar variable-length UTF-8 string attribute (h5py's default for {@code str}); may be large. */
    public GroupBuilder attribute(String name, String value) {
        writer.ensureOpen();
        attributes.putString(name, value);
        return this;
    }

    /** Sets a scalar int64 attribute. */
    public GroupBuilder attribute(String name, long value) {
        writer.ensureOpen();
        attributes.putLong(name, value);
        return this;
    }

    /** Sets a scalar float64 attribute. */
    public GroupBuilder attribute(String name, double value) {
        writer.ensureOpen();
        attributes.putDouble(name, value);
        return this;
    }

    /**
     * Sets a 1-D float64 attribute.
     *
     * @throws IllegalArgumentException if it does not fit an object header message (about 8000 values)
     */
    public GroupBuilder attribute(String name, double[] value) {
        writer.ensureOpen();
        attributes.putDoubles(name, value);
        return this;
    }

    /**
     * Sets a 1-D int64 attribute.
     *
     * @throws IllegalArgumentException if it does not fit an object header message (about 8000 values)
     */
    public GroupBuilder attribute(String name, long[] value) {
        writer.ensureOpen();
        attributes.putLongs(name, value);
        return this;
    }

    @Override
    public void forEachAttributeSet(Consumer<AttributeSet> action) {
        action.accept(attributes);
        for (Hdf5Node child : children.values()) {
            child.forEachAttributeSet(action);
        }
    }

    @Override
    public long writeObjectHeaders(MetadataWriter metadata) throws IOException {
        // Group Info goes first: jHDF stops reading a header when fewer than 8 bytes remain, which
        // would silently drop this 6-byte message if it came last.
        ObjectHeader header = new ObjectHeader()
                .add(Messages.GROUP_INFO, Messages.defaultGroupInfo())
                .add(Messages.LINK_INFO, Messages.compactLinkInfo());
        for (Map.Entry<String, Hdf5Node> child : children.entrySet()) {
            long childAddress = child.getValue().writeObjectHeaders(metadata);
            header.add(Messages.LINK, Messages.hardLink(child.getKey(), childAddress));
        }
        metadata.addAttributeMessages(header, attributes);
        return metadata.writeObjectHeader(header);
    }

    @Override
    public String toString() {
        return "GroupBuilder[" + path + "]";
    }

    private DatasetWriter createDataset(String name, byte[] datatype, int elementSize, long[] shape) {
        writer.ensureOpen();
        String[] names = splitPath(name);
        String leaf = names[names.length - 1];
        GroupBuilder existingParent = findGroup(names, names.length - 1);
        if (existingParent != null && existingParent.children.containsKey(leaf)) {
            throw new IllegalArgumentException("duplicate name: " + existingParent.childPath(leaf) + " already exists");
        }
        GroupBuilder parent = this;
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.childGroup(names[i]);
        }
        DatasetWriter dataset = new DatasetWriter(writer, parent.childPath(leaf), datatype, elementSize, shape);
        parent.children.put(leaf, dataset);
        return dataset;
    }

    /**
     * The existing group reached by the first {@code count} names, or {@code null} if some are missing.
     *
     * @throws IllegalArgumentException if one of them is a dataset
     */
    private GroupBuilder findGroup(String[] names, int count) {
        GroupBuilder group = this;
        for (int i = 0; i < count; i++) {
            Hdf5Node child = group.children.get(names[i]);
            if (child == null) {
                return null;
            }
            group = asGroup(child);
        }
        return group;
    }

    private GroupBuilder childGroup(String name) {
        Hdf5Node existing = children.get(name);
        if (existing != null) {
            return asGroup(existing);
        }
        GroupBuilder group = new GroupBuilder(writer, childPath(name));
        children.put(name, group);
        return group;
    }

    private static GroupBuilder asGroup(Hdf5Node node) {
        if (node instanceof GroupBuilder group) {
            return group;
        }
        throw new IllegalArgumentException(node.path() + " is a dataset, not a group");
    }

    private String childPath(String name) {
        return path.equals("/") ? "/" + name : path + "/" + name;
    }

    private String[] splitPath(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("expected a relative name below " + path + ", got '" + name + "'");
        }
        String[] names = name.split("/", -1);
        for (String part : names) {
            if (part.isEmpty() || part.equals(".") || part.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid name '" + name + "' below " + path);
            }
        }
        return names;
    }

    private static void writeDoubles(DatasetWriter dataset, double[][] rows) throws IOException {
        int capacity = (int) Math.min(WRITE_BUFFER_SIZE, Math.max(8, dataset.byteSize()));
        ByteBuffer buffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        long offset = 0;
        for (double[] row : rows) {
            for (double value : row) {
                if (!buffer.hasRemaining()) {
                    offset += flush(dataset, offset, buffer);
                }
                buffer.putDouble(value);
            }
        }
        flush(dataset, offset, buffer);
    }

    private static int flush(DatasetWriter dataset, long offset, ByteBuffer buffer) throws IOException {
        buffer.flip();
        int length = buffer.remaining();
        dataset.write(offset, buffer);
        buffer.clear();
        return length;
    }
}
