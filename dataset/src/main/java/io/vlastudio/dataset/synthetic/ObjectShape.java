package io.vlastudio.dataset.synthetic;

/** Shape of the object a synthetic task manipulates; sizes in metres. */
public enum ObjectShape {
    /** A 5 cm cube. */
    CUBE("cube", 0.025, 0.025),
    /** An upright cylinder, 5 cm across and 7 cm tall. */
    CYLINDER("cylinder", 0.025, 0.035);

    private final String word;
    private final double halfWidth;
    private final double halfHeight;

    ObjectShape(String word, double halfWidth, double halfHeight) {
        this.word = word;
        this.halfWidth = halfWidth;
        this.halfHeight = halfHeight;
    }

    /** The noun used in task names and instructions ("cube", "cylinder"). */
    public String word() {
        return word;
    }

    /** Half the object's width (cube half side, cylinder radius), metres. */
    public double halfWidth() {
        return halfWidth;
    }

    /** Half the object's height, metres. */
    public double halfHeight() {
        return halfHeight;
    }
}
