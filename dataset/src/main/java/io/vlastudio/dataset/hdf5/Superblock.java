package io.vlastudio.dataset.hdf5;

/** Encodes the version 2 superblock (spec III.A.1), which always sits at address 0. */
final class Superblock {

    /** Encoded size: signature 8, four 1-byte fields, four 8-byte addresses, checksum 4. */
    static final int SIZE = 48;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Superblock() {
    }

    static byte[] encode(long rootObjectHeaderAddress, long endOfFileAddress) {
        return new ByteSink(SIZE)
                .bytes(SIGNATURE)
                .u8(2)                                   // superblock version
                .u8(8)                                   // size of offsets
                .u8(8)                                   // size of lengths
                .u8(0)                                   // file consistency flags
                .u64(0)                                  // base address
                .u64(FileStore.UNDEFINED_ADDRESS)        // superblock extension address
                .u64(endOfFileAddress)
                .u64(rootObjectHeaderAddress)
                .checksum()
                .toByteArray();
    }
}
