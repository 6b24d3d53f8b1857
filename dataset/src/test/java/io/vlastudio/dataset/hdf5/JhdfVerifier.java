package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads a file back with jHDF 0.13 and compares everything with what the test wrote. */
final class JhdfVerifier {

    private JhdfVerifier() {
    }

    static void assertFileMatches(Path file, ExpectedContent expected) throws IOException {
        try (HdfFile hdf = new HdfFile(file); FileChannel raw = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Map.Entry<String, List<String>> group : expected.groups().entrySet()) {
                Node node = node(hdf, group.getKey());
                assertThat(node).as(group.getKey()).isInstanceOf(Group.class);
                assertThat(((Group) node).getChildren().keySet()).as("children of %s", group.getKey())
                        .containsExactlyElementsOf(group.getValue());
            }
            for (ExpectedContent.Dataset dataset : expected.datasets().values()) {
                assertDatasetMatches(hdf, raw, dataset);
            }
            for (Map.Entry<String, Map<String, Object>> attributes : expected.attributes().entrySet()) {
                Node node = node(hdf, attributes.getKey());
                assertThat(node.getAttributes().keySet()).as("attributes of %s", attributes.getKey())
                        .containsExactlyInAnyOrderElementsOf(attributes.getValue().keySet());
                attributes.getValue().forEach((name, value) ->
                        assertAttributeMatches(node.getAttribute(name), attributes.getKey(), value));
            }
        }
    }

    private static void assertDatasetMatches(HdfFile hdf, FileChannel raw, ExpectedContent.Dataset expected)
            throws IOException {
        String path = expected.path();
        Dataset dataset = hdf.getDatasetByPath(relative(path));
        assertThat(Arrays.stream(dataset.getDimensions()).asLongStream().toArray()).as("shape of %s", path)
                .containsExactly(expected.shape());
        assertDatatype(path, dataset.getDataType(), expected.dtype());
        assertThat(dataset).as("layout of %s", path).isInstanceOf(ContiguousDataset.class);
        assertThat(dataset.getFilters()).as("filters of %s", path).isEmpty();
        if (expected.bytes().length == 0) {
            return;
        }
        long address = ((ContiguousDataset) dataset).getDataAddress();
        ByteBuffer onDisk = ByteBuffer.allocate(expected.bytes().length);
        while (onDisk.hasRemaining() && raw.read(onDisk, address + onDisk.position()) > 0) {
            // keep reading
        }
        assertThat(onDisk.array()).as("raw bytes of %s at address %d", path, address)
                .isEqualTo(expected.bytes());
        assertThat(boxed(dataset.getDataFlat())).as("getDataFlat() of %s", path)
                .isEqualTo(ExpectedContent.decode(expected.dtype(), expected.bytes()));
    }

    private static void assertDatatype(String path, DataType type, String dtype) {
        char kind = dtype.charAt(1);
        int size = Integer.parseInt(dtype.substring(2));
        assertThat(type.getSize()).as("element size of %s", path).isEqualTo(size);
        switch (kind) {
            case 'f' -> assertThat(type).as("type of %s", path).isInstanceOf(FloatingPoint.class);
            case 'S' -> assertThat(type).as("type of %s", path).isInstanceOf(StringData.class);
            case 'i', 'u' -> {
                assertThat(type).as("type of %s", path).isInstanceOf(FixedPoint.class);
                assertThat(((FixedPoint) type).isSigned()).as("signedness of %s", path).isEqualTo(kind == 'i');
            }
            default -> throw new IllegalArgumentException(dtype);
        }
    }

    private static void assertAttributeMatches(Attribute attribute, String path, Object expected) {
        String description = "attribute " + path + "@" + attribute.getName();
        Object actual = attribute.getData();
        if (expected instanceof String || expected instanceof Long || expected instanceof Double) {
            assertThat(attribute.isScalar()).as("%s is scalar", description).isTrue();
            assertThat(actual).as(description).isEqualTo(expected);
        } else {
            assertThat(attribute.getDimensions()).as("shape of %s", description)
                    .containsExactly(Array.getLength(expected));
            if (Array.getLength(expected) == 0) {
                // jHDF 0.13 quirk: an attribute without data bytes reads as null, not as an empty array
                assertThat(actual).as(description).isNull();
            } else {
                assertThat(actual).as(description).isEqualTo(expected);
            }
        }
    }

    private static Node node(HdfFile hdf, String path) {
        return path.equals("/") ? hdf : hdf.getByPath(relative(path));
    }

    private static String relative(String path) {
        return path.substring(1);
    }

    private static List<Object> boxed(Object array) {
        if (!array.getClass().isArray()) {
            return List.of(array);
        }
        List<Object> values = new ArrayList<>(Array.getLength(array));
        for (int i = 0; i < Array.getLength(array); i++) {
            values.add(Array.get(array, i));
        }
        return values;
    }
}
