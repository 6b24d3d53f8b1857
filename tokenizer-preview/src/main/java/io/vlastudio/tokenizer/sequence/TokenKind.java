package io.vlastudio.tokenizer.sequence;

/** What a token of a WorldVLA training sample is, for colouring and counting. */
public enum TokenKind {
    BOS("begin of sequence"),
    TEXT("prompt text"),
    /** Prompt text shown as one block because no text tokenizer was given (its length is unknown). */
    TEXT_UNTOKENIZED("prompt text (not tokenized)"),
    IMAGE_START("begin of image"),
    IMAGE_GRID("image grid size"),
    IMAGE_CODE("image code"),
    IMAGE_ROW_END("image row end"),
    IMAGE_END("end of image"),
    ACTION_START("begin of action"),
    ACTION_BIN("action bin"),
    ACTION_END("end of action"),
    SEPARATOR("turn separator / end of generation");

    private final String label;

    TokenKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
