package io.vlastudio.app.theme;

import javafx.scene.Scene;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The studio's stylesheets, for every window that opens a scene (the studio window, the tokenizer preview, the mix
 * editor, dialogs). A leaf package: a window in any feature package styles itself through this class instead of
 * reaching into {@code ui} for the stylesheet, which would tie the feature back to the window that opens it.
 */
public final class Theme {

    public static final String LIGHT = "light";

    private static final String BASE = "/io/vlastudio/app/ui/studio.css";
    private static final String LIGHT_OVERRIDES = "/io/vlastudio/app/ui/studio-light.css";

    private Theme() {
    }

    /** The stylesheet URLs for {@code theme} ("dark" or "light"), base sheet first. */
    public static List<String> stylesheets(String theme) {
        List<String> sheets = new ArrayList<>();
        sheets.add(url(BASE));
        if (LIGHT.equals(theme)) {
            sheets.add(url(LIGHT_OVERRIDES));
        }
        return sheets;
    }

    /** Replaces the scene's stylesheets with those of {@code theme}. */
    public static void apply(Scene scene, String theme) {
        scene.getStylesheets().setAll(stylesheets(theme));
    }

    private static String url(String resource) {
        URL url = Objects.requireNonNull(Theme.class.getResource(resource), () -> "missing stylesheet " + resource);
        return url.toExternalForm();
    }
}
