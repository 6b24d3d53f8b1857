package io.vlastudio.dataset.synthetic;

/**
 * An RGB byte canvas (row-major HWC, row 0 at the top) with an anti-aliased convex polygon filler. Coverage is
 * estimated from the signed distance to the polygon's edges, so shapes move smoothly by sub-pixel amounts. Interior
 * spans are filled without per-pixel edge tests. Not thread-safe.
 */
final class Raster {

    private static final int MAX_VERTICES = 64;

    final int width;
    final int height;
    final byte[] pixels;

    private final double[] ea = new double[MAX_VERTICES];
    private final double[] eb = new double[MAX_VERTICES];
    private final double[] ec = new double[MAX_VERTICES];

    Raster(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = new byte[width * height * 3];
    }

    /** Fills a convex polygon (any winding) with colour {@code c} at opacity {@code alpha} (0..1). */
    void fillConvex(double[] xs, double[] ys, int n, Rgb c, double alpha) {
        fillConvex(xs, ys, n, c.r(), c.g(), c.b(), alpha);
    }

    /** Fills a convex polygon (any winding) with colour (r, g, b) at opacity {@code alpha} (0..1). */
    void fillConvex(double[] xs, double[] ys, int n, int r, int g, int b, double alpha) {
        if (n < 3 || n > MAX_VERTICES || alpha <= 0) {
            return;
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double area = 0;
        for (int i = 0; i < n; i++) {
            double x = xs[i];
            double y = ys[i];
            if (!(Math.abs(x) < 1e6 && Math.abs(y) < 1e6)) {
                return;
            }
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            int j = i + 1 == n ? 0 : i + 1;
            area += x * ys[j] - xs[j] * y;
        }
        if (maxX < -1 || minX > width + 1 || maxY < -1 || minY > height + 1 || Math.abs(area) < 1e-9) {
            return;
        }
        double sign = area > 0 ? 1 : -1;
        int m = 0;
        for (int i = 0; i < n; i++) {
            int j = i + 1 == n ? 0 : i + 1;
            double dx = xs[j] - xs[i];
            double dy = ys[j] - ys[i];
            double len = Math.sqrt(dx * dx + dy * dy);
            if (len < 1e-9) {
                continue;
            }
            double a = sign * dy / len;
            double bb = -sign * dx / len;
            ea[m] = a;
            eb[m] = bb;
            ec[m] = -(a * xs[i] + bb * ys[i]);
            m++;
        }
        int rowFrom = Math.max(0, (int) Math.floor(minY - 0.5));
        int rowTo = Math.min(height - 1, (int) Math.floor(maxY + 0.5));
        int alpha255 = (int) Math.round(alpha * 255);
        for (int row = rowFrom; row <= rowTo; row++) {
            fillRow(row, m, r, g, b, alpha, alpha255);
        }
    }

    private void fillRow(int row, int m, int r, int g, int b, double alpha, int alpha255) {
        double yc = row + 0.5;
        double outL = Double.NEGATIVE_INFINITY;
        double outR = Double.POSITIVE_INFINITY;
        double inL = Double.NEGATIVE_INFINITY;
        double inR = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            double e = eb[k] * yc + ec[k];
            double a = ea[k];
            if (Math.abs(a) < 1e-12) {
                if (e >= 0.5) {
                    return;
                }
                if (e > -0.5) {
                    inL = Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double xo = (0.5 - e) / a;
            double xi = (-0.5 - e) / a;
            if (a > 0) {
                outR = Math.min(outR, xo);
                inR = Math.min(inR, xi);
            } else {
                outL = Math.max(outL, xo);
                inL = Math.max(inL, xi);
            }
        }
        if (!(outL < outR)) {
            return;
        }
        int from = Math.max(0, (int) Math.ceil(outL - 0.5));
        int to = Math.min(width - 1, (int) Math.floor(outR - 0.5));
        int p = (row * width + from) * 3;
        for (int col = from; col <= to; col++, p += 3) {
            double xc = col + 0.5;
            if (xc >= inL && xc <= inR) {
                blend(p, r, g, b, alpha255);
                continue;
            }
            double d = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                d = Math.max(d, ea[k] * xc + eb[k] * yc + ec[k]);
            }
            double cover = 0.5 - d;
            if (cover <= 0) {
                continue;
            }
            blend(p, r, g, b, (int) Math.round(Math.min(1, cover) * alpha * 255));
        }
    }

    private void blend(int p, int r, int g, int b, int a) {
        if (a <= 0) {
            return;
        }
        if (a >= 255) {
            pixels[p] = (byte) r;
            pixels[p + 1] = (byte) g;
            pixels[p + 2] = (byte) b;
            return;
        }
        pixels[p] = (byte) mix(pixels[p] & 0xFF, r, a);
        pixels[p + 1] = (byte) mix(pixels[p + 1] & 0xFF, g, a);
        pixels[p + 2] = (byte) mix(pixels[p + 2] & 0xFF, b, a);
    }

    private static int mix(int dst, int src, int a) {
        return dst + ((src - dst) * a + (src >= dst ? 127 : -127)) / 255;
    }
}
