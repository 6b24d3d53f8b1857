package io.vlastudio.app.viewer;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Turns off a scroll pane's viewport cache for content that changes on every step (plots with a moving playhead and
 * readouts). The stock skin caches its viewport as a bitmap, which pays off for still content; around moving content
 * every change invalidates it, so the whole viewport is drawn into the cache and the cache onto the window on every
 * pulse: in the software renderer, the largest cost of a scrubbing pulse (issue 12). Without it only what changed is
 * drawn.
 */
public final class LiveViewport {

    private LiveViewport() {
    }

    /** Keeps {@code pane}'s viewport uncached, now and whenever it gets a new skin. */
    public static ScrollPane of(ScrollPane pane) {
        uncache(pane);
        pane.skinProperty().addListener((o, a, skin) -> uncache(pane));
        return pane;
    }

    private static void uncache(ScrollPane pane) {
        for (Node n : pane.getChildrenUnmodifiable()) {
            if (n.getStyleClass().contains("viewport")) {
                n.setCache(false);
            }
        }
    }

    /** Whether {@code pane}'s viewport is cached (false once {@link #of} has run and the skin exists), for tests. */
    public static boolean cached(ScrollPane pane) {
        return pane.getChildrenUnmodifiable().stream().anyMatch(n -> n.getStyleClass().contains("viewport") && n.isCache());
    }
}
