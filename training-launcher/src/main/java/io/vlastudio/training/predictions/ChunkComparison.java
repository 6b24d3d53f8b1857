package io.vlastudio.training.predictions;

/**
 * One predicted action chunk beside the recorded actions of the same steps. Rows are chunk positions {@code k}
 * (step {@code start + k}); only positions whose step exists in the demo are kept, so all three arrays have the same
 * number of rows.
 *
 * @param start     the step the chunk was predicted at
 * @param predicted {@code [k][d]} predicted values, the file's action units
 * @param recorded  {@code [k][d]} the demo's recorded actions of step {@code start + k}
 * @param binMatch  {@code [k][d]} whether predicted and recorded fall in the same action bin
 */
public record ChunkComparison(int start, double[][] predicted, double[][] recorded, boolean[][] binMatch) {

    /** Number of compared positions. */
    public int positions() {
        return predicted.length;
    }
}
