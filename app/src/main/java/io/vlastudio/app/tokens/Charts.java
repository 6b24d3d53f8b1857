package io.vlastudio.app.tokens;

import io.vlastudio.dataset.Frame;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** Small drawing helpers of the tokens view: images from frames, heatmaps, sparklines and histograms. */
final class Charts {

    private Charts() {
    }

    static WritableImage image(Frame frame) {
        WritableImage image = new WritableImage(frame.width(), frame.height());
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getByteRgbInstance(), frame.rgb(), 0,
                frame.width() * 3);
        return image;
    }

    /** A heatmap of per-pixel differences (0..255): black, through red, to yellow at a difference of 64 and more. */
    static WritableImage heatmap(int[] diff, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int p = 0; p < diff.length; p++) {
            double v = Math.min(1.0, diff[p] / 64.0);
            rgb[p * 3] = (byte) (int) Math.round(255 * Math.min(1, v * 2));
            rgb[p * 3 + 1] = (byte) (int) Math.round(255 * Math.max(0, v * 2 - 1));
            rgb[p * 3 + 2] = 0;
        }
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getByteRgbInstance(), rgb, 0, width * 3);
        return image;
    }

    /** A line of {@code values} over the canvas, with a marker at {@code current}. NaN values leave gaps. */
    static void sparkline(Canvas canvas, double[] values, int current, double min, double max, Color colour) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#111317"));
        g.fillRect(0, 0, w, h);
        if (values == null || values.length == 0) {
            return;
        }
        double span = Math.max(1e-9, max - min);
        g.setStroke(colour);
        g.setLineWidth(1.2);
        g.beginPath();
        boolean pen = false;
        for (int i = 0; i < values.length; i++) {
            double x = values.length == 1 ? w / 2 : i * (w - 1) / (values.length - 1);
            double y = h - 2 - (Math.max(min, Math.min(max, values[i])) - min) / span * (h - 4);
            if (Double.isNaN(values[i])) {
                pen = false;
                continue;
            }
            if (pen) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                pen = true;
            }
        }
        g.stroke();
        if (current >= 0 && current < values.length) {
            double x = values.length == 1 ? w / 2 : current * (w - 1) / (values.length - 1);
            g.setStroke(Color.web("#d8dde6"));
            g.strokeLine(x, 0, x, h);
        }
    }

    /** Bars of {@code counts}, with the bars of zero counts marked red along the baseline. */
    static void histogram(Canvas canvas, long[] counts, boolean log, Color colour) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#111317"));
        g.fillRect(0, 0, w, h);
        if (counts == null || counts.length == 0) {
            return;
        }
        double max = 0;
        for (long c : counts) {
            max = Math.max(max, log ? Math.log1p(c) : c);
        }
        double bw = w / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double v = log ? Math.log1p(counts[i]) : counts[i];
            if (counts[i] == 0) {
                g.setFill(Color.web("#7a2e2e"));
                g.fillRect(i * bw, h - 2, Math.max(1, bw), 2);
                continue;
            }
            double bh = max == 0 ? 0 : v / max * (h - 4);
            g.setFill(colour);
            g.fillRect(i * bw, h - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
        }
    }
}
