package io.vlastudio.tokenizer.image;

import java.util.List;

/**
 * How the built-in tokenizer was trained, saved beside it ({@code builtin-tokenizer.json}).
 *
 * @param sources        demonstration files the frames came from
 * @param camera         camera the frames came from
 * @param orientation    orientation the frames were read in (WorldVLA: rot180)
 * @param trainFrames    frames the codebook was fitted on
 * @param trainPatches   patches the codebook was fitted on (a seeded sample of the frames' patches)
 * @param iterations     k-means iterations run
 * @param seconds        wall time of the training
 * @param seed           seed of the sampling and initialisation
 * @param heldOutFrames  frames of held-out demos the quality was measured on
 * @param heldOutPsnr    mean PSNR over the held-out frames (dB)
 * @param heldOutSsim    mean SSIM over the held-out frames
 * @param deadCodes      codebook entries no training patch was nearest to at the end
 * @param created        ISO-8601 time of training
 */
public record BuiltinTokenizerInfo(List<String> sources, String camera, String orientation, int trainFrames,
                                   int trainPatches, int iterations, double seconds, long seed, int heldOutFrames,
                                   double heldOutPsnr, double heldOutSsim, int deadCodes, String created) {

    public BuiltinTokenizerInfo {
        sources = List.copyOf(sources);
    }
}
