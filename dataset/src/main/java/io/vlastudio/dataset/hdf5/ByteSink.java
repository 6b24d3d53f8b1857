package io.vlastudio.dataset.hdf5;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable little-endian byte array used to encode metadata structures. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink() {
        this(64);
    }

    ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    ByteSink u8(int value) {
        ensureCapacity(1);
        bytes[size++] = (byte) value;
        return this;
    }

    /** An unsigned 16-bit field; fails if {@code value} does not fit (HDF5 message sizes are 16-bit). */
    ByteSink u16(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("value does not fit in 16 bits: " + value);
        }
        ensureCapacity(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        return this;
    }

    ByteSink u32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("value does not fit in 32 bits: " + value);
        }
        return i32((int) value);
    }

    ByteSink i32(int value) {
        ensureCapacity(4);
        for (int shift = 0; shift < 32; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** A 64-bit field: an address, a length, or raw int64 bits ({@code -1} encodes the undefined address). */
    ByteSink u64(long value) {
        ensureCapacity(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Writes an unsigned value in {@code width} bytes (1, 2, 4 or 8). */
    ByteSink unsigned(long value, int width) {
        return switch (width) {
            case 1 -> u8((int) value);
            case 2 -> u16((int) value);
            case 4 -> u32(value);
            case 8 -> u64(value);
            default -> throw new IllegalArgumentException("unsupported field width: " + width);
        };
    }

    ByteSink bytes(byte[] values) {
        ensureCapacity(values.length);
        System.arraycopy(values, 0, bytes, size, values.length);
        size += values.length;
        return this;
    }

    ByteSink zeros(int count) {
        ensureCapacity(count);
        size += count; // the backing array is zero-initialised and never shrinks
        return this;
    }

    /** Appends zero bytes until the size is a multiple of {@code alignment}. */
    ByteSink padTo(int alignment) {
        int remainder = size % alignment;
        return remainder == 0 ? this : zeros(alignment - remainder);
    }

    /** Appends the lookup3 checksum of everything written so far. */
    ByteSink checksum() {
        return i32(Lookup3.checksum(bytes, 0, size));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** A buffer over the written bytes (no copy; do not modify the sink afterwards). */
    ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    private void ensureCapacity(int extra) {
        int required = Math.addExact(size, extra);
        if (required > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(required, bytes.length * 2));
        }
    }
}
