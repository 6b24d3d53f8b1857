package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stresses the format subset: many links and attributes in one header, every numeric type, scalar,
 * empty, unwritten and partly written datasets, non-ASCII names, and string values spread over
 * several global heap collections. Cross-checked with jHDF and h5py.
 */
class EdgeCaseFileTest {

    private static final int MANY = 120;

    @TempDir
    static Path directory;

    private static Path file;
    private static ExpectedContent expected;

    @BeforeAll
    static void writeFile() throws IOException {
        file = directory.resolve("edge_cases.h5");
        expected = new ExpectedContent();
        try (Hdf5Writer writer = Hdf5Writer.create(file)) {
            GroupBuilder root = writer.root();
            attribute(root, "root_string", "at the root");

            GroupBuilder many = root.group("many");
            expected.group("/many");
            for (int i = 0; i < MANY; i++) {
                GroupBuilder demo = many.group("demo_" + i);
                expected.group(demo.path());
                attribute(demo, "num_samples", (long) i);
            }
            for (int i = 0; i < 60; i++) {
                many.dataset("series_" + i, new double[] {i, -i, i / 3.0});
                expected.dataset("/many/series_" + i, "<f8", ExpectedContent.littleEndian(new double[] {i, -i, i / 3.0}), 3);
            }
            for (int i = 0; i < 30; i++) {
                attribute(many, "attribute_" + i, i % 2 == 0 ? (Object) (i * 1.5) : (Object) ("value " + i));
            }
            attribute(many, "empty_string", "");
            attribute(many, "longs", new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE});
            attribute(many, "no_doubles", new double[0]);
            attribute(many, "special_doubles", new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE});

            GroupBuilder types = root.group("types");
            expected.group("/types");
            for (Hdf5Type type : Hdf5Type.values()) {
                byte[] values = new byte[type.size() * 6];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (byte) (i * 37 + 0x80);  // includes negative and large unsigned values
                }
                if (type == Hdf5Type.FLOAT32 || type == Hdf5Type.FLOAT64) {
                    values = floats(type);
                }
                types.dataset(type.name().toLowerCase(), values, type, 2, 3);
                expected.dataset("/types/" + type.name().toLowerCase(), numpyDtype(type), values, 2, 3);
            }

            GroupBuilder special = root.group("special/nested/deep");
            expected.group(special.path());
            DatasetWriter scalar = special.dataset("scalar", Hdf5Type.INT64);
            scalar.write(0, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -7L));
            expected.dataset("/special/nested/deep/scalar", "<i8", ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN).putLong(0, -7L).array());
            special.dataset("empty", Hdf5Type.FLOAT32, 0, 7);
            expected.dataset("/special/nested/deep/empty", "<f4", new byte[0], 0, 7);
            special.dataset("never_written", Hdf5Type.INT32, 5, 4);
            expected.dataset("/special/nested/deep/never_written", "<i4", new byte[80], 5, 4);
            DatasetWriter partly = special.dataset("partly_written", Hdf5Type.UINT8, 4, 3);
            partly.writeRow(2, new byte[] {7, 8, 9});
            expected.dataset("/special/nested/deep/partly_written", "|u1",
                    new byte[] {0, 0, 0, 0, 0, 0, 7, 8, 9, 0, 0, 0}, 4, 3);
            partly.attribute("unit", "counts").attribute("scale", 0.5).attribute("offset", 3L)
                    .attribute("range", new double[] {0, 255}).attribute("ids", new long[] {4, 2});
            expected.attribute(partly.path(), "unit", "counts");
            expected.attribute(partly.path(), "scale", 0.5);
            expected.attribute(partly.path(), "offset", 3L);
            expected.attribute(partly.path(), "range", new double[] {0, 255});
            expected.attribute(partly.path(), "ids", new long[] {4, 2});

            GroupBuilder unicode = root.group("données");
            expected.group("/données");
            attribute(unicode, "légende", "ünïcödé ✓ 🤖");
            unicode.dataset("série", new double[][] {{1, 2}, {3, 4}});
            expected.dataset("/données/série", "<f8", ExpectedContent.littleEndian(new double[][] {{1, 2}, {3, 4}}), 2, 2);
            unicode.fixedStringDataset("blank", List.of("", ""));
            expected.dataset("/données/blank", "|S1", new byte[2], 2);

            GroupBuilder heap = root.group("heap");
            expected.group("/heap");
            for (int i = 0; i < 24; i++) {
                attribute(heap, "blob_" + i, ("blob " + i + " ").repeat(20_000)); // ~160 KB each
            }
            attribute(heap, "huge", "x".repeat(3 << 20)); // larger than a collection's target size
        }
    }

    private static void attribute(GroupBuilder group, String name, Object value) {
        if (value instanceof String string) {
            group.attribute(name, string);
        } else if (value instanceof Long number) {
            group.attribute(name, number.longValue());
        } else if (value instanceof Double number) {
            group.attribute(name, number.doubleValue());
        } else if (value instanceof double[] numbers) {
            group.attribute(name, numbers);
        } else {
            group.attribute(name, (long[]) value);
        }
        expected.attribute(group.path(), name, value);
    }

    private static byte[] floats(Hdf5Type type) {
        double[] values = {0.1, -2.5e-300, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, -0.0};
        ByteBuffer buffer = ByteBuffer.allocate(values.length * type.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            if (type == Hdf5Type.FLOAT32) {
                buffer.putFloat((float) value);
            } else {
                buffer.putDouble(value);
            }
        }
        return buffer.array();
    }

    private static String numpyDtype(Hdf5Type type) {
        String kind = type.isFloatingPoint() ? "f" : type.name().startsWith("U") ? "u" : "i";
        return (type.size() == 1 ? "|" : "<") + kind + type.size();
    }

    @Test
    void jhdfReadsEveryValueBack() throws IOException {
        JhdfVerifier.assertFileMatches(file, expected);
    }

    @Test
    void h5pyReadsEveryValueBack() throws IOException, InterruptedException {
        H5pyCrossCheck.assumeH5pyAvailable();
        JsonNode dump = H5pyCrossCheck.dump(file, directory);
        H5pyCrossCheck.assertDumpMatches(dump, expected);
        assertThat(dump.at("/objects/~1many/members")).hasSize(MANY + 60);
    }

    @Test
    void jhdfKeepsInsertionOrderOfChildren() {
        try (HdfFile hdf = new HdfFile(file)) {
            assertThat(hdf.getChildren().keySet()).containsExactly("many", "types", "special", "données", "heap");
        }
    }

    @Test
    void spreadsLargeStringValuesOverSeveralHeapCollections() throws IOException {
        byte[] content = Files.readAllBytes(file);
        int collections = 0;
        for (int i = 0; i + 4 <= content.length; i++) {
            if (content[i] == 'G' && content[i + 1] == 'C' && content[i + 2] == 'O' && content[i + 3] == 'L') {
                collections++;
            }
        }
        // ~3.8 MB of blobs in collections of at most 1 MiB, plus one collection for the 3 MiB value
        assertThat(collections).isBetween(5, 8);
    }
}
