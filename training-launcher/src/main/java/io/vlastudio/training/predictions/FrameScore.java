package io.vlastudio.training.predictions;

/**
 * Metrics of one predicted frame against the real frame of the same step.
 *
 * @param step    the step the frame predicts (shown beside the real frame of this step)
 * @param horizon how many steps ahead of real input it was predicted: {@code step - start} for an open-loop rollout,
 *                1 for teacher-forced predictions
 * @param psnr    PSNR in dB ({@link io.vlastudio.tokenizer.image.ImageQuality#psnr}; 80 for identical frames)
 * @param ssim    SSIM in [0, 1] ({@link io.vlastudio.tokenizer.image.ImageQuality#ssim}, negative values reported as 0;
 *                NaN for frames smaller than SSIM's 11x11 window)
 */
public record FrameScore(int step, int horizon, double psnr, double ssim) {
}
