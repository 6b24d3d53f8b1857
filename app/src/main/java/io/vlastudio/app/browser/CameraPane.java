package io.vlastudio.app.browser;

import io.vlastudio.dataset.Frame;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One camera: its name and the current frame, scaled to fit with crisp (nearest-neighbour) pixels. */
final class CameraPane extends VBox {

    private final ImageView view = new ImageView();
    private final Label caption = new Label();
    private final String camera;
    private WritableImage image;
    private Frame frame;

    CameraPane(String camera) {
        this.camera = camera;
        getStyleClass().add("camera-pane");
        setId("camera-" + camera);
        setAlignment(Pos.TOP_CENTER);
        setSpacing(6);
        caption.getStyleClass().add("camera-caption");
        caption.setText(camera);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        StackPane frameBox = new StackPane(view);
        frameBox.getStyleClass().add("frame-box");
        frameBox.setMinSize(0, 0);
        view.fitWidthProperty().bind(frameBox.widthProperty().subtract(8));
        view.fitHeightProperty().bind(frameBox.heightProperty().subtract(8));
        VBox.setVgrow(frameBox, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(caption, frameBox);
    }

    void show(Frame frame) {
        if (frame == null) {
            return;
        }
        if (image == null || image.getWidth() != frame.width() || image.getHeight() != frame.height()) {
            image = new WritableImage(frame.width(), frame.height());
            view.setImage(image);
        }
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getByteRgbInstance(),
                frame.rgb(), 0, frame.width() * 3);
        caption.setText(camera + "   " + frame.width() + "×" + frame.height() + "   " + frame.orientation().id());
        this.frame = frame;
    }

    /** The frame now shown (for tests and screenshots). */
    Frame frame() {
        return frame;
    }
}
