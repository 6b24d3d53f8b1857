package io.vlastudio.tokenizer.image;

import io.vlastudio.dataset.Frame;

/**
 * One frame through a tokenizer.
 *
 * @param step           the demo step
 * @param input          the frame as the tokenizer saw it (fitted to its resolution)
 * @param reconstruction the decoded codes
 * @param codes          the code grid
 * @param psnr           PSNR of the reconstruction against the input (dB)
 * @param ssim           SSIM of the reconstruction against the input
 * @param fitNote        what was done to the original frame to fit it (empty if nothing)
 */
public record FrameReconstruction(int step, Frame input, Frame reconstruction, CodeGrid codes, double psnr, double ssim,
                                  String fitNote) {

    /** Per-pixel absolute difference, the mean over channels, 0..255 (for a heatmap). */
    public int[] difference() {
        byte[] a = input.rgb();
        byte[] b = reconstruction.rgb();
        int[] out = new int[input.width() * input.height()];
        for (int p = 0; p < out.length; p++) {
            int d = 0;
            for (int c = 0; c < 3; c++) {
                d += Math.abs((a[p * 3 + c] & 0xFF) - (b[p * 3 + c] & 0xFF));
            }
            out[p] = d / 3;
        }
        return out;
    }
}
