package io.vlastudio.dataset.testing;

/** The exact formulas of {@code fixtures/make_h5py_fixtures.py}, recomputed in Java. */
public final class Formulas {

    public static final int SIDE = 16;

    private Formulas() {
    }

    public static int pixel(int demo, int camera, int t, int y, int x, int c) {
        return (demo * 37 + camera * 101 + t * 31 + y * 7 + x * 3 + c * 11) % 256;
    }

    public static double action(int demo, int t, int d) {
        if (d == 6) {
            return t < 2 ? -1.0 : ((t / 5 + demo) % 2 == 0 ? -1.0 : 1.0);
        }
        if (t < 2) {
            return 0.0;
        }
        return ((t * 7 + d * 3 + demo * 5) % 17) / 16.0 - 0.5;
    }

    public static double low(int demo, int t, int d, int k) {
        return ((t * 3 + d * 5 + demo + k) % 13) / 8.0;
    }
}
