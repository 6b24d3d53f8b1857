package io.vlastudio.dataset.hdf5;

import java.nio.charset.StandardCharsets;

/**
 * Encoders for the bodies of the object header messages the writer emits (spec section IV.A.2).
 * Every method returns the message body only; {@link ObjectHeader} adds the message prefix.
 */
final class Messages {

    /** Message type numbers (spec IV.A.2). */
    static final int DATASPACE = 0x01;
    static final int LINK_INFO = 0x02;
    static final int DATATYPE = 0x03;
    static final int FILL_VALUE = 0x05;
    static final int LINK = 0x06;
    static final int DATA_LAYOUT = 0x08;
    static final int GROUP_INFO = 0x0A;
    static final int ATTRIBUTE = 0x0C;

    /** Size in bytes of a variable-length element on disk: 4-byte length + global heap ID (8 + 4). */
    static final int VLEN_ELEMENT_SIZE = 16;

    /** HDF5 limits dataspaces to 32 dimensions. */
    static final int MAX_RANK = 32;

    private static final int STRING_CLASS_AND_VERSION = 0x13;
    private static final int VLEN_CLASS_AND_VERSION = 0x19;
    private static final int STRING_PAD_NULL_PAD = 1;
    private static final int VLEN_TYPE_STRING = 1;
    private static final int CHARSET_UTF8 = 1;
    /** Fill value flags: allocation time early (1), fill write time "if set by user" (2), no value stored. */
    private static final int FILL_FLAGS_EARLY_IF_SET = 0x01 | (2 << 2);
    private static final int LAYOUT_CONTIGUOUS = 1;

    private Messages() {
    }

    /**
     * Dataspace message version 2. An empty {@code dimensions} array encodes a scalar dataspace,
     * anything else a simple dataspace whose maximum dimensions equal the current ones.
     */
    static byte[] dataspace(long[] dimensions) {
        if (dimensions.length > MAX_RANK) {
            throw new IllegalArgumentException("HDF5 supports at most " + MAX_RANK + " dimensions");
        }
        ByteSink out = new ByteSink(4 + 8 * dimensions.length)
                .u8(2)                                   // version
                .u8(dimensions.length)                   // dimensionality
                .u8(0)                                   // flags: no maximum dimensions
                .u8(dimensions.length == 0 ? 0 : 1);     // type: scalar / simple
        for (long dimension : dimensions) {
            out.u64(dimension);
        }
        return out.toByteArray();
    }

    /** Datatype of numpy {@code S<size>}: fixed-length, null-padded ASCII string. */
    static byte[] fixedAsciiStringType(int size) {
        return new ByteSink(8)
                .u8(STRING_CLASS_AND_VERSION)
                .u8(STRING_PAD_NULL_PAD)                 // padding in bits 0-3, charset ASCII (0) in 4-7
                .u8(0)
                .u8(0)
                .u32(size)
                .toByteArray();
    }

    /**
     * Datatype of h5py's default {@code str}: variable-length, null-terminated UTF-8 string whose base
     * type is an unsigned 8-bit integer (what libhdf5 records for {@code H5T_C_S1} with {@code H5T_VARIABLE}).
     */
    static byte[] variableLengthUtf8StringType() {
        return new ByteSink(20)
                .u8(VLEN_CLASS_AND_VERSION)
                .u8(VLEN_TYPE_STRING)                    // type in bits 0-3, padding null-terminate (0) in 4-7
                .u8(CHARSET_UTF8)                        // charset in bits 8-11
                .u8(0)
                .u32(VLEN_ELEMENT_SIZE)
                .bytes(Hdf5Type.UINT8.datatypeMessage()) // base type
                .toByteArray();
    }

    /** Link Info message version 0 for compact storage: no fractal heap, no name index. */
    static byte[] compactLinkInfo() {
        return new ByteSink(18)
                .u8(0)                                   // version
                .u8(0)                                   // flags: creation order neither tracked nor indexed
                .u64(FileStore.UNDEFINED_ADDRESS)        // fractal heap address
                .u64(FileStore.UNDEFINED_ADDRESS)        // v2 B-tree name index address
                .toByteArray();
    }

    /** Group Info message version 0 with library defaults (no phase change or estimates stored). */
    static byte[] defaultGroupInfo() {
        return new byte[] {0, 0};
    }

    /** Link message version 1 for a hard link named {@code name} to the object header at {@code address}. */
    static byte[] hardLink(String name, long address) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean ascii = nameBytes.length == name.length();
        int lengthWidthCode = nameBytes.length <= 0xff ? 0 : nameBytes.length <= 0xffff ? 1 : 2;
        int flags = lengthWidthCode | (ascii ? 0 : 0x10);  // bit 4: character set field present
        ByteSink out = new ByteSink(12 + nameBytes.length)
                .u8(1)                                   // version
                .u8(flags);                              // no link type field: hard link
        if (!ascii) {
            out.u8(CHARSET_UTF8);
        }
        return out.unsigned(nameBytes.length, 1 << lengthWidthCode)
                .bytes(nameBytes)
                .u64(address)
                .toByteArray();
    }

    /** Fill Value message version 3: space allocated early, default (zero) fill value. */
    static byte[] defaultFillValue() {
        return new byte[] {3, (byte) FILL_FLAGS_EARLY_IF_SET};
    }

    /** Data Layout message version 3, contiguous storage of {@code size} bytes at {@code address}. */
    static byte[] contiguousLayout(long address, long size) {
        return new ByteSink(18)
                .u8(3)                                   // version
                .u8(LAYOUT_CONTIGUOUS)
                .u64(address)
                .u64(size)
                .toByteArray();
    }

    /**
     * Attribute message version 3 (name without padding, explicit name character set).
     *
     * @throws IllegalArgumentException if the message would exceed the 64 KiB object header message limit
     */
    static byte[] attribute(String name, byte[] datatype, byte[] dataspace, byte[] data) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean ascii = nameBytes.length == name.length();
        long bodySize = 9L + nameBytes.length + 1 + datatype.length + dataspace.length + data.length;
        if (bodySize > ObjectHeader.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("attribute '" + name + "' needs " + bodySize
                    + " bytes but an object header message holds at most " + ObjectHeader.MAX_MESSAGE_SIZE);
        }
        return new ByteSink((int) bodySize)
                .u8(3)                                   // version
                .u8(0)                                   // flags: neither datatype nor dataspace shared
                .u16(nameBytes.length + 1)               // name size including the null terminator
                .u16(datatype.length)
                .u16(dataspace.length)
                .u8(ascii ? 0 : CHARSET_UTF8)            // name character set
                .bytes(nameBytes)
                .u8(0)
                .bytes(datatype)
                .bytes(dataspace)
                .bytes(data)
                .toByteArray();
    }
}
