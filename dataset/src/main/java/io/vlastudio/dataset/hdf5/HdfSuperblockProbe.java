package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.DatasetException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Checks, before any HDF5 library sees a file, that it starts with the HDF5 signature (at 0, 512, 1024, ...)
 * and is at least as long as its superblock's end-of-file address says. A foreign or cut-off file then gets
 * a precise message instead of a parser stack trace.
 */
final class HdfSuperblockProbe {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private HdfSuperblockProbe() {
    }

    /**
     * Checks the file and returns its base address: where the superblock is (0, or after a user block of 512,
     * 1024, ... bytes). Object addresses in the file (data addresses of datasets) are relative to it.
     */
    static long check(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < SIGNATURE.length) {
            throw new DatasetException.NotHdf5Exception(file, size == 0 ? "an empty file" : "a file of only " + size + " bytes");
        }
        long base = -1;
        for (long offset = 0; offset + SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
            if (matchesSignature(channel, offset)) {
                base = offset;
                break;
            }
        }
        if (base < 0) {
            throw new DatasetException.NotHdf5Exception(file, "no HDF5 signature (starts with " + describeStart(channel) + ")");
        }
        ByteBuffer sb = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(sb, base);
        sb.flip();
        if (sb.remaining() < 9) {
            throw new DatasetException.TruncatedFileException(file, "/", base + 64, size);
        }
        int version = sb.get(8) & 0xFF;
        long eofAddress;
        int sizeOfOffsets;
        if (version <= 1) {
            sizeOfOffsets = sb.get(13) & 0xFF;
            int addressesAt = version == 0 ? 24 : 28;
            eofAddress = readAddress(sb, addressesAt + 2 * sizeOfOffsets, sizeOfOffsets);
        } else {
            sizeOfOffsets = sb.get(9) & 0xFF;
            eofAddress = readAddress(sb, 12 + 2 * sizeOfOffsets, sizeOfOffsets);
        }
        if (eofAddress < 0) {
            throw new DatasetException.TruncatedFileException(file, "/", base + 64, size);
        }
        // libhdf5 counts a user block in the end-of-file address (a file with a 512-byte user block and
        // base address 512 stores its full length there), so the address is compared with the length as is
        if (eofAddress > size) {
            throw new DatasetException.TruncatedFileException(file, "/", eofAddress, size);
        }
        return base;
    }

    private static long readAddress(ByteBuffer sb, int at, int width) {
        if (width != 8 && width != 4) {
            return -1;
        }
        if (at + width > sb.limit()) {
            return -1;
        }
        return width == 8 ? sb.getLong(at) : Integer.toUnsignedLong(sb.getInt(at));
    }

    private static boolean matchesSignature(FileChannel channel, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIGNATURE.length);
        channel.read(b, offset);
        if (b.position() < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b.get(i) != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describeStart(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        channel.read(b, 0);
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < b.position(); i++) {
            s.append(String.format("%02x", b.get(i)));
        }
        return s.toString();
    }
}
