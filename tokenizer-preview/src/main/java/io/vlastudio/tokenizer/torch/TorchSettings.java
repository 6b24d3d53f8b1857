package io.vlastudio.tokenizer.torch;

/**
 * How the studio runs PyTorch through DJL. Thread counts are read once, when the engine loads; on small machines
 * and tiny models one thread can be faster than many, so they are a setting rather than PyTorch's default.
 *
 * @param threads        intra-op threads ({@code ai.djl.pytorch.num_threads})
 * @param interopThreads inter-op threads ({@code ai.djl.pytorch.num_interop_threads})
 * @param graphOptimizer whether TorchScript's profiling graph executor optimises modules (DJL's default: on)
 */
public record TorchSettings(int threads, int interopThreads, boolean graphOptimizer) {

    public TorchSettings {
        if (threads < 1 || interopThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1, got " + threads + " and " + interopThreads);
        }
    }

    /**
     * Half the cores for intra-op work (at least 1, at most 8), one inter-op thread, graph optimiser on. Half, because
     * PyTorch's OpenMP threads spin at barriers: when every core is busy (the UI, frame reads, another build) a
     * parallel region waits for a descheduled thread, and a 2-thread encode measured 10-50x slower than a 1-thread one
     * on a loaded 2-core machine (docs/benchmarks.md). {@code VLA_STUDIO_TORCH_THREADS} overrides the count.
     */
    public static TorchSettings defaults() {
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));
        String env = System.getenv("VLA_STUDIO_TORCH_THREADS");
        if (env != null && env.matches("\\d+") && Integer.parseInt(env) > 0) {
            threads = Integer.parseInt(env);
        }
        return new TorchSettings(threads, 1, true);
    }

    public TorchSettings withThreads(int n) {
        return new TorchSettings(n, interopThreads, graphOptimizer);
    }
}
