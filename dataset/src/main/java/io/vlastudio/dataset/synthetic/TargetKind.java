package io.vlastudio.dataset.synthetic;

/** Where the object has to go; each kind has a flat footprint on the table (metres, centred on the target). */
public enum TargetKind {
    /** A square wicker basket. */
    BASKET("basket", 0.075, 0.075, false),
    /** A round white plate. */
    PLATE("plate", 0.075, 0.075, true),
    /** A rectangular metal tray. */
    TRAY("tray", 0.09, 0.065, false),
    /** A square zone marked with white tape. */
    MARKED_ZONE("marked zone", 0.07, 0.07, false);

    private final String noun;
    private final double halfX;
    private final double halfY;
    private final boolean round;

    TargetKind(String noun, double halfX, double halfY, boolean round) {
        this.noun = noun;
        this.halfX = halfX;
        this.halfY = halfY;
        this.round = round;
    }

    /** The noun used in instructions ("basket", "marked zone"). */
    public String noun() {
        return noun;
    }

    /** Half extent along world x, metres (the radius for a round target). */
    public double halfX() {
        return halfX;
    }

    /** Half extent along world y, metres (the radius for a round target). */
    public double halfY() {
        return halfY;
    }

    /** Whether the footprint is a disc (radius {@link #halfX()}) rather than a rectangle. */
    public boolean round() {
        return round;
    }

    /**
     * Whether a point at offset ({@code dx}, {@code dy}) from the target centre lies inside the footprint shrunk by
     * {@code margin} on every side.
     */
    public boolean contains(double dx, double dy, double margin) {
        if (round) {
            double r = halfX - margin;
            return r > 0 && dx * dx + dy * dy <= r * r;
        }
        return Math.abs(dx) <= halfX - margin && Math.abs(dy) <= halfY - margin;
    }

    /**
     * Signed distance from the footprint's boundary, metres: negative inside, positive outside.
     */
    double signedDistance(double dx, double dy) {
        if (round) {
            return Math.sqrt(dx * dx + dy * dy) - halfX;
        }
        double qx = Math.abs(dx) - halfX;
        double qy = Math.abs(dy) - halfY;
        double outside = Math.sqrt(Math.max(qx, 0) * Math.max(qx, 0) + Math.max(qy, 0) * Math.max(qy, 0));
        return outside + Math.min(Math.max(qx, qy), 0);
    }
}
