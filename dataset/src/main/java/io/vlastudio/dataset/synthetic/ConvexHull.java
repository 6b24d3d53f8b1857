package io.vlastudio.dataset.synthetic;

/** Andrew's monotone chain for the small point sets of projected shapes. Stateless. */
final class ConvexHull {

    private ConvexHull() {
    }

    /**
     * Writes the convex hull of the first {@code n} points into {@code hx}/{@code hy} (counter-clockwise in a y-up
     * frame) and returns its vertex count. The input arrays are reordered.
     */
    static int of(double[] xs, double[] ys, int n, double[] hx, double[] hy) {
        for (int i = 1; i < n; i++) {
            double x = xs[i];
            double y = ys[i];
            int j = i - 1;
            while (j >= 0 && (xs[j] > x || (xs[j] == x && ys[j] > y))) {
                xs[j + 1] = xs[j];
                ys[j + 1] = ys[j];
                j--;
            }
            xs[j + 1] = x;
            ys[j + 1] = y;
        }
        if (n < 3) {
            System.arraycopy(xs, 0, hx, 0, n);
            System.arraycopy(ys, 0, hy, 0, n);
            return n;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], xs[i], ys[i]) <= 0) {
                k--;
            }
            hx[k] = xs[i];
            hy[k] = ys[i];
            k++;
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], xs[i], ys[i]) <= 0) {
                k--;
            }
            hx[k] = xs[i];
            hy[k] = ys[i];
            k++;
        }
        return k - 1;
    }

    private static double cross(double ox, double oy, double ax, double ay, double bx, double by) {
        return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
    }
}
