package io.vlastudio.app.predictions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding FFmpeg's libraries where the loader looks, and saying clearly what is missing. */
class MediaSupportTest {

    @TempDir
    Path dir;

    private Path lib(String folder, String... names) throws Exception {
        Path d = Files.createDirectories(dir.resolve(folder));
        for (String n : names) {
            Files.write(d.resolve(n), new byte[0]);
        }
        return d;
    }

    @Test
    void aVersionWithBothLibrariesIsEnoughEvenAcrossFolders() throws Exception {
        Path a = lib("a", "libavcodec.so.59");
        Path b = lib("b", "libavformat.so.59");
        assertThat(MediaSupport.problem("Linux", List.of(a, b))).isEmpty();
        assertThat(MediaSupport.problem("Linux", List.of(lib("c", "libavcodec.so.60", "libavformat.so.60")))).isEmpty();
    }

    @Test
    void missingOrMismatchedLibrariesAreNamedWithTheInstallCommand() throws Exception {
        Path none = lib("none");
        assertThat(MediaSupport.problem("Linux", List.of(none))).hasValueSatisfying(m -> assertThat(m)
                .contains("FFmpeg's libavcodec and libavformat (versions 54 to 60), and they were not found (looked in " + none + ")")
                .contains("sudo apt install libavcodec59 libavformat59")
                .contains("Rates, episodes and problems are not affected"));
        Path mixed = lib("mixed", "libavcodec.so.59", "libavformat.so.60");
        assertThat(MediaSupport.problem("Linux", List.of(mixed))).hasValueSatisfying(m -> assertThat(m)
                .contains("no version has both (found only libavformat.so.60, libavcodec.so.59)"));
        // FFmpeg 7 is too new for JavaFX 21's plug-ins
        assertThat(MediaSupport.problem("Linux", List.of(lib("new", "libavcodec.so.61", "libavformat.so.61")))).isPresent();
        // other systems bring their own decoders
        assertThat(MediaSupport.problem("Windows 11", List.of(none))).isEmpty();
        assertThat(MediaSupport.problem("Mac OS X", List.of(none))).isEmpty();
    }

    @Test
    void readsLdSoConfAndItsIncludes() throws Exception {
        Path conf = dir.resolve("ld.so.conf");
        Files.createDirectories(dir.resolve("ld.so.conf.d"));
        Files.writeString(conf, "# comment\ninclude " + dir.resolve("ld.so.conf.d") + "/*.conf\n/opt/first\n");
        Files.writeString(dir.resolve("ld.so.conf.d/b.conf"), "/opt/b # trailing comment\n");
        Files.writeString(dir.resolve("ld.so.conf.d/a.conf"), "/opt/a\n");
        Files.writeString(dir.resolve("ld.so.conf.d/skip.txt"), "/opt/not\n");
        assertThat(MediaSupport.ldSoConf(conf)).containsExactly(Path.of("/opt/a"), Path.of("/opt/b"), Path.of("/opt/first"));
        assertThat(MediaSupport.ldSoConf(dir.resolve("missing.conf"))).isEmpty();
    }

    @Test
    void thisMachineHasThemTheTestsPlayVideosWithThem() {
        // .ci/run installs libavcodec59 and libavformat59: the real lookup finds them
        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertThat(MediaSupport.problem()).isEmpty();
        }
    }
}
