package io.vlastudio.dataset.synthetic;

/** Small helpers shared by the synthetic-suite tests. */
final class EpisodeChecks {

    private EpisodeChecks() {
    }

    static double motionNorm(double[] action) {
        double s = 0;
        for (int i = 0; i < 6; i++) {
            s += action[i] * action[i];
        }
        return Math.sqrt(s);
    }

    static boolean isNoOp(double[] action) {
        return motionNorm(action) < 1e-4;
    }

    static int leadingNoOps(double[][] actions) {
        int n = 0;
        while (n < actions.length && isNoOp(actions[n])) {
            n++;
        }
        return n;
    }

    /** Centroid (u, v) of the strongly red pixels of an upright frame, or null when there are fewer than 4. */
    static double[] redCentroid(byte[] upright, int size) {
        double su = 0;
        double sv = 0;
        int n = 0;
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                int p = (v * size + u) * 3;
                int r = upright[p] & 0xFF;
                int g = upright[p + 1] & 0xFF;
                int b = upright[p + 2] & 0xFF;
                if (r > 80 && r > 1.8 * g && r > 1.8 * b) {
                    su += u + 0.5;
                    sv += v + 0.5;
                    n++;
                }
            }
        }
        return n < 4 ? null : new double[] {su / n, sv / n, n};
    }

    static double correlation(double[] a, double[] b, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
