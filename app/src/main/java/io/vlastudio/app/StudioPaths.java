package io.vlastudio.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the studio keeps its files, following the XDG base directory convention on Linux:
 * {@code $XDG_DATA_HOME/vla-studio} (default {@code ~/.local/share/vla-studio}). {@code VLA_STUDIO_HOME}
 * overrides it (tests and portable installs use that).
 */
public record StudioPaths(Path dataHome) {

    public static StudioPaths fromEnvironment(Map<String, String> env, Path userHome) {
        String override = env.get("VLA_STUDIO_HOME");
        if (override != null && !override.isBlank()) {
            return new StudioPaths(Path.of(override));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : userHome.resolve(".local/share");
        return new StudioPaths(base.resolve("vla-studio"));
    }

    /**
     * The user's default workspace folder ({@code workspace.db} with the catalog, reviews and history), used when no
     * {@code --workspace} is given.
     */
    public Path defaultWorkspace() {
        return dataHome.resolve("workspace");
    }

    /** The built-in image tokenizer the studio trains on workspace frames (tokens view, {@code tokens images}). */
    public Path builtinTokenizer() {
        return dataHome.resolve("tokenizers").resolve("builtin");
    }

    /** The built-in sample workspace, generated on first start. */
    public Path sampleWorkspace() {
        return dataHome.resolve("sample-workspace");
    }
}
