package io.vlastudio.app.viewer;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.function.Consumer;

/**
 * One camera: its name, its own orientation menu, and the current frame scaled to fit with crisp
 * (nearest-neighbour) pixels. The image is reused from frame to frame; only its pixels change.
 */
public final class CameraPane extends VBox {

    private final ImageView view = new ImageView();
    /** Holds the frame, centred, scaled to fit. */
    private final Region frameBox = new Region() {
        {
            getChildren().add(view);
        }

        @Override
        protected void layoutChildren() {
            Bounds b = view.getLayoutBounds();
            view.relocate(snapPositionX((getWidth() - b.getWidth()) / 2), snapPositionY((getHeight() - b.getHeight()) / 2));
        }
    };
    private final Label caption = new Label();
    private final ChoiceBox<Orientation> orientation = new ChoiceBox<>();
    private final String camera;
    private WritableImage image;
    private Frame frame;
    private boolean updating;

    CameraPane(String camera, Consumer<Orientation> onOrientation) {
        this.camera = camera;
        getStyleClass().add("camera-pane");
        setId("camera-" + camera);
        setAlignment(Pos.TOP_CENTER);
        setSpacing(4);
        caption.getStyleClass().add("camera-caption");
        caption.setText(camera);
        orientation.setId("orientation-" + camera);
        orientation.getItems().setAll(Orientation.values());
        orientation.setConverter(new StringConverter<>() {
            @Override
            public String toString(Orientation o) {
                return o == null ? "" : switch (o) {
                    case RAW -> "Raw";
                    case UPRIGHT -> "Upright";
                    case ROT180 -> "Rotate 180°";
                };
            }

            @Override
            public Orientation fromString(String s) {
                return null;
            }
        });
        orientation.valueProperty().addListener((obs, o, n) -> {
            if (!updating && n != null) {
                onOrientation.accept(n);
            }
        });
        orientation.setFocusTraversable(false);
        orientation.setTooltip(new javafx.scene.control.Tooltip("Raw: as stored (LIBERO stores frames bottom-up) · "
                + "Upright: rows flipped · Rotate 180°: what OpenVLA and WorldVLA train on. Remembered per dataset."));
        caption.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        orientation.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // a narrow pane (two cameras at 1024 px) puts the menu under the name rather than cutting either short
        javafx.scene.layout.FlowPane header = new javafx.scene.layout.FlowPane(8, 4, caption, orientation);
        header.setAlignment(Pos.CENTER_LEFT);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        // the image view is unmanaged: new pixels every frame invalidate its bounds, and a managed child would ask
        // every pane up to the window's root for a layout on each frame (issue 14's scrub cost)
        view.setManaged(false);
        frameBox.getStyleClass().add("frame-box");
        frameBox.setMinSize(0, 0);
        view.fitWidthProperty().bind(frameBox.widthProperty().subtract(8));
        view.fitHeightProperty().bind(frameBox.heightProperty().subtract(8));
        VBox.setVgrow(frameBox, Priority.ALWAYS);
        getChildren().addAll(header, frameBox);
    }

    void setOrientation(Orientation o) {
        updating = true;
        orientation.setValue(o);
        updating = false;
    }

    void show(Frame f) {
        if (f == null) {
            return;
        }
        if (image == null || image.getWidth() != f.width() || image.getHeight() != f.height()) {
            image = new WritableImage(f.width(), f.height());
            view.setImage(image);
            frameBox.requestLayout(); // a new size: centre it again
        }
        image.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteRgbInstance(), f.rgb(), 0,
                f.width() * 3);
        caption.setText(camera + "   " + f.width() + "×" + f.height());
        this.frame = f;
    }

    /** The frame now shown (for tests and benchmarks). */
    public Frame frame() {
        return frame;
    }
}
