package io.vlastudio.app;

import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SampleWorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void isGeneratedOnceUnderTheStudioHomeAndOpens() throws Exception {
        AppContext context = new AppContext(new StudioPaths(dir));
        SampleWorkspace sample = context.sampleWorkspace();
        assertThat(sample.isReady()).isFalse();
        Path suite = sample.ensure(Progress.NONE, () -> false);
        assertThat(sample.isReady()).isTrue();
        assertThat(suite).isEqualTo(dir.resolve("sample-workspace/libero_sample"));
        long modified = Files.getLastModifiedTime(Files.list(suite).findFirst().orElseThrow()).toMillis();
        sample.ensure(Progress.NONE, () -> false);
        assertThat(Files.getLastModifiedTime(Files.list(suite).findFirst().orElseThrow()).toMillis()).isEqualTo(modified);
        try (DatasetScanner.ScanResult r = new DatasetScanner(new Hdf5DemoReader()).open(List.of(suite))) {
            assertThat(r.errors()).isEmpty();
            assertThat(r.files()).hasSize(4).allSatisfy(f -> assertThat(f.demos()).hasSize(10));
        }
    }

    @Test
    void followsXdgDataHomeAndLetsVlaStudioHomeOverrideIt() {
        Path home = Path.of("/home/u");
        assertThat(StudioPaths.fromEnvironment(Map.of(), home).dataHome()).isEqualTo(Path.of("/home/u/.local/share/vla-studio"));
        assertThat(StudioPaths.fromEnvironment(Map.of("XDG_DATA_HOME", "/data"), home).dataHome()).isEqualTo(Path.of("/data/vla-studio"));
        assertThat(StudioPaths.fromEnvironment(Map.of("XDG_DATA_HOME", "relative"), home).dataHome())
                .isEqualTo(Path.of("/home/u/.local/share/vla-studio"));
        assertThat(StudioPaths.fromEnvironment(Map.of("VLA_STUDIO_HOME", "/tmp/x", "XDG_DATA_HOME", "/data"), home).dataHome())
                .isEqualTo(Path.of("/tmp/x"));
    }
}
