package io.vlastudio.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StudioPathsTest {

    private final Path home = Path.of("/home/ana");

    @Test
    void theDefaultWorkspaceFollowsXdgDataHome() {
        assertThat(StudioPaths.fromEnvironment(Map.of(), home).defaultWorkspace())
                .isEqualTo(Path.of("/home/ana/.local/share/vla-studio/workspace"));
        assertThat(StudioPaths.fromEnvironment(Map.of("XDG_DATA_HOME", "/data/xdg"), home).defaultWorkspace())
                .isEqualTo(Path.of("/data/xdg/vla-studio/workspace"));
    }

    @Test
    void vlaStudioHomeMovesTheDefaultWorkspaceWithEverythingElse() {
        StudioPaths paths = StudioPaths.fromEnvironment(Map.of("VLA_STUDIO_HOME", "/tmp/studio", "XDG_DATA_HOME", "/data/xdg"), home);
        assertThat(paths.defaultWorkspace()).isEqualTo(Path.of("/tmp/studio/workspace"));
        assertThat(paths.sampleWorkspace()).isEqualTo(Path.of("/tmp/studio/sample-workspace"));
    }
}
