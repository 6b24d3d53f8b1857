package io.vlastudio.app.predictions;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One picture of the Predictions view (real, predicted or difference): a title, the frame scaled to fit with crisp
 * pixels and turned for display by the image view (the pixels stay raw), a placeholder instead of the frame when
 * there is none ("no prediction for step 12"), and a caption. The image is reused; only its pixels change.
 */
final class FramePane extends VBox {

    private final Label title = new Label();
    private final ImageView view = new ImageView();
    private final Label placeholder = new Label();
    private final Label caption = new Label();
    private final Label notice = new Label();
    private WritableImage image;
    private Frame frame;

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
        placeholder.getStyleClass().add("prediction-placeholder");
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        placeholder.setVisible(false);
        placeholder.setMinWidth(0);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        notice.getStyleClass().add("prediction-problem");
        notice.setWrapText(true);
        notice.setVisible(false);
        notice.setMouseTransparent(false);
        StackPane.setAlignment(notice, Pos.TOP_CENTER);
        notice.maxWidthProperty().bind(widthProperty().subtract(10));
        StackPane box = new StackPane(view, placeholder, notice);
        box.getStyleClass().add("frame-box");
        box.setMinSize(0, 0);
        view.fitWidthProperty().bind(box.widthProperty().subtract(6));
        view.fitHeightProperty().bind(box.heightProperty().subtract(6));
        placeholder.maxWidthProperty().bind(box.widthProperty().subtract(12));
        VBox.setVgrow(box, Priority.ALWAYS);
        getChildren().addAll(title, box, caption);
    }

    /** Shows {@code f}, or {@code why} over an empty box when {@code f} is null. */
    void show(Frame f, String why) {
        this.frame = f;
        boolean none = f == null;
        view.setVisible(!none);
        placeholder.setVisible(none && why != null && !why.isEmpty());
        placeholder.setText(why == null ? "" : why);
        if (none) {
            return;
        }
        if (image == null || image.getWidth() != f.width() || image.getHeight() != f.height()) {
            image = new WritableImage(f.width(), f.height());
            view.setImage(image);
        }
        image.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteRgbInstance(), f.rgb(), 0,
                f.width() * 3);
    }

    /** Turns the picture for display (the frames are raw, as stored). */
    void setOrientation(Orientation o) {
        view.setScaleY(o == Orientation.RAW ? 1 : -1);
        view.setScaleX(o == Orientation.ROT180 ? -1 : 1);
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
        caption.setText(text);
    }

    void setTitle(String text) {
        title.setText(text);
        title.getTooltip().setText(text);
    }

    /** The frame on screen, null while the placeholder shows. */
    Frame frame() {
        return frame;
    }

    String placeholderText() {
        return placeholder.isVisible() ? placeholder.getText() : "";
    }

    String caption() {
        return caption.getText();
    }
}
