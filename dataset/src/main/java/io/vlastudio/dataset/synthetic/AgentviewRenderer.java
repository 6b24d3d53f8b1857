package io.vlastudio.dataset.synthetic;

/**
 * Renders the third-person "agentview" camera: a fixed pinhole camera in front of the table looking back at the robot
 * from above. The background (wall, table with the target, table front, floor) is rendered once; each frame copies it
 * and draws shadows, the object and the arm with its two-finger gripper. Frames are returned bottom-up. Not
 * thread-safe; one instance per episode.
 */
final class AgentviewRenderer {

    static final double EYE_X = 0.66;
    static final double EYE_Z = 1.52;
    static final double LOOK_AT_X = -0.15;
    static final double LOOK_AT_Z = 0.90;
    static final double FOVY_DEG = 45;

    private final int size;
    private final SyntheticTask task;
    private final PinholeCamera camera;
    private final byte[] background;
    private final Raster raster;
    private final ShapePainter painter;
    private final Rgb shadow = new Rgb(0, 0, 0);

    AgentviewRenderer(int size, SyntheticTask task, TableTexture table) {
        this.size = size;
        this.task = task;
        this.camera = camera(size);
        this.raster = new Raster(size, size);
        this.painter = new ShapePainter(raster);
        this.background = renderBackground(camera, size, table);
    }

    /** The agentview camera for square images of the given size. */
    static PinholeCamera camera(int size) {
        return PinholeCamera.lookAt(new double[] {EYE_X, 0, EYE_Z}, new double[] {LOOK_AT_X, 0, LOOK_AT_Z}, FOVY_DEG,
                size);
    }

    /** Renders the scene state; returns a new bottom-up frame. */
    byte[] render(Snapshot s) {
        System.arraycopy(background, 0, raster.pixels, 0, background.length);
        drawShadows(s);
        drawObject(s);
        drawArm(s);
        byte[] out = new byte[background.length];
        FrameOrientation.flipRowsInto(raster.pixels, out, size, size);
        return out;
    }

    private void drawShadows(Snapshot s) {
        double objectHeight = s.oz() - (World.TABLE_Z + task.shape().halfHeight());
        double objectAlpha = 0.30 * Math.max(0.25, 1 - objectHeight * 3);
        painter.disc(camera, s.ox() + 0.004, s.oy() - 0.004, World.TABLE_Z + 0.0005,
                task.shape().halfWidth() * (1.25 + objectHeight), shadow, objectAlpha);
        double h = s.ez() - World.TABLE_Z;
        double radius = 0.045 + 0.12 * h;
        double alpha = 0.34 * Math.max(0.2, 1 - 2.2 * h);
        painter.disc(camera, s.ex() + 0.005, s.ey() - 0.005, World.TABLE_Z + 0.0005, radius * 1.35, shadow,
                alpha * 0.5);
        painter.disc(camera, s.ex() + 0.005, s.ey() - 0.005, World.TABLE_Z + 0.0005, radius, shadow, alpha * 0.6);
    }

    private void drawObject(Snapshot s) {
        drawObject(painter, camera, task, s);
    }

    /** Draws the task object at its snapshot pose. */
    static void drawObject(ShapePainter painter, PinholeCamera cam, SyntheticTask task, Snapshot s) {
        ObjectShape shape = task.shape();
        if (shape == ObjectShape.CUBE) {
            painter.box(cam, s.ox(), s.oy(), s.oz(), shape.halfWidth(), shape.halfWidth(), shape.halfHeight(),
                    s.oyaw(), task.objectColor());
        } else {
            painter.cylinder(cam, s.ox(), s.oy(), s.oz(), shape.halfWidth(), shape.halfHeight(), 0.7,
                    task.objectColor());
        }
    }

    private void drawArm(Snapshot s) {
        double[] shoulder = Kinematics.shoulder();
        double[] elbow = Kinematics.elbow(s.ex(), s.ey(), s.ez());
        double[] wrist = {s.ex(), s.ey(), s.ez() + 0.16};
        painter.limb(camera, shoulder, elbow, 0.06, Palette.ARM);
        painter.limb(camera, elbow, wrist, 0.05, Palette.ARM);
        painter.cylinder(camera, s.ex(), s.ey(), s.ez() + 0.105, 0.04, 0.02, 0.8, Palette.FLANGE);
        drawFingers(painter, camera, s);
        painter.box(camera, s.ex(), s.ey(), s.ez() + 0.065, 0.022, 0.07, 0.02, s.yaw(), Palette.HAND);
    }

    /** Draws the two fingers: boxes at +-(q + 8 mm) along the hand's y axis, from 6 mm below the tip point up. */
    static void drawFingers(ShapePainter painter, PinholeCamera cam, Snapshot s) {
        double c = StrictMath.cos(s.yaw());
        double sn = StrictMath.sin(s.yaw());
        for (int side = -1; side <= 1; side += 2) {
            double off = side * (s.finger() + 0.008);
            painter.box(cam, s.ex() - sn * off, s.ey() + c * off, s.ez() + 0.02, 0.011, 0.008, 0.026, s.yaw(),
                    Palette.FINGER);
        }
    }

    private static byte[] renderBackground(PinholeCamera cam, int size, TableTexture table) {
        byte[] px = new byte[size * size * 3];
        for (int row = 0; row < size; row++) {
            double b = (row + 0.5 - cam.centre) / cam.focal;
            for (int col = 0; col < size; col++) {
                double a = (col + 0.5 - cam.centre) / cam.focal;
                double dirX = cam.fx + a * cam.rx + b * cam.dx;
                double dirY = cam.fy + a * cam.ry + b * cam.dy;
                double dirZ = cam.fz + a * cam.rz + b * cam.dz;
                int p = (row * size + col) * 3;
                Rgb flat = null;
                if (dirZ >= 0) {
                    flat = Palette.WALL;
                } else {
                    double t = (World.TABLE_Z - cam.pz) / dirZ;
                    double x = cam.px + t * dirX;
                    double y = cam.py + t * dirY;
                    if (x < World.TABLE_X_FAR) {
                        flat = Palette.WALL;
                    } else if (x > World.TABLE_X_NEAR || Math.abs(y) > World.TABLE_Y_HALF) {
                        flat = frontOrFloor(cam, dirX, dirY, dirZ);
                    } else {
                        table.sample(x, y, px, p);
                    }
                }
                if (flat != null) {
                    px[p] = (byte) flat.r();
                    px[p + 1] = (byte) flat.g();
                    px[p + 2] = (byte) flat.b();
                }
            }
        }
        return px;
    }

    private static Rgb frontOrFloor(PinholeCamera cam, double dirX, double dirY, double dirZ) {
        if (dirX >= 0) {
            return Palette.FLOOR;
        }
        double t = (World.TABLE_X_NEAR - cam.px) / dirX;
        double z = cam.pz + t * dirZ;
        double y = cam.py + t * dirY;
        boolean front = z <= World.TABLE_Z && z >= World.TABLE_Z - World.TABLE_THICKNESS
                && Math.abs(y) <= World.TABLE_Y_HALF;
        return front ? Palette.TABLE_FRONT : Palette.FLOOR;
    }
}
