package io.vlastudio.dataset.synthetic;

/**
 * Draws simple shaded 3-D primitives (boxes, upright cylinders, limbs, flat discs) onto a {@link Raster} through a
 * {@link PinholeCamera}. Faces get a fixed shade per orientation: tops keep the base colour exactly. Not
 * thread-safe (scratch buffers).
 */
final class ShapePainter {

    private static final int DISC_SIDES = 20;

    private final Raster raster;
    /** Corner indices (bit 0: +x, bit 1: +y, bit 2: +z) of the faces +x, -x, +y, -y, +z, -z, in cyclic order. */
    private final int[][] faceCorners = {
        {1, 3, 7, 5}, {0, 4, 6, 2}, {2, 6, 7, 3}, {0, 1, 5, 4}, {4, 5, 7, 6}, {0, 2, 3, 1}};
    private final double[] proj = new double[2 * 64];
    private final double[] xs = new double[64];
    private final double[] ys = new double[64];
    private final double[] hx = new double[130];
    private final double[] hy = new double[130];
    private final double[] cornerX = new double[8];
    private final double[] cornerY = new double[8];
    private final double[] cornerZ = new double[8];
    private final double[] discCos = new double[DISC_SIDES];
    private final double[] discSin = new double[DISC_SIDES];

    ShapePainter(Raster raster) {
        this.raster = raster;
        for (int k = 0; k < DISC_SIDES; k++) {
            double a = 2 * StrictMath.PI * k / DISC_SIDES;
            discCos[k] = StrictMath.cos(a);
            discSin[k] = StrictMath.sin(a);
        }
    }

    /** Shade factor of a face with outward normal (nx, ny, nz): light from above, front-left. */
    static double shade(double nx, double ny, double nz) {
        if (nz > 0.5) {
            return 1.0;
        }
        if (nz < -0.5) {
            return 0.45;
        }
        return 0.66 + 0.16 * (0.6 * nx - 0.8 * ny);
    }

    /** A box with half extents (hx, hy, hz) along its own axes, rotated by {@code yaw} about z. */
    void box(PinholeCamera cam, double cx, double cy, double cz, double hxLen, double hyLen, double hzLen,
             double yaw, Rgb colour) {
        double c = StrictMath.cos(yaw);
        double s = StrictMath.sin(yaw);
        for (int k = 0; k < 8; k++) {
            double sx = (k & 1) == 0 ? -hxLen : hxLen;
            double sy = (k & 2) == 0 ? -hyLen : hyLen;
            double sz = (k & 4) == 0 ? -hzLen : hzLen;
            cornerX[k] = cx + c * sx - s * sy;
            cornerY[k] = cy + s * sx + c * sy;
            cornerZ[k] = cz + sz;
            if (cam.project(cornerX[k], cornerY[k], cornerZ[k], proj, 2 * k) < 0.005) {
                return;
            }
        }
        double[][] normals = {{c, s, 0}, {-c, -s, 0}, {-s, c, 0}, {s, -c, 0}, {0, 0, 1}, {0, 0, -1}};
        double[] half = {hxLen, hxLen, hyLen, hyLen, hzLen, hzLen};
        for (int f = 0; f < 6; f++) {
            double[] n = normals[f];
            double fx = cx + n[0] * half[f];
            double fy = cy + n[1] * half[f];
            double fz = cz + n[2] * half[f];
            double facing = (cam.px - fx) * n[0] + (cam.py - fy) * n[1] + (cam.pz - fz) * n[2];
            if (facing <= 0) {
                continue;
            }
            int[] idx = faceCorners[f];
            for (int i = 0; i < 4; i++) {
                xs[i] = proj[2 * idx[i]];
                ys[i] = proj[2 * idx[i] + 1];
            }
            raster.fillConvex(xs, ys, 4, colour.scaled(shade(n[0], n[1], n[2])), 1);
        }
    }

    /** An upright cylinder: the silhouette in a side shade, then the top face in the base colour. */
    void cylinder(PinholeCamera cam, double cx, double cy, double cz, double radius, double halfHeight,
                  double sideShade, Rgb colour) {
        int n = 0;
        for (int k = 0; k < DISC_SIDES; k++) {
            double x = cx + radius * discCos[k];
            double y = cy + radius * discSin[k];
            if (cam.project(x, y, cz - halfHeight, proj, 0) < 0.005
                    || cam.project(x, y, cz + halfHeight, proj, 2) < 0.005) {
                return;
            }
            xs[n] = proj[0];
            ys[n++] = proj[1];
            xs[n] = proj[2];
            ys[n++] = proj[3];
        }
        int h = ConvexHull.of(xs, ys, n, hx, hy);
        raster.fillConvex(hx, hy, h, colour.scaled(sideShade), 1);
        disc(cam, cx, cy, cz + halfHeight, radius, colour, 1);
    }

    /** A flat horizontal disc (used for shadows with a black colour and partial opacity). */
    void disc(PinholeCamera cam, double cx, double cy, double z, double radius, Rgb colour, double alpha) {
        for (int k = 0; k < DISC_SIDES; k++) {
            if (cam.project(cx + radius * discCos[k], cy + radius * discSin[k], z, proj, 0) < 0.005) {
                return;
            }
            xs[k] = proj[0];
            ys[k] = proj[1];
        }
        raster.fillConvex(xs, ys, DISC_SIDES, colour, alpha);
    }

    /** A rounded limb (a thick segment with round ends) between two world points. */
    void limb(PinholeCamera cam, double[] p0, double[] p1, double radius, Rgb colour) {
        double d0 = cam.project(p0[0], p0[1], p0[2], proj, 0);
        double d1 = cam.project(p1[0], p1[1], p1[2], proj, 2);
        if (d0 < 0.01 || d1 < 0.01) {
            return;
        }
        double u0 = proj[0];
        double v0 = proj[1];
        double u1 = proj[2];
        double v1 = proj[3];
        double r0 = cam.focal * radius / d0;
        double r1 = cam.focal * radius / d1;
        Rgb edge = colour.scaled(0.82);
        screenCircle(u0, v0, r0, edge);
        screenCircle(u1, v1, r1, edge);
        double len = Math.hypot(u1 - u0, v1 - v0);
        if (len < 1e-6) {
            return;
        }
        double nx = -(v1 - v0) / len;
        double ny = (u1 - u0) / len;
        quad(u0, v0, u1, v1, nx, ny, r0, r1, edge);
        quad(u0, v0, u1, v1, nx, ny, r0 * 0.55, r1 * 0.55, colour);
    }

    private void quad(double u0, double v0, double u1, double v1, double nx, double ny, double r0, double r1,
                      Rgb colour) {
        xs[0] = u0 + nx * r0;
        ys[0] = v0 + ny * r0;
        xs[1] = u1 + nx * r1;
        ys[1] = v1 + ny * r1;
        xs[2] = u1 - nx * r1;
        ys[2] = v1 - ny * r1;
        xs[3] = u0 - nx * r0;
        ys[3] = v0 - ny * r0;
        raster.fillConvex(xs, ys, 4, colour, 1);
    }

    private void screenCircle(double u, double v, double r, Rgb colour) {
        for (int k = 0; k < DISC_SIDES; k++) {
            xs[k] = u + r * discCos[k];
            ys[k] = v + r * discSin[k];
        }
        raster.fillConvex(xs, ys, DISC_SIDES, colour, 1);
    }
}
