package io.vlastudio.training.studio;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The image codes and action values of an export's frames, kept in one file so that reading and tokenizing the
 * frames (minutes on a loaded machine) is paid once per export and image tokenizer, not once per run.
 *
 * <p>One file per tokenizer: {@code <export>/.studio-model-cache/codes-<tokenizer fingerprint, 16 hex>.bin}. Its
 * header names the cache format, the export's {@code manifest.json} hash, the tokenizer's fingerprint, resolution and
 * codebook size; a file whose header does not match the export and tokenizer at hand is not used (a re-export or
 * another tokenizer is a miss, the file is rebuilt). Each entry also records its file's size and modification time, so
 * a frame or action changed in place (without a new manifest) is read again. The body ends with a CRC-32; a damaged
 * file is reported and rebuilt. Files are written to a temporary name and moved into place.
 */
public final class TokenCache {

    /** Bump when the layout of the file or the way frames are fitted and encoded changes. */
    static final int VERSION = 1;
    static final String MAGIC = "vla-studio-token-cache";
    public static final String DIR = ".studio-model-cache";

    /** What the cache belongs to; a file is used only when all of it matches. */
    public record Key(String manifestHash, String tokenizerFingerprint, int resolution, int codebookSize) {

        String describe() {
            return "export manifest " + ModelSpec.shortHash(manifestHash) + ", tokenizer " + ModelSpec.shortHash(tokenizerFingerprint)
                    + " (" + resolution + " px, " + codebookSize + " codes)";
        }
    }

    /** One frame's codes or one action's values, with the size and modification time of the file they came from. */
    public record Entry(long size, long modified, int[] codes, double[] action) {
    }

    /** What {@link #load} found: the entries (empty on a miss) and a line saying why it missed, or null on a hit. */
    public record Loaded(Map<String, Entry> entries, String problem) {
    }

    private TokenCache() {
    }

    /** The cache file for a tokenizer inside a cache folder. */
    public static Path file(Path cacheDir, String tokenizerFingerprint) {
        return cacheDir.resolve("codes-" + tokenizerFingerprint.substring(0, Math.min(16, tokenizerFingerprint.length())) + ".bin");
    }

    /** SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stamp (size, modification time in ms) a file has now. */
    static long[] stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new long[] {a.size(), a.lastModifiedTime().toMillis()};
    }

    /**
     * Reads a cache file. Never throws for a missing, stale or damaged file: the result is then empty and says why.
     */
    public static Loaded load(Path file, Key key) {
        if (!Files.isRegularFile(file)) {
            return new Loaded(Map.of(), "no token cache yet for " + key.describe());
        }
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc);
             DataInputStream in = new DataInputStream(checked)) {
            String magic = in.readUTF();
            int version = in.readInt();
            if (!MAGIC.equals(magic)) {
                return new Loaded(Map.of(), file + " is not a token cache (damaged?): rebuilding it");
            }
            if (version != VERSION) {
                return new Loaded(Map.of(), file + " was written by another version of the studio (format " + version
                        + ", this one reads " + VERSION + "): rebuilding it");
            }
            Key stored = new Key(in.readUTF(), in.readUTF(), in.readInt(), in.readInt());
            if (!stored.tokenizerFingerprint().equals(key.tokenizerFingerprint()) || stored.resolution() != key.resolution()
                    || stored.codebookSize() != key.codebookSize()) {
                return new Loaded(Map.of(), file + " holds codes of another image tokenizer (" + stored.describe()
                        + "; now " + key.describe() + "): rebuilding it");
            }
            if (!stored.manifestHash().equals(key.manifestHash())) {
                return new Loaded(Map.of(), "the export changed since " + file + " was written (manifest "
                        + ModelSpec.shortHash(stored.manifestHash()) + ", now " + ModelSpec.shortHash(key.manifestHash())
                        + "): rebuilding it");
            }
            int n = in.readInt();
            if (n < 0 || n > 50_000_000) {
                return new Loaded(Map.of(), file + " is damaged (entry count " + n + "): rebuilding it");
            }
            Map<String, Entry> entries = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String path = in.readUTF();
                long size = in.readLong();
                long modified = in.readLong();
                byte type = in.readByte();
                int len = in.readInt();
                if (len < 0 || len > 1 << 20) {
                    return new Loaded(Map.of(), file + " is damaged (entry " + i + " has " + len + " values): rebuilding it");
                }
                if (type == 'C') {
                    int[] codes = new int[len];
                    for (int j = 0; j < len; j++) {
                        codes[j] = in.readInt();
                    }
                    entries.put(path, new Entry(size, modified, codes, null));
                } else if (type == 'A') {
                    double[] a = new double[len];
                    for (int j = 0; j < len; j++) {
                        a[j] = in.readDouble();
                    }
                    entries.put(path, new Entry(size, modified, null, a));
                } else {
                    return new Loaded(Map.of(), file + " is damaged (entry " + i + " has type " + type + "): rebuilding it");
                }
            }
            long expected = crc.getValue();
            long recorded = in.readLong();
            if (expected != recorded) {
                return new Loaded(Map.of(), file + " is damaged (checksum mismatch): rebuilding it");
            }
            return new Loaded(entries, null);
        } catch (EOFException e) {
            return new Loaded(Map.of(), file + " is damaged (cut short): rebuilding it");
        } catch (IOException | RuntimeException e) {
            return new Loaded(Map.of(), file + " is unreadable (" + e.getMessage() + "): rebuilding it");
        }
    }

    /** Writes a cache file (to a temporary file first, then moved into place). */
    public static void save(Path file, Key key, Map<String, Entry> entries) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream raw = Files.newOutputStream(tmp);
             CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(checked)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(key.manifestHash());
            out.writeUTF(key.tokenizerFingerprint());
            out.writeInt(key.resolution());
            out.writeInt(key.codebookSize());
            out.writeInt(entries.size());
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Entry v = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(v.size());
                out.writeLong(v.modified());
                if (v.codes() != null) {
                    out.writeByte('C');
                    out.writeInt(v.codes().length);
                    for (int c : v.codes()) {
                        out.writeInt(c);
                    }
                } else {
                    out.writeByte('A');
                    out.writeInt(v.action().length);
                    for (double d : v.action()) {
                        out.writeDouble(d);
                    }
                }
            }
            out.flush();
            out.writeLong(crc.getValue());
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
