package io.vlastudio.tokenizer.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image tokenizer could not be loaded or run. The message names the file and what was expected there, so it can
 * be shown to a user as is (e.g. {@code /models/vq/encoder.pt: expected the TorchScript encoder written by
 * export_chameleon_vqgan.py, found no such file}).
 */
public class TokenizerException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String expected;
    private final String found;

    public TokenizerException(Path file, String expected, String found) {
        this(file, expected, found, null);
    }

    public TokenizerException(Path file, String expected, String found, Throwable cause) {
        super(file + ": expected " + expected + ", found " + found, cause);
        this.file = file;
        this.expected = expected;
        this.found = found;
    }

    public Path file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
