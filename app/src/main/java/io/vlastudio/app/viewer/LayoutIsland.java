package io.vlastudio.app.viewer;

import javafx.scene.layout.Region;

/**
 * Holds a node whose text changes on every frame (the plots' readouts, the step counter) so that its layout
 * requests stop here. A label whose text changes asks its parent for a new layout, and that request climbs to the
 * window's root: every pane on the way (split panes, tab pane, scroll pane, the other plots) is laid out again on
 * every step. The content here is unmanaged, so it is a layout root of its own: a new text lays out the content
 * alone. The island keeps the room it was given; it asks its parent for more only when the content outgrows it
 * (a wider step counter once per demo, never per frame). The viewer and the Predictions view use it.
 */
public final class LayoutIsland extends Region {

    private final Region content;
    private final boolean grows;
    private double reserved;

    /**
     * @param content  what changes often
     * @param minWidth the width kept at least
     * @param grows    whether a wider content widens the island (else the content is cut to the island's width)
     */
    public LayoutIsland(Region content, double minWidth, boolean grows) {
        this.content = content;
        this.grows = grows;
        content.setManaged(false);
        getChildren().add(content);
        getStyleClass().add("layout-island");
        reserve(minWidth);
    }

    private void reserve(double width) {
        reserved = width;
        setMinWidth(width);
        setPrefWidth(width);
        if (!grows) {
            setMaxWidth(width);
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(width);
    }

    @Override
    protected double computeMinHeight(double width) {
        return content.minHeight(width);
    }

    /**
     * Call after the content changed (a new text): a growing island that is now too narrow asks its parent for
     * more room (one layout of the parent, then never again for that width); otherwise nothing leaves the island.
     */
    public void fit() {
        if (grows) {
            double w = Math.ceil(content.prefWidth(-1));
            if (w > reserved + 0.5) {
                reserve(w);
            }
        }
    }

    @Override
    protected void layoutChildren() {
        fit();
        content.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    public Region content() {
        return content;
    }
}
