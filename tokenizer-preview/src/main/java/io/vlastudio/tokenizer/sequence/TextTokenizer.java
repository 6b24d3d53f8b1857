package io.vlastudio.tokenizer.sequence;

/** Turns prompt text into token ids, without special tokens (WorldVLA adds BOS itself). */
public interface TextTokenizer extends AutoCloseable {

    int[] encode(String text);

    /** Where the tokenizer came from, for a status line. */
    String description();

    @Override
    void close();
}
