package io.vlastudio.tokenizer.action;

/**
 * An action value is NaN or infinite. WorldVLA's NumPy code would silently turn a NaN into the last bin (token
 * 10261); the studio refuses and names the demo, step and dimension instead.
 */
public final class NonFiniteActionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String demo;
    private final int step;
    private final int dimension;
    private final double value;

    public NonFiniteActionException(String demo, int step, int dimension, double value) {
        super(demo + " step " + step + ": action dimension " + dimension + " is " + value
                + "; expected a finite value (a NaN would silently become token 10261 in WorldVLA)");
        this.demo = demo;
        this.step = step;
        this.dimension = dimension;
        this.value = value;
    }

    public String demo() {
        return demo;
    }

    public int step() {
        return step;
    }

    public int dimension() {
        return dimension;
    }

    public double value() {
        return value;
    }
}
