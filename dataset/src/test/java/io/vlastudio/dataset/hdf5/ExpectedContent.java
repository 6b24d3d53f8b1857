package io.vlastudio.dataset.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a test wrote into an HDF5 file, recorded alongside the writer calls so that readers' views of
 * the file can be compared against it.
 */
final class ExpectedContent {

    /** A dataset: numpy dtype string ({@code <f8}, {@code |u1}, {@code |S7}), shape and raw bytes. */
    record Dataset(String path, String dtype, long[] shape, byte[] bytes) {
    }

    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> attributes = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();

    ExpectedContent() {
        members.put("/", new LinkedHashSet<>());
    }

    /** Records a group (and its ancestors) at {@code path}. */
    void group(String path) {
        members.computeIfAbsent(path, p -> new LinkedHashSet<>());
        if (!path.equals("/")) {
            String parent = parent(path);
            group(parent);
            members.get(parent).add(name(path));
        }
    }

    void dataset(String path, String dtype, byte[] bytes, long... shape) {
        group(parent(path));
        members.get(parent(path)).add(name(path));
        datasets.put(path, new Dataset(path, dtype, shape, bytes));
    }

    /** Records an attribute; values are String, Long, Double, double[] or long[]. */
    void attribute(String path, String name, Object value) {
        attributes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(name, value);
    }

    Map<String, Dataset> datasets() {
        return datasets;
    }

    Map<String, Map<String, Object>> attributes() {
        return attributes;
    }

    /** Group path to child names in insertion order. */
    Map<String, List<String>> groups() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        members.forEach((path, names) -> result.put(path, new ArrayList<>(names)));
        return result;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String join(String group, String name) {
        return group.equals("/") ? "/" + name : group + "/" + name;
    }

    static byte[] littleEndian(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer buffer = ByteBuffer.allocate(8 * rows.length * columns).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : rows) {
            for (double value : row) {
                buffer.putDouble(value);
            }
        }
        return buffer.array();
    }

    static byte[] littleEndian(double[] values) {
        return littleEndian(new double[][] {values});
    }

    /**
     * Decodes raw little-endian bytes into boxed values the way jHDF presents them: unsigned types are
     * widened (u1, u2 to Integer, u4 to Long, u8 to BigInteger), fixed strings lose their null padding.
     */
    static List<Object> decode(String dtype, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Object> values = new ArrayList<>();
        if (dtype.startsWith("|S")) {
            int width = Integer.parseInt(dtype.substring(2));
            for (int offset = 0; offset < bytes.length; offset += width) {
                int end = offset + width;
                while (end > offset && bytes[end - 1] == 0) {
                    end--;
                }
                values.add(new String(bytes, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII));
            }
            return values;
        }
        while (buffer.hasRemaining()) {
            values.add(switch (dtype.substring(1)) {
                case "f8" -> buffer.getDouble();
                case "f4" -> buffer.getFloat();
                case "i1" -> buffer.get();
                case "u1" -> Byte.toUnsignedInt(buffer.get());
                case "i2" -> buffer.getShort();
                case "u2" -> Short.toUnsignedInt(buffer.getShort());
                case "i4" -> buffer.getInt();
                case "u4" -> Integer.toUnsignedLong(buffer.getInt());
                case "i8" -> buffer.getLong();
                case "u8" -> new java.math.BigInteger(Long.toUnsignedString(buffer.getLong()));
                default -> throw new IllegalArgumentException("unknown dtype " + dtype);
            });
        }
        return values;
    }
}
