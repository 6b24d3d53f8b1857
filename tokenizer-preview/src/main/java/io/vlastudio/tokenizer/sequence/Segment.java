package io.vlastudio.tokenizer.sequence;

/**
 * A run of tokens of one kind in a {@link TokenSequence}: {@code [start, end)}.
 *
 * @param label     what a user reads, e.g. {@code image of step 12 (16x16 codes)} or {@code action of step 13}
 * @param predicted whether the tokens are in the answer turn (labels = tokens, so they are trained on)
 */
public record Segment(TokenKind kind, int start, int end, String label, boolean predicted) {

    public int length() {
        return end - start;
    }
}
