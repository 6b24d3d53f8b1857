package io.vlastudio.app.viewer;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

import java.nio.IntBuffer;

/**
 * A frame scaled to fit this region (aspect kept, centred, a margin of {@code inset} all round) with crisp
 * (nearest-neighbour) pixels, optionally turned for display. Made for scrubbing, where every picture changes on every
 * pulse and the software renderer draws them all:
 * <ul>
 * <li>the frame is scaled and turned here, on the FX thread, into an image of exactly its size on screen in device
 * pixels, kept in a {@link PixelBuffer} of the renderer's own format (premultiplied int ARGB). The renderer then copies
 * it one to one; an image view scaling a 256×256 frame and the per-frame byte-RGB conversion made the renderer spend
 * most of a pulse resampling pictures (issue 12);</li>
 * <li>the image view is unmanaged: new pixels lay out nothing (a managed child asks every pane up to the window's root
 * for a layout on each frame, issue 14);</li>
 * <li>the image and its buffer are reused; a new one is made only when the region changes size.</li>
 * </ul>
 * The frame itself is never changed: {@link #frame()} is the frame as given.
 */
public final class PixelFrameView extends Region {

    private final double inset;
    private final ImageView view = new ImageView();
    private Orientation orientation = Orientation.RAW;
    private Frame frame;
    /** The frame whose pixels the buffer holds (null: to draw). */
    private Frame drawn;
    private Orientation drawnOrientation;
    private int[] pixels = new int[0];
    private PixelBuffer<IntBuffer> buffer;
    private int[] columns = new int[0];

    /** @param inset the margin between the picture and the region's edge */
    public PixelFrameView(double inset) {
        this.inset = inset;
        view.setManaged(false);
        view.setPreserveRatio(false);
        view.setSmooth(false);
        getChildren().add(view);
        setMinSize(0, 0);
    }

    /** Shows {@code f} (null: nothing). */
    public void show(Frame f) {
        frame = f;
        view.setVisible(f != null);
        drawn = null;
        draw();
    }

    /** Turns the picture for display (RAW: as the frame is). */
    public void setOrientation(Orientation o) {
        if (o != orientation) {
            orientation = o;
            draw();
        }
    }

    public Orientation orientation() {
        return orientation;
    }

    /** The frame shown, as given. */
    public Frame frame() {
        return frame;
    }

    @Override
    protected void layoutChildren() {
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 0;
    }

    /**
     * Draws the frame, fitted with its aspect kept, into an image of exactly its on-screen size in device pixels
     * (nearest neighbour, sampled at pixel centres, turned as asked), and centres it on whole device pixels.
     */
    private void draw() {
        Frame f = frame;
        if (f == null || f.width() <= 0 || f.height() <= 0) {
            return;
        }
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        double fit = Math.min((getWidth() - 2 * inset) / f.width(), (getHeight() - 2 * inset) / f.height());
        int w = (int) Math.floor(f.width() * fit * scale);
        int h = (int) Math.floor(f.height() * fit * scale);
        if (w < 1 || h < 1) {
            view.setImage(null);
            buffer = null;
            drawn = null;
            return;
        }
        if (buffer == null || buffer.getWidth() != w || buffer.getHeight() != h) {
            pixels = new int[w * h];
            buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            view.setImage(new WritableImage(buffer));
            view.setFitWidth(w / scale);
            view.setFitHeight(h / scale);
            drawn = null;
        }
        view.relocate(Math.round((getWidth() * scale - w) / 2) / scale, Math.round((getHeight() * scale - h) / 2) / scale);
        if (drawn == f && drawnOrientation == orientation) {
            return;
        }
        resample(f, w, h);
        drawn = f;
        drawnOrientation = orientation;
        buffer.updateBuffer(b -> null);
    }

    /** Nearest-neighbour scaling of the frame into {@link #pixels} ({@code w×h}, opaque ARGB), turned for display. */
    private void resample(Frame f, int w, int h) {
        int fw = f.width();
        int fh = f.height();
        boolean flipRows = orientation != Orientation.RAW;
        boolean flipColumns = orientation == Orientation.ROT180;
        if (columns.length != w) {
            columns = new int[w];
        }
        int[] cols = columns;
        for (int x = 0; x < w; x++) {
            int sx = Math.min(fw - 1, (int) ((x + 0.5) * fw / w));
            cols[x] = 3 * (flipColumns ? fw - 1 - sx : sx);
        }
        byte[] rgb = f.rgb();
        int[] out = pixels;
        for (int y = 0; y < h; y++) {
            int sy = Math.min(fh - 1, (int) ((y + 0.5) * fh / h));
            int row = (flipRows ? fh - 1 - sy : sy) * fw * 3;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int i = row + cols[x];
                out[o + x] = 0xFF000000 | (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
            }
        }
    }

    /** The picture as drawn on screen (opaque ARGB, row by row, {@link #drawnSize()} device pixels), for tests. */
    public int[] drawnPixels() {
        return pixels.clone();
    }

    /** The drawn picture's size in device pixels, {width, height}; {0, 0} before it was drawn. */
    public int[] drawnSize() {
        return buffer == null ? new int[2] : new int[] {buffer.getWidth(), buffer.getHeight()};
    }
}
