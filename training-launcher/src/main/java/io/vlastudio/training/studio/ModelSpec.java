package io.vlastudio.training.studio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Everything a checkpoint must agree with besides its weights: the network's shape, the vocabulary, the recipe and
 * the image tokenizer the samples were made with. Saved as {@code model.json} in every checkpoint.
 *
 * @param tokenizerId          the image tokenizer's id ({@code builtin} or {@code chameleon-vqgan})
 * @param tokenizerFingerprint SHA-256 of the tokenizer's files, to notice a changed tokenizer
 * @param tokenizerResolution  frame side the tokenizer encodes
 * @param tokenizerDir         where the tokenizer was opened from (absolute)
 * @param boundsMin            action bounds used to make and decode action bins
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(String format, int version, StudioModelConfig model, List<String> words, int codebookSize,
                        String mask, double alpha, long seed, String tokenizerId, String tokenizerFingerprint,
                        int tokenizerResolution, String tokenizerDir, double[] boundsMin, double[] boundsMax,
                        int history, int chunk) {

    public static final String FORMAT = "vla-studio-studio-model";

    /** What differs between this spec and a checkpoint's, in words; empty when the checkpoint fits. */
    public List<String> differences(ModelSpec other) {
        List<String> out = new java.util.ArrayList<>();
        if (!model.equals(other.model)) {
            out.add("model shape " + describe(other.model) + " vs " + describe(model));
        }
        if (codebookSize != other.codebookSize || !words.equals(other.words)) {
            out.add("vocabulary (" + other.codebookSize + " image codes, " + other.words.size() + " words vs "
                    + codebookSize + " and " + words.size() + ")");
        }
        if (!tokenizerFingerprint.equals(other.tokenizerFingerprint)) {
            out.add("image tokenizer (" + other.tokenizerId + " " + shortHash(other.tokenizerFingerprint) + " vs "
                    + tokenizerId + " " + shortHash(tokenizerFingerprint) + ")");
        }
        if (!mask.equals(other.mask)) {
            out.add("attention mask " + other.mask + " vs " + mask);
        }
        return out;
    }

    static String describe(StudioModelConfig c) {
        return c.layers() + " layers, width " + c.width() + ", " + c.heads() + " heads, " + c.maxLength() + " positions, vocab "
                + c.vocabSize();
    }

    static String shortHash(String h) {
        return h == null ? "?" : h.substring(0, Math.min(12, h.length()));
    }
}
