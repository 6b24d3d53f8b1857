package io.vlastudio.tokenizer.sequence;

import java.util.List;

/**
 * One WorldVLA training sample exactly as the model sees it: token ids, their kinds, the labels (-100 over the
 * prompt turn, the token itself over the answer turn including its closing 8710) and the segments they form.
 * When the prompt text could not be tokenized (no {@code text_tokenizer.json}) it is one
 * {@link TokenKind#TEXT_UNTOKENIZED} token with id -1, {@link #textNote()} says why, and the length is a lower bound.
 */
public final class TokenSequence {

    /** WorldVLA trains with {@code --max_seq_len 4096} and truncates longer samples. */
    public static final int MAX_TOKENS = 4096;
    public static final int IGNORE = -100;

    private final String name;
    private final int[] ids;
    private final TokenKind[] kinds;
    private final int[] labels;
    private final List<Segment> segments;
    private final String textNote;

    TokenSequence(String name, int[] ids, TokenKind[] kinds, int[] labels, List<Segment> segments, String textNote) {
        this.name = name;
        this.ids = ids;
        this.kinds = kinds;
        this.labels = labels;
        this.segments = List.copyOf(segments);
        this.textNote = textNote;
    }

    /** {@code action model} or {@code world model}, with the step. */
    public String name() {
        return name;
    }

    public int length() {
        return ids.length;
    }

    public int[] ids() {
        return ids.clone();
    }

    public int id(int i) {
        return ids[i];
    }

    public TokenKind kind(int i) {
        return kinds[i];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** Whether token {@code i} is trained on (its label is not -100). */
    public boolean predicted(int i) {
        return labels[i] != IGNORE;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Tokens of a kind. */
    public int count(TokenKind kind) {
        int n = 0;
        for (TokenKind k : kinds) {
            if (k == kind) {
                n++;
            }
        }
        return n;
    }

    /** Tokens with a label. */
    public int predictedCount() {
        int n = 0;
        for (int l : labels) {
            if (l != IGNORE) {
                n++;
            }
        }
        return n;
    }

    public boolean textTokenized() {
        return textNote.isEmpty();
    }

    /** Why the prompt text is one untokenized block; empty when it was tokenized. */
    public String textNote() {
        return textNote;
    }

    /** Whether WorldVLA would truncate this sample. */
    public boolean exceedsLimit() {
        return ids.length > MAX_TOKENS;
    }

    public ActionAttentionMask attentionMask() {
        return new ActionAttentionMask(ids);
    }
}
