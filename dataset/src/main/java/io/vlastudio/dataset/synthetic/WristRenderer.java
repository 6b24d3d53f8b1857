package io.vlastudio.dataset.synthetic;

/**
 * Renders the "eye in hand" camera: a wide-angle camera on the hand, 9 cm above the finger tips and 5 cm behind them,
 * looking straight down and turning with the hand's yaw. The table is sampled from the top-down texture; the object
 * and the fingers (visible at the bottom of the upright picture) are drawn on top. Frames are returned bottom-up. Not
 * thread-safe; one instance per episode.
 */
final class WristRenderer {

    static final double FOVY_DEG = 75;
    static final double HEIGHT = 0.09;
    static final double BACK = 0.05;

    private final int size;
    private final SyntheticTask task;
    private final TableTexture table;
    private final Raster raster;
    private final ShapePainter painter;

    WristRenderer(int size, SyntheticTask task, TableTexture table) {
        this.size = size;
        this.task = task;
        this.table = table;
        this.raster = new Raster(size, size);
        this.painter = new ShapePainter(raster);
    }

    /** The wrist camera for a snapshot. */
    static PinholeCamera camera(Snapshot s, int size) {
        double c = StrictMath.cos(s.yaw());
        double sn = StrictMath.sin(s.yaw());
        double[] pos = {s.ex() - BACK * c, s.ey() - BACK * sn, s.ez() + HEIGHT};
        return PinholeCamera.downward(pos, s.yaw(), FOVY_DEG, size);
    }

    /** Renders the scene state; returns a new bottom-up frame. */
    byte[] render(Snapshot s) {
        PinholeCamera cam = camera(s, size);
        drawTable(cam);
        AgentviewRenderer.drawObject(painter, cam, task, s);
        AgentviewRenderer.drawFingers(painter, cam, s);
        byte[] out = new byte[raster.pixels.length];
        FrameOrientation.flipRowsInto(raster.pixels, out, size, size);
        return out;
    }

    private void drawTable(PinholeCamera cam) {
        double t = cam.pz - World.TABLE_Z;
        double k = t / cam.focal;
        double stepX = k * cam.rx;
        double stepY = k * cam.ry;
        byte[] px = raster.pixels;
        for (int row = 0; row < size; row++) {
            double b = row + 0.5 - cam.centre;
            double a0 = 0.5 - cam.centre;
            double x = cam.px + k * (a0 * cam.rx + b * cam.dx);
            double y = cam.py + k * (a0 * cam.ry + b * cam.dy);
            table.sampleRun(x, y, stepX, stepY, size, px, row * size * 3);
        }
    }
}
