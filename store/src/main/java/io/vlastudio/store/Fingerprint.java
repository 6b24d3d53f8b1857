package io.vlastudio.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's content fingerprint without reading the whole file (LIBERO files are 1-40 GB): SHA-256 of its size, its
 * first 64 KiB and its last 64 KiB. HDF5 keeps the superblock and root group at the start and (h5py, and our own
 * writer) object headers and heaps spread over or at the end of the file, so any change of structure, attributes or
 * length changes the fingerprint; the catalog also keeps a hash of the demo structure it read. Used to tell a
 * touched file from a changed one, and to recognise a moved file. Files are opened read-only.
 */
public final class Fingerprint {

    static final int EDGE = 64 * 1024;

    private Fingerprint() {
    }

    /** The content fingerprint of a file: SHA-256 of its size and its first and last 64 KiB (ADR 0007). */
    public static String of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            MessageDigest sha = sha256();
            sha.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(size).flip());
            sha.update(read(channel, 0, (int) Math.min(EDGE, size)));
            if (size > EDGE) {
                long start = Math.max(EDGE, size - EDGE);
                sha.update(read(channel, start, (int) (size - start)));
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
