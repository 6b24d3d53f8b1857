package io.vlastudio.app.predictions;

import io.vlastudio.app.viewer.LayoutIsland;
import io.vlastudio.app.viewer.PixelFrameView;
import io.vlastudio.app.viewer.SteadyText;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One picture of the Predictions view (real, predicted or difference): a title, the frame scaled to fit with crisp
 * pixels and turned for display (the frame itself stays raw), a placeholder instead of the frame when there is none
 * ("no prediction for step 12"), and a caption.
 *
 * <p>Scrubbing changes every picture on every pulse, so the pane keeps that cheap (issue 12's 60 fps): the picture is
 * a {@link PixelFrameView} (drawn at its on-screen size, copied one to one by the renderer), and the picture, the
 * placeholder and the caption are laid out apart from the window (unmanaged, or in a {@link LayoutIsland}), so a new
 * frame or caption lays out nothing else.
 */
final class FramePane extends VBox {

    private final Label title = new Label();
    private final PixelFrameView view = new PixelFrameView(3);
    private final Label placeholder = new Label();
    private final Label caption = SteadyText.label("");
    private final LayoutIsland captionIsland = new LayoutIsland(caption, 0, true);
    private final Label notice = new Label();
    private final StackPane box = new StackPane() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            layoutPlaceholder();
        }
    };

    FramePane(String id, String titleText) {
        setId(id);
        getStyleClass().addAll("camera-pane", "prediction-pane");
        setAlignment(Pos.TOP_CENTER);
        setSpacing(2);
        setMinSize(0, 0);
        title.setText(titleText);
        title.getStyleClass().add("prediction-title");
        title.setMinWidth(0);
        title.setTooltip(new Tooltip(titleText));
        caption.getStyleClass().add("camera-caption");
        caption.setMinWidth(0);
        caption.setAlignment(Pos.CENTER);
        placeholder.getStyleClass().add("prediction-placeholder");
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setVisible(false);
        placeholder.setMinWidth(0);
        // the placeholder's text changes on every step without a prediction: unmanaged, it is laid out here alone
        placeholder.setManaged(false);
        notice.getStyleClass().add("prediction-problem");
        notice.setWrapText(true);
        notice.setVisible(false);
        notice.setMouseTransparent(false);
        StackPane.setAlignment(notice, Pos.TOP_CENTER);
        notice.maxWidthProperty().bind(widthProperty().subtract(10));
        box.getChildren().addAll(view, placeholder, notice);
        box.getStyleClass().add("frame-box");
        box.setMinSize(0, 0);
        VBox.setVgrow(box, Priority.ALWAYS);
        getChildren().addAll(title, box, captionIsland);
    }

    /** Shows {@code f}, or {@code why} over an empty box when {@code f} is null. */
    void show(Frame f, String why) {
        String text = why == null ? "" : why;
        boolean shows = f == null && !text.isEmpty();
        if (shows != placeholder.isVisible() || !text.equals(placeholder.getText())) {
            placeholder.setText(text);
            placeholder.setVisible(shows);
            layoutPlaceholder();
        }
        view.show(f);
    }

    /** Turns the picture for display (the frames are raw, as stored). */
    void setOrientation(Orientation o) {
        view.setOrientation(o);
    }

    private void layoutPlaceholder() {
        if (!placeholder.isVisible()) {
            return;
        }
        double w = Math.max(0, box.getWidth() - 12);
        double h = Math.min(box.getHeight(), placeholder.prefHeight(w));
        placeholder.resizeRelocate(Math.round((box.getWidth() - w) / 2), Math.round((box.getHeight() - h) / 2), w, h);
    }

    /** A problem of the whole column, over the top of the frame ("12 frames missing (…)"); "" for none. */
    void setNotice(String text, String details) {
        notice.setText(text.isEmpty() ? "" : "⚠ " + text);
        notice.setVisible(!text.isEmpty());
        notice.setTooltip(details.isEmpty() ? null : new Tooltip(details));
    }

    String notice() {
        return notice.isVisible() ? notice.getText() : "";
    }

    void setCaption(String text) {
        if (!text.equals(caption.getText())) {
            caption.setText(text);
            captionIsland.fit();
        }
    }

    void setTitle(String text) {
        title.setText(text);
        title.getTooltip().setText(text);
    }

    /** The frame on screen, null while the placeholder shows. */
    Frame frame() {
        return view.frame();
    }

    /** The picture as drawn on screen. */
    PixelFrameView picture() {
        return view;
    }

    String placeholderText() {
        return placeholder.isVisible() ? placeholder.getText() : "";
    }

    String caption() {
        return caption.getText();
    }
}
