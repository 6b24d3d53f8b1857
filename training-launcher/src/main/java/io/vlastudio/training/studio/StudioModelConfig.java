package io.vlastudio.training.studio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The shape of a studio model. Everything a checkpoint must agree with to be loaded.
 *
 * @param vocabSize  dense vocabulary size ({@link StudioVocabulary#size()})
 * @param maxLength  longest sequence (positions); longer samples are truncated as WorldVLA truncates at 4096
 * @param layers     transformer blocks
 * @param width      model width
 * @param heads      attention heads (width must divide by it)
 * @param mlpRatio   hidden width of the MLP over the model width
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudioModelConfig(int vocabSize, int maxLength, int layers, int width, int heads, int mlpRatio) {

    public StudioModelConfig {
        if (vocabSize < 1 || maxLength < 2 || layers < 1 || width < 1 || heads < 1 || mlpRatio < 1) {
            throw new IllegalArgumentException("model sizes must be positive: vocab " + vocabSize + ", max length " + maxLength
                    + ", layers " + layers + ", width " + width + ", heads " + heads + ", mlp ratio " + mlpRatio);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("--width " + width + " must be a multiple of --heads " + heads);
        }
    }

    /** Sized for two CPU cores: 2 layers, width 128, 4 heads. */
    public static StudioModelConfig defaults(int vocabSize, int maxLength) {
        return new StudioModelConfig(vocabSize, maxLength, 2, 128, 4, 4);
    }

    public int headDim() {
        return width / heads;
    }

    public long parameterCount() {
        long d = width;
        long perLayer = 2 * 2 * d + d * 3 * d + 3 * d + d * d + d + d * mlpRatio * d + mlpRatio * d + mlpRatio * d * d + d;
        return (long) vocabSize * d + (long) maxLength * d + layers * perLayer + 2 * d + d * vocabSize + vocabSize;
    }
}
