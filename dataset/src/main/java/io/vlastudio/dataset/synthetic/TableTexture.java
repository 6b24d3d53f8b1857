package io.vlastudio.dataset.synthetic;

import java.util.Arrays;

/**
 * A top-down colour map of the table surface (wooden planks, plus the target painted on top), sampled by both
 * cameras: bilinearly when magnified, nearest-texel when a pixel covers a texel or more. Texels are 1.5 mm and packed
 * as {@code 0xRRGGBB} ints, stored x-major so that consecutive y are adjacent in memory. Immutable once built.
 */
final class TableTexture {

    static final double X0 = -0.62;
    static final double Y0 = -0.62;
    static final double X1 = 0.40;
    static final double Y1 = 0.62;
    static final double RES = 0.0015;
    private static final double INV_RES = 1 / RES;
    private static final int FLOOR = pack(Palette.FLOOR.r(), Palette.FLOOR.g(), Palette.FLOOR.b());

    final int nx;
    final int ny;
    private final int[] texels;

    private TableTexture(int nx, int ny, int[] texels) {
        this.nx = nx;
        this.ny = ny;
        this.texels = texels;
    }

    /** The bare wooden table (depends on nothing; build it once per generator). */
    static TableTexture wood() {
        int nx = (int) Math.round((X1 - X0) / RES);
        int ny = (int) Math.round((Y1 - Y0) / RES);
        int[] texels = new int[nx * ny];
        double[] plankShade = new double[32];
        for (int i = 0; i < plankShade.length; i++) {
            plankShade[i] = ((Seeds.mix(i * 7919L + 17) >>> 11) * 0x1.0p-53 - 0.5) * 14;
        }
        double[] sinY = new double[ny];
        for (int j = 0; j < ny; j++) {
            double y = Y0 + (j + 0.5) * RES;
            sinY[j] = 0.8 * StrictMath.sin(y * 13.0);
        }
        for (int i = 0; i < nx; i++) {
            double x = X0 + (i + 0.5) * RES;
            if (x > World.TABLE_X_NEAR) {
                Arrays.fill(texels, i * ny, (i + 1) * ny, FLOOR);
                continue;
            }
            double plankPos = (x - World.TABLE_X_FAR) / 0.16;
            int plank = (int) Math.floor(plankPos);
            double seamDist = Math.min(plankPos - plank, plank + 1 - plankPos) * 0.16;
            double seam = seamDist < 0.0012 ? -34 : seamDist < 0.0025 ? -12 : 0;
            double tint = plankShade[Math.floorMod(plank, plankShade.length)] + seam;
            double phase = 2.2 * StrictMath.sin(x * 9.0 + plank * 1.7);
            double light = 6.0 * (x - X0) / (X1 - X0);
            for (int j = 0; j < ny; j++) {
                double y = Y0 + (j + 0.5) * RES;
                double grain = 6.0 * StrictMath.sin(y * 55.0 + phase + sinY[j] + x * 4.0);
                double shade = tint + grain + light;
                texels[i * ny + j] = pack(channel(Palette.WOOD.r() + shade), channel(Palette.WOOD.g() + shade * 0.85),
                        channel(Palette.WOOD.b() + shade * 0.6));
            }
        }
        return new TableTexture(nx, ny, texels);
    }

    /** A copy of this texture with the target drawn at (tx, ty). */
    TableTexture withTarget(TargetKind kind, double tx, double ty) {
        int[] out = texels.clone();
        double reach = Math.max(kind.halfX(), kind.halfY()) + 0.03;
        int i0 = Math.max(0, (int) ((tx - reach - X0) / RES));
        int i1 = Math.min(nx - 1, (int) ((tx + reach - X0) / RES));
        int j0 = Math.max(0, (int) ((ty - reach - Y0) / RES));
        int j1 = Math.min(ny - 1, (int) ((ty + reach - Y0) / RES));
        for (int i = i0; i <= i1; i++) {
            double x = X0 + (i + 0.5) * RES;
            for (int j = j0; j <= j1; j++) {
                double y = Y0 + (j + 0.5) * RES;
                int p = i * ny + j;
                out[p] = paintTarget(out[p], kind, x - tx, y - ty);
            }
        }
        return new TableTexture(nx, ny, out);
    }

    private static int paintTarget(int under, TargetKind kind, double dx, double dy) {
        double d = kind.signedDistance(dx, dy);
        if (d > 0) {
            if (kind != TargetKind.MARKED_ZONE && d < 0.012) {
                return blend(under, new Rgb(0, 0, 0), 0.35 * (1 - d / 0.012));
            }
            return under;
        }
        double inside = Math.min(1, -d / RES + 0.5);
        switch (kind) {
            case BASKET:
                if (d > -0.012) {
                    return blend(under, Palette.BASKET_RIM, inside);
                }
                double weave = StrictMath.sin(dx * 260) * StrictMath.sin(dy * 260);
                return blend(under, Palette.BASKET_FLOOR.scaled(weave > 0 ? 1.0 : 0.82), 1);
            case PLATE:
                boolean rim = d > -0.016;
                boolean line = d <= -0.016 && d > -0.019;
                Rgb c = rim ? Palette.PLATE_RIM : line ? Palette.PLATE_RIM.scaled(0.93) : Palette.PLATE;
                return blend(under, c, inside);
            case TRAY:
                return blend(under, d > -0.01 ? Palette.TRAY_RIM : Palette.TRAY, inside);
            case MARKED_ZONE:
                return d > -0.012 ? blend(under, Palette.TAPE, inside) : under;
            default:
                throw new IllegalStateException("unknown target " + kind);
        }
    }

    /**
     * Samples the colour at world (x, y) into {@code dst[at..at+2]}: bilinear; outside the texture the floor colour.
     */
    void sample(double x, double y, byte[] dst, int at) {
        double fi = (x - X0) * INV_RES - 0.5;
        double fj = (y - Y0) * INV_RES - 0.5;
        int c;
        if (fi >= 0 && fj >= 0 && fi < nx - 1 && fj < ny - 1) {
            int i = (int) fi;
            int j = (int) fj;
            c = bilinear(i * ny + j, (int) ((fi - i) * 256), (int) ((fj - j) * 256));
        } else {
            c = FLOOR;
        }
        put(dst, at, c);
    }

    /**
     * Samples {@code count} points along a line starting at world (x, y) with per-sample steps (stepX, stepY),
     * writing RGB triples from {@code dst[at]}. Uses fixed-point stepping; nearest-texel when minifying.
     */
    void sampleRun(double x, double y, double stepX, double stepY, int count, byte[] dst, int at) {
        double fi0 = (x - X0) * INV_RES - 0.5;
        double fj0 = (y - Y0) * INV_RES - 0.5;
        double fi1 = fi0 + (count - 1) * stepX * INV_RES;
        double fj1 = fj0 + (count - 1) * stepY * INV_RES;
        boolean inside = Math.min(fi0, fi1) >= 0 && Math.min(fj0, fj1) >= 0 && Math.max(fi0, fi1) < nx - 1.001
                && Math.max(fj0, fj1) < ny - 1.001;
        if (!inside) {
            for (int k = 0; k < count; k++) {
                sample(x + k * stepX, y + k * stepY, dst, at + 3 * k);
            }
            return;
        }
        long fi = Math.round(fi0 * 65536);
        long fj = Math.round(fj0 * 65536);
        long di = Math.round(stepX * INV_RES * 65536);
        long dj = Math.round(stepY * INV_RES * 65536);
        int[] t = texels;
        if (Math.abs(di) + Math.abs(dj) >= 65536) {
            fi += 32768;
            fj += 32768;
            for (int k = 0, q = at; k < count; k++, q += 3, fi += di, fj += dj) {
                put(dst, q, t[(int) (fi >> 16) * ny + (int) (fj >> 16)]);
            }
            return;
        }
        for (int k = 0, q = at; k < count; k++, q += 3, fi += di, fj += dj) {
            int p = (int) (fi >> 16) * ny + (int) (fj >> 16);
            put(dst, q, bilinear(p, (int) ((fi >> 8) & 0xFF), (int) ((fj >> 8) & 0xFF)));
        }
    }

    /** Bilinear blend of the texel at {@code p} with its +x and +y neighbours; weights in 1/256. */
    private int bilinear(int p, int wx, int wy) {
        int[] t = texels;
        int a = lerp(t[p], t[p + ny], wx);
        int b = lerp(t[p + 1], t[p + ny + 1], wx);
        return lerp(a, b, wy);
    }

    /** Per-channel (c0 * (256 - w) + c1 * w) / 256 of two packed colours. */
    private static int lerp(int c0, int c1, int w) {
        int rb = ((c0 & 0xFF00FF) * (256 - w) + (c1 & 0xFF00FF) * w) >>> 8;
        int g = ((c0 & 0x00FF00) * (256 - w) + (c1 & 0x00FF00) * w) >>> 8;
        return (rb & 0xFF00FF) | (g & 0x00FF00);
    }

    private static void put(byte[] dst, int at, int c) {
        dst[at] = (byte) (c >> 16);
        dst[at + 1] = (byte) (c >> 8);
        dst[at + 2] = (byte) c;
    }

    private static int blend(int under, Rgb c, double a) {
        if (a <= 0) {
            return under;
        }
        double k = Math.min(1, a);
        int r = channel(((under >> 16) & 0xFF) * (1 - k) + c.r() * k);
        int g = channel(((under >> 8) & 0xFF) * (1 - k) + c.g() * k);
        int b = channel((under & 0xFF) * (1 - k) + c.b() * k);
        return pack(r, g, b);
    }

    private static int pack(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    private static int channel(double v) {
        return Math.max(0, Math.min(255, (int) Math.round(v)));
    }
}
