package io.vlastudio.app.viewer;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.function.Consumer;

/**
 * One camera: its name, its own orientation menu, and the current frame scaled to fit with crisp
 * (nearest-neighbour) pixels ({@link PixelFrameView}). The image is reused from frame to frame; only its pixels change.
 */
public final class CameraPane extends VBox {

    /** The current frame, scaled to fit and centred (drawn at its on-screen size: see PixelFrameView). */
    private final PixelFrameView frameBox = new PixelFrameView(4);
    private final Label caption = new Label();
    private final ChoiceBox<Orientation> orientation = new ChoiceBox<>();
    private final String camera;
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
        frameBox.getStyleClass().add("frame-box");
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
        frameBox.show(f);
        caption.setText(camera + "   " + f.width() + "×" + f.height());
    }

    /** The frame now shown (for tests and benchmarks). */
    public Frame frame() {
        return frameBox.frame();
    }
}
