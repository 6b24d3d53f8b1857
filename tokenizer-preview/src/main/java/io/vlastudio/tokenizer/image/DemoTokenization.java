package io.vlastudio.tokenizer.image;

import java.util.List;

/**
 * A whole demo through a tokenizer: the codes and quality of every step (frames are not kept; decode the codes to
 * see one again).
 *
 * @param tokenizer the tokenizer's description
 * @param fitNote   what was done to the frames to fit them (empty if nothing)
 */
public record DemoTokenization(String tokenizer, List<CodeGrid> codes, double[] psnr, double[] ssim, CodebookUsage usage,
                               String fitNote) {

    public DemoTokenization {
        codes = List.copyOf(codes);
    }

    public int steps() {
        return codes.size();
    }

    public double meanPsnr() {
        return mean(psnr);
    }

    public double meanSsim() {
        return mean(ssim);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
