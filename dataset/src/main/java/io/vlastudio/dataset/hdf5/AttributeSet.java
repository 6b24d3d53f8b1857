package io.vlastudio.dataset.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The attributes of one object, in insertion order, with unique names. */
final class AttributeSet {

    private static final long[] SCALAR = new long[0];

    private final String ownerPath;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    AttributeSet(String ownerPath) {
        this.ownerPath = ownerPath;
    }

    void putString(String name, String value) {
        Objects.requireNonNull(value, "value");
        put(new Attribute.VariableLengthString(checkName(name), value.getBytes(StandardCharsets.UTF_8)));
    }

    void putLong(String name, long value) {
        putNumeric(name, Hdf5Type.INT64, SCALAR, new ByteSink(8).u64(value).toByteArray());
    }

    void putDouble(String name, double value) {
        putNumeric(name, Hdf5Type.FLOAT64, SCALAR, new ByteSink(8).u64(Double.doubleToRawLongBits(value)).toByteArray());
    }

    void putDoubles(String name, double[] values) {
        ByteSink data = new ByteSink(8 * values.length);
        for (double value : values) {
            data.u64(Double.doubleToRawLongBits(value));
        }
        putNumeric(name, Hdf5Type.FLOAT64, new long[] {values.length}, data.toByteArray());
    }

    void putLongs(String name, long[] values) {
        ByteSink data = new ByteSink(8 * values.length);
        for (long value : values) {
            data.u64(value);
        }
        putNumeric(name, Hdf5Type.INT64, new long[] {values.length}, data.toByteArray());
    }

    Collection<Attribute> all() {
        return Collections.unmodifiableCollection(attributes.values());
    }

    private void putNumeric(String name, Hdf5Type type, long[] dimensions, byte[] data) {
        String checkedName = checkName(name);
        byte[] message;
        try {
            message = Messages.attribute(checkedName, type.datatypeMessage(), Messages.dataspace(dimensions), data);
        } catch (IllegalArgumentException tooLarge) {
            throw new IllegalArgumentException(ownerPath + ": " + tooLarge.getMessage(), tooLarge);
        }
        put(new Attribute.Encoded(checkedName, message));
    }

    private String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name must not be empty on " + ownerPath);
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("attribute name must not contain NUL on " + ownerPath);
        }
        if (attributes.containsKey(name)) {
            throw new IllegalArgumentException("duplicate attribute '" + name + "' on " + ownerPath);
        }
        return name;
    }

    private void put(Attribute attribute) {
        attributes.put(attribute.name(), attribute);
    }
}
