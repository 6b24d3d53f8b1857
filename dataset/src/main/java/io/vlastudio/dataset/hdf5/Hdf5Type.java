package io.vlastudio.dataset.hdf5;

/**
 * The numeric element types the writer supports, all stored little-endian (numpy {@code '<i8'},
 * {@code '<f4'}, {@code '|u1'}, ...).
 */
public enum Hdf5Type {
    /** Signed 8-bit integer (numpy {@code int8}). */
    INT8(1, Kind.SIGNED),
    /** Unsigned 8-bit integer (numpy {@code uint8}), e.g. image frames. */
    UINT8(1, Kind.UNSIGNED),
    /** Signed 16-bit integer (numpy {@code int16}). */
    INT16(2, Kind.SIGNED),
    /** Unsigned 16-bit integer (numpy {@code uint16}). */
    UINT16(2, Kind.UNSIGNED),
    /** Signed 32-bit integer (numpy {@code int32}). */
    INT32(4, Kind.SIGNED),
    /** Unsigned 32-bit integer (numpy {@code uint32}). */
    UINT32(4, Kind.UNSIGNED),
    /** Signed 64-bit integer (numpy {@code int64}). */
    INT64(8, Kind.SIGNED),
    /** Unsigned 64-bit integer (numpy {@code uint64}). */
    UINT64(8, Kind.UNSIGNED),
    /** IEEE 754 binary32 (numpy {@code float32}). */
    FLOAT32(4, Kind.FLOAT),
    /** IEEE 754 binary64 (numpy {@code float64}). */
    FLOAT64(8, Kind.FLOAT);

    private enum Kind { SIGNED, UNSIGNED, FLOAT }

    /** Datatype message byte 0: class in the low nibble, datatype version 1 in the high nibble. */
    private static final int FIXED_POINT_CLASS_AND_VERSION = 0x10;
    private static final int FLOATING_POINT_CLASS_AND_VERSION = 0x11;
    /** Fixed-point bit field bit 3: two's complement signed. Bit 0 (byte order) stays 0: little-endian. */
    private static final int SIGNED_BIT = 0x08;
    /** Floating-point bit field bits 4-5 = 2: mantissa normalised with an implied leading 1. */
    private static final int IMPLIED_MSB_NORMALIZATION = 0x20;

    private final int size;
    private final Kind kind;

    Hdf5Type(int size, Kind kind) {
        this.size = size;
        this.kind = kind;
    }

    /** Size of one element in bytes. */
    public int size() {
        return size;
    }

    /** Whether this is an IEEE floating-point type. */
    public boolean isFloatingPoint() {
        return kind == Kind.FLOAT;
    }

    /** Encodes this type as the body of a Datatype message (spec IV.A.2.d), as libhdf5's standard LE types. */
    byte[] datatypeMessage() {
        ByteSink out = new ByteSink(20);
        int bits = size * 8;
        if (kind == Kind.FLOAT) {
            boolean single = size == 4;
            out.u8(FLOATING_POINT_CLASS_AND_VERSION)
                    .u8(IMPLIED_MSB_NORMALIZATION)
                    .u8(bits - 1)                 // sign bit location
                    .u8(0)
                    .u32(size)
                    .u16(0)                       // bit offset
                    .u16(bits)                    // bit precision
                    .u8(single ? 23 : 52)         // exponent location
                    .u8(single ? 8 : 11)          // exponent size
                    .u8(0)                        // mantissa location
                    .u8(single ? 23 : 52)         // mantissa size
                    .u32(single ? 127 : 1023);    // exponent bias
        } else {
            out.u8(FIXED_POINT_CLASS_AND_VERSION)
                    .u8(kind == Kind.SIGNED ? SIGNED_BIT : 0)
                    .u8(0)
                    .u8(0)
                    .u32(size)
                    .u16(0)                       // bit offset
                    .u16(bits);                   // bit precision
        }
        return out.toByteArray();
    }
}
