package io.vlastudio.tokenizer.action;

/**
 * Turns continuous actions into the discrete tokens a language model predicts, and back. Implementations are
 * immutable and thread-safe.
 */
public interface ActionTokenizer {

    /** First token id of the action bins. */
    int FIRST_TOKEN = 10006;
    /** Last token id of the action bins. */
    int LAST_TOKEN = 10261;

    ActionBounds bounds();

    /** Number of values per action (7 for LIBERO: 3 position deltas, 3 rotation deltas, gripper). */
    default int dimensions() {
        return bounds().dimensions();
    }

    /**
     * Tokens of one action.
     *
     * @param demo  where the action comes from, for the error message
     * @param step  its step, for the error message
     * @throws NonFiniteActionException when a value is NaN or infinite
     */
    int[] encode(double[] action, String demo, int step);

    /** Tokens of every step of a demo, one row per step. */
    default int[][] encode(DemoActions demo) {
        int[][] out = new int[demo.steps()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = encode(demo.actions()[t], demo.demo(), t);
        }
        return out;
    }

    /** The action a model's tokens stand for (bin centres, un-normalised). */
    double[] decode(int[] tokens);

    /** The bin (0-based histogram index) of a token. */
    static int binOf(int token) {
        return token - FIRST_TOKEN;
    }
}
