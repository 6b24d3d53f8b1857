package io.vlastudio.training.predictions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Real MP4s written by ffmpeg (video only, H.264 with libx264, MPEG-4 Part 2 where libx264 is missing), and the
 * broken files a real evaluation folder ends up with. Shared with app's CLI and UI tests.
 */
public final class EvalVideoFixtures {

    private static Boolean libx264;

    private EvalVideoFixtures() {
    }

    /** Whether this ffmpeg has libx264 ({@code ffmpeg -encoders}). */
    public static synchronized boolean hasLibx264() throws IOException, InterruptedException {
        if (libx264 == null) {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            libx264 = out.contains("libx264");
        }
        return libx264;
    }

    /** {@code seconds} of lavfi {@code source} (testsrc, testsrc2, smptebars, ...) at 128², 10 fps, H.264 when available. */
    public static Path encode(Path out, String source, double seconds) throws IOException, InterruptedException {
        return encode(out, source, seconds, hasLibx264() ? "libx264" : "mpeg4");
    }

    /** As {@link #encode(Path, String, double)} with an explicit encoder ({@code libx264}, {@code mpeg4}). */
    public static Path encode(Path out, String source, double seconds, String encoder) throws IOException, InterruptedException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", source + "=size=128x128:rate=10", "-t", Double.toString(seconds), "-pix_fmt", "yuv420p", "-c:v", encoder));
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.isRegularFile(out)) {
            throw new IOException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + log);
        }
        return out;
    }

    /** {@code src} without its first {@code bytes} bytes. */
    public static Path cutHead(Path src, Path dst, int bytes) throws IOException {
        byte[] b = Files.readAllBytes(src);
        return write(dst, Arrays.copyOfRange(b, bytes, b.length));
    }

    /** {@code src} without its last {@code bytes} bytes. */
    public static Path cutTail(Path src, Path dst, int bytes) throws IOException {
        byte[] b = Files.readAllBytes(src);
        return write(dst, Arrays.copyOf(b, b.length - bytes));
    }

    public static Path randomBytes(Path dst, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return write(dst, b);
    }

    public static Path text(Path dst, String text) throws IOException {
        return write(dst, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path write(Path dst, byte[] b) throws IOException {
        Files.createDirectories(dst.toAbsolutePath().getParent());
        return Files.write(dst, b);
    }
}
