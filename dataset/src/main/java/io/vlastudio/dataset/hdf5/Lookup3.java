package io.vlastudio.dataset.hdf5;

/**
 * Bob Jenkins' lookup3 {@code hashlittle}, the checksum the HDF5 format uses for version 2+ metadata
 * structures (superblock v2/v3, "OHDR", ...), always with an initial value of 0 there.
 */
final class Lookup3 {

    private Lookup3() {
    }

    /** The HDF5 metadata checksum of {@code length} bytes of {@code data} starting at {@code offset}. */
    static int checksum(byte[] data, int offset, int length) {
        return hashLittle(data, offset, length, 0);
    }

    /** {@code hashlittle(key, length, initval)} from lookup3.c, reading the key byte by byte. */
    static int hashLittle(byte[] data, int offset, int length, int initialValue) {
        int a = 0xdeadbeef + length + initialValue;
        int b = a;
        int c = a;
        int position = offset;
        int remaining = length;
        while (remaining > 12) {
            a += littleEndianInt(data, position);
            b += littleEndianInt(data, position + 4);
            c += littleEndianInt(data, position + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            position += 12;
            remaining -= 12;
        }
        if (remaining == 0) {
            return c;
        }
        // The last 1..12 bytes: byte k goes into word k / 4 at bit position 8 * (k % 4).
        for (int k = 0; k < remaining; k++) {
            int shifted = (data[position + k] & 0xff) << (8 * (k & 3));
            switch (k >> 2) {
                case 0 -> a += shifted;
                case 1 -> b += shifted;
                default -> c += shifted;
            }
        }
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int littleEndianInt(byte[] data, int position) {
        return (data[position] & 0xff)
                | (data[position + 1] & 0xff) << 8
                | (data[position + 2] & 0xff) << 16
                | (data[position + 3] & 0xff) << 24;
    }
}
