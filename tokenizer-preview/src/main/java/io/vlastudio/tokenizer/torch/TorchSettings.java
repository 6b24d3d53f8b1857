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

    /** All cores for intra-op work (at most 8), one inter-op thread, graph optimiser on. */
    public static TorchSettings defaults() {
        return new TorchSettings(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())), 1, true);
    }

    public TorchSettings withThreads(int n) {
        return new TorchSettings(n, interopThreads, graphOptimizer);
    }
}
