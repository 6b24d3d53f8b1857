package io.vlastudio.training.predictions;

import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.MP4Packet;
import org.jcodec.containers.mp4.MP4Util;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Checks that an MP4 is whole without decoding it (no JavaFX here): JCodec walks the top-level boxes, which must
 * start with a known box and tile the file exactly (a cut file leaves its last box short), parses the movie header
 * and reads every sample of the first video track from where the sample tables say it lies.
 */
final class Mp4Probe {

    /** Top-level boxes of ISO base media files (ISO/IEC 14496-12) and QuickTime. */
    private static final Set<String> TOP_LEVEL = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "moof",
            "mfra", "styp", "sidx", "ssix", "prft", "pdin", "meta", "meco", "emsg", "pnot", "junk");

    private Mp4Probe() {
    }

    /** The reason a video cannot be read, as a sentence without the file name. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason);
        }
    }

    static Mp4Info probe(Path file) throws Unreadable, IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new Unreadable("empty file (0 bytes)");
        }
        if (size < 8) {
            throw new Unreadable("not an MP4: only " + size + " bytes");
        }
        try (SeekableByteChannel ch = NIOUtils.readableChannel(file.toFile())) {
            checkBoxes(file, ch, size);
            MP4Demuxer demuxer;
            try {
                ch.setPosition(0);
                demuxer = MP4Demuxer.createMP4Demuxer(ch);
            } catch (IOException | RuntimeException e) {
                throw new Unreadable("corrupt movie header ('moov' box): " + describe(e));
            }
            List<DemuxerTrack> video = demuxer.getVideoTracks();
            if (video.isEmpty()) {
                throw new Unreadable("no video track");
            }
            DemuxerTrack track = video.get(0);
            try {
                return readTrack(track, size);
            } catch (IOException | RuntimeException e) {
                throw new Unreadable("corrupt video track: " + describe(e));
            }
        }
    }

    private static void checkBoxes(Path file, SeekableByteChannel ch, long size) throws Unreadable, IOException {
        List<MP4Util.Atom> atoms;
        try {
            atoms = MP4Util.getRootAtoms(ch);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("not an MP4: its box structure cannot be read (" + describe(e) + ")");
        }
        if (atoms.isEmpty() || !TOP_LEVEL.contains(atoms.get(0).getHeader().getFourcc())) {
            throw new Unreadable("not an MP4: it does not start with an MP4 box (" + head(file) + ")");
        }
        long end = 0;
        boolean moov = false;
        for (MP4Util.Atom atom : atoms) {
            String fourcc = atom.getHeader().getFourcc();
            long off = atom.getOffset();
            long boxSize = atom.getHeader().getSize();
            if (!printable(fourcc)) {
                throw new Unreadable("corrupt box at byte " + off + " (type bytes are not text)");
            }
            if (boxSize < atom.getHeader().headerSize()) {
                throw new Unreadable("corrupt '" + fourcc + "' box at byte " + off + " (size " + boxSize + ")");
            }
            if (off + boxSize > size) {
                throw new Unreadable("truncated: the '" + fourcc + "' box at byte " + off + " needs " + boxSize
                        + " bytes but the file ends " + (size - off) + " bytes after it starts");
            }
            moov |= "moov".equals(fourcc);
            end = off + boxSize;
        }
        if (end != size) {
            throw new Unreadable("corrupt box structure at byte " + end + " (of " + size + ")");
        }
        if (!moov) {
            throw new Unreadable("no movie header ('moov' box): the file was cut or never finished writing");
        }
    }

    private static Mp4Info readTrack(DemuxerTrack track, long size) throws Unreadable, IOException {
        DemuxerTrackMeta meta = track.getMeta();
        String fourcc = track instanceof AbstractMP4DemuxerTrack t ? t.getFourcc() : null;
        String codec = meta.getCodec() != null ? meta.getCodec().name()
                : "mp4v".equals(fourcc) ? "MPEG-4 Part 2 (mp4v)" : fourcc != null ? fourcc : "unknown";
        int width = 0;
        int height = 0;
        if (meta.getVideoCodecMeta() != null && meta.getVideoCodecMeta().getSize() != null) {
            Size s = meta.getVideoCodecMeta().getSize();
            width = s.getWidth();
            height = s.getHeight();
        }
        int frames = 0;
        Packet p;
        while ((p = track.nextFrame()) != null) {
            if (p instanceof MP4Packet mp) {
                long endOfSample = mp.getFileOff() + mp.getSize();
                if (endOfSample > size || p.getData() == null || p.getData().remaining() < mp.getSize()) {
                    throw new Unreadable("truncated: frame " + frames + " lies at bytes " + mp.getFileOff() + "-" + endOfSample
                            + ", past the end of the file (" + size + " bytes)");
                }
            }
            frames++;
        }
        if (frames == 0) {
            throw new Unreadable("the video track has no frames");
        }
        boolean playable = "H264".equals(codec) || "H265".equals(codec)
                || (fourcc != null && Set.of("avc1", "avc3", "hvc1", "hev1").contains(fourcc));
        return new Mp4Info(codec, width, height, frames, meta.getTotalDuration(), playable);
    }

    private static boolean printable(String fourcc) {
        if (fourcc == null || fourcc.length() != 4) {
            return false;
        }
        for (char c : fourcc.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                if (c != 0xa9) { // QuickTime's © boxes
                    return false;
                }
            }
        }
        return true;
    }

    /** The first bytes, as text when they are text: says what the file really is. */
    private static String head(Path file) throws IOException {
        byte[] b;
        try (var in = Files.newInputStream(file)) {
            b = in.readNBytes(16);
        }
        boolean text = true;
        for (byte x : b) {
            text &= (x >= 0x20 && x < 0x7f) || x == '\n' || x == '\r' || x == '\t';
        }
        if (text) {
            return "it starts with the text \"" + new String(b, StandardCharsets.US_ASCII).replaceAll("\\s+", " ").strip() + "\"";
        }
        StringBuilder hex = new StringBuilder("it starts with bytes");
        for (int i = 0; i < Math.min(8, b.length); i++) {
            hex.append(String.format(" %02x", b[i] & 0xff));
        }
        return hex.toString();
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
