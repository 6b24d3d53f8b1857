package io.vlastudio.dataset.synthetic;

/**
 * A pinhole camera producing square upright images: +u to the right, +v downward, pixel centres at i + 0.5.
 * Immutable.
 */
final class PinholeCamera {

    final double px;
    final double py;
    final double pz;
    final double fx;
    final double fy;
    final double fz;
    final double rx;
    final double ry;
    final double rz;
    final double dx;
    final double dy;
    final double dz;
    final double focal;
    final double centre;

    private PinholeCamera(double[] pos, double[] forward, double[] right, double[] down, double fovyDeg, int size) {
        px = pos[0];
        py = pos[1];
        pz = pos[2];
        fx = forward[0];
        fy = forward[1];
        fz = forward[2];
        rx = right[0];
        ry = right[1];
        rz = right[2];
        dx = down[0];
        dy = down[1];
        dz = down[2];
        focal = size / 2.0 / StrictMath.tan(StrictMath.toRadians(fovyDeg) / 2);
        centre = size / 2.0;
    }

    /** A camera at {@code eye} looking at {@code target} with world +z as up. */
    static PinholeCamera lookAt(double[] eye, double[] target, double fovyDeg, int size) {
        double[] f = normalise(new double[] {target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]});
        double[] r = normalise(new double[] {f[1], -f[0], 0});
        double[] d = {f[1] * r[2] - f[2] * r[1], f[2] * r[0] - f[0] * r[2], f[0] * r[1] - f[1] * r[0]};
        return new PinholeCamera(eye, f, r, d, fovyDeg, size);
    }

    /**
     * A camera looking straight down from {@code pos}; image right is world +y and image down world +x, both
     * rotated by {@code yaw} about z.
     */
    static PinholeCamera downward(double[] pos, double yaw, double fovyDeg, int size) {
        double c = StrictMath.cos(yaw);
        double s = StrictMath.sin(yaw);
        return new PinholeCamera(pos, new double[] {0, 0, -1}, new double[] {-s, c, 0}, new double[] {c, s, 0},
                fovyDeg, size);
    }

    /**
     * Projects a world point: writes u and v into {@code out[0..1]} and returns the depth along the view axis
     * (not positive: behind the camera).
     */
    double project(double x, double y, double z, double[] out, int at) {
        double qx = x - px;
        double qy = y - py;
        double qz = z - pz;
        double depth = qx * fx + qy * fy + qz * fz;
        if (depth <= 1e-6) {
            return depth;
        }
        out[at] = centre + focal * (qx * rx + qy * ry + qz * rz) / depth;
        out[at + 1] = centre + focal * (qx * dx + qy * dy + qz * dz) / depth;
        return depth;
    }

    private static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
