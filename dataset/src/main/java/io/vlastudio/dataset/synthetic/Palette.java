package io.vlastudio.dataset.synthetic;

/** Fixed scene colours. */
final class Palette {

    private Palette() {
    }

    /** Background wall above the table's far edge (top band of the upright agentview picture). */
    static final Rgb WALL = new Rgb(92, 104, 128);
    /** Floor in front of the table (bottom band of the upright agentview picture). */
    static final Rgb FLOOR = new Rgb(54, 48, 44);
    static final Rgb TABLE_FRONT = new Rgb(120, 86, 56);
    static final Rgb WOOD = new Rgb(188, 148, 104);
    static final Rgb ARM = new Rgb(228, 228, 232);
    static final Rgb ARM_JOINT = new Rgb(70, 72, 78);
    static final Rgb HAND = new Rgb(236, 236, 240);
    static final Rgb FINGER = new Rgb(48, 48, 54);
    static final Rgb FLANGE = new Rgb(60, 62, 68);
    static final Rgb BASKET_RIM = new Rgb(112, 72, 40);
    static final Rgb BASKET_FLOOR = new Rgb(156, 110, 62);
    static final Rgb PLATE_RIM = new Rgb(226, 226, 220);
    static final Rgb PLATE = new Rgb(248, 248, 244);
    static final Rgb TRAY_RIM = new Rgb(112, 118, 126);
    static final Rgb TRAY = new Rgb(158, 164, 172);
    static final Rgb TAPE = new Rgb(242, 242, 242);
}
