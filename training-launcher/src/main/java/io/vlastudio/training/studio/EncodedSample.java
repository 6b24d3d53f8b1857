package io.vlastudio.training.studio;

import io.vlastudio.tokenizer.sequence.TokenKind;

/**
 * One training sample in the studio model's dense ids, as WorldVLA lays it out.
 *
 * @param kind    action model or world model sample
 * @param ids     dense ids
 * @param labels  dense ids over the answer turn, {@link #IGNORE} over the prompt
 * @param kinds   what each token is (to weight image tokens and find answer blocks)
 * @param name    where it comes from, for messages (conversation file and record)
 * @param record  index of the record in its conversation file
 */
public record EncodedSample(Kind kind, int[] ids, int[] labels, TokenKind[] kinds, String name, int record) {

    public static final int IGNORE = -100;

    /** The two sample families of WorldVLA. */
    public enum Kind {
        ACTION, WORLD
    }

    public int length() {
        return ids.length;
    }

    /** First index of the answer turn. */
    public int answerStart() {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != IGNORE) {
                return i;
            }
        }
        return labels.length;
    }

    /** The sample cut to {@code max} tokens (WorldVLA truncates at its maximum length too). */
    public EncodedSample truncate(int max) {
        if (ids.length <= max) {
            return this;
        }
        return new EncodedSample(kind, java.util.Arrays.copyOf(ids, max), java.util.Arrays.copyOf(labels, max),
                java.util.Arrays.copyOf(kinds, max), name, record);
    }
}
