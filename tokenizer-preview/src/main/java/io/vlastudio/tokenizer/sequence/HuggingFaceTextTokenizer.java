package io.vlastudio.tokenizer.sequence;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.vlastudio.tokenizer.image.TokenizerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Hugging Face tokenizers JSON (Chameleon's {@code text_tokenizer.json}) through DJL's native binding. */
public final class HuggingFaceTextTokenizer implements TextTokenizer {

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;

    private HuggingFaceTextTokenizer(Path file, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.tokenizer = tokenizer;
    }

    /** Loads {@code file}; the native library comes from the DJL tokenizers jar (nothing is downloaded). */
    public static HuggingFaceTextTokenizer open(Path file) throws TokenizerException {
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(file, "Chameleon's text_tokenizer.json (a Hugging Face tokenizers JSON)", "no such file");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false)
                    .optTruncation(false).optPadding(false).build();
            return new HuggingFaceTextTokenizer(file, t);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException(file, "a Hugging Face tokenizers JSON", "a file the tokenizers library rejects: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int[] encode(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String description() {
        return file.toString();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
