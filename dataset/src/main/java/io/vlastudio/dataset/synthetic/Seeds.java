package io.vlastudio.dataset.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Seed derivation and Gaussian sampling that do not depend on JDK version or platform. */
final class Seeds {

    private Seeds() {
    }

    /** A well-mixed 64-bit seed from the user seed, the task name and the demo index. */
    static long episodeSeed(long seed, String taskName, int demoIndex) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h ^ fnv1a(taskName));
        h = mix(h + 0x9E3779B97F4A7C15L * (demoIndex + 1L));
        return h;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** A standard normal sample (Box-Muller with {@link StrictMath}, so it is identical everywhere). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** A uniform sample in [lo, hi). */
    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
