package io.vlastudio.dataset.hdf5;

/** One attribute of a group or dataset, kept in memory until its object header is written at close. */
sealed interface Attribute permits Attribute.Encoded, Attribute.VariableLengthString {

    String name();

    /** A fixed-size attribute (numbers, number arrays) whose message body was encoded when it was set. */
    record Encoded(String name, byte[] message) implements Attribute {
    }

    /**
     * A scalar variable-length UTF-8 string. Its value lives in a global heap collection, so the
     * message can only be encoded once the heap object has been placed.
     */
    record VariableLengthString(String name, byte[] utf8) implements Attribute {

        /** The Attribute message body pointing at the heap object {@code value}. */
        byte[] message(GlobalHeapWriter.HeapId value) {
            byte[] element = new ByteSink(Messages.VLEN_ELEMENT_SIZE)
                    .u32(utf8.length)                    // sequence length: bytes, no terminator
                    .u64(value.collectionAddress())
                    .u32(value.objectIndex())
                    .toByteArray();
            return Messages.attribute(name, Messages.variableLengthUtf8StringType(),
                    Messages.dataspace(new long[0]), element);
        }
    }
}
