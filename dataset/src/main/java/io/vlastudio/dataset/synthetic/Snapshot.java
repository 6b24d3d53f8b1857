package io.vlastudio.dataset.synthetic;

/**
 * The complete simulator state at one instant (immutable).
 *
 * @param ex             end-effector x
 * @param ey             end-effector y
 * @param ez             end-effector z
 * @param roll           hand roll deviation from pointing straight down
 * @param pitch          hand pitch deviation
 * @param yaw            hand yaw
 * @param finger         finger position q (the fingers are at +q and -q)
 * @param ox             object x
 * @param oy             object y
 * @param oz             object z (centre)
 * @param oyaw           object yaw
 * @param grasped        whether the object is held by the fingers
 * @param objectResting  whether the object lies still on the table
 * @param fingersSettled whether the fingers reached their commanded position
 */
record Snapshot(double ex, double ey, double ez, double roll, double pitch, double yaw, double finger,
                double ox, double oy, double oz, double oyaw, boolean grasped, boolean objectResting,
                boolean fingersSettled) {

    /** Whether nothing in the scene moves when a no-op action is applied. */
    boolean isStatic() {
        return fingersSettled && (grasped || objectResting);
    }
}
