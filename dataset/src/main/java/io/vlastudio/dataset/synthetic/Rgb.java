package io.vlastudio.dataset.synthetic;

/**
 * An sRGB colour with 8-bit channels.
 *
 * @param r red, 0..255
 * @param g green, 0..255
 * @param b blue, 0..255
 */
public record Rgb(int r, int g, int b) {

    /** Validates the channels. */
    public Rgb {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            throw new IllegalArgumentException("channel out of 0..255: " + r + "," + g + "," + b);
        }
    }

    /** This colour with every channel multiplied by {@code factor} (rounded, clamped to 0..255). */
    Rgb scaled(double factor) {
        return new Rgb(clamp(r * factor), clamp(g * factor), clamp(b * factor));
    }

    /** Euclidean distance between this colour and the given channels. */
    public double distanceTo(int red, int green, int blue) {
        double dr = r - red;
        double dg = g - green;
        double db = b - blue;
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static int clamp(double v) {
        long x = Math.round(v);
        return (int) Math.max(0, Math.min(255, x));
    }
}
