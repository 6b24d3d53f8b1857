package io.vlastudio.training.predictions;

/**
 * An action chunk predicted at step {@code start}: {@code actions[k]} holds the decoded values (the file's action
 * units, 7 for LIBERO) predicted for step {@code start + k}.
 */
public record ActionChunk(int start, double[][] actions) {

    /** The chunk size K. */
    public int size() {
        return actions.length;
    }
}
