package io.vlastudio.tokenizer.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.util.Objects;

/**
 * The PyTorch engine behind DJL, loaded on first use with the studio's settings: offline (the native library comes
 * from the {@code pytorch-native-cpu} jar, nothing is downloaded), with the configured thread counts. PyTorch reads
 * its settings once per process, so the first runtime to load the engine decides them; {@link #settings()} reports
 * what was asked for and {@link #describe()} what the engine runs with.
 */
public final class TorchRuntime {

    private final TorchSettings settings;
    private Engine engine;

    public TorchRuntime(TorchSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public TorchSettings settings() {
        return settings;
    }

    /** The engine, loaded on first call (about 2 s the first time on a machine, when the library is unpacked). */
    public synchronized Engine engine() {
        if (engine == null) {
            setIfAbsent("ai.djl.offline", "true");
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(settings.threads()));
            setIfAbsent("ai.djl.pytorch.num_interop_threads", Integer.toString(settings.interopThreads()));
            setIfAbsent("ai.djl.pytorch.graph_optimizer", Boolean.toString(settings.graphOptimizer()));
            try {
                engine = Engine.getEngine("PyTorch");
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new IllegalStateException("could not load PyTorch through DJL (expected the pytorch-native-cpu and "
                        + "pytorch-jni jars on the classpath; DJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR",
                        System.getenv().getOrDefault("DJL_CACHE_DIR", "~/.djl.ai")) + "): " + e.getMessage(), e);
            }
        }
        return engine;
    }

    /** A new manager on the engine; the caller closes it. */
    public NDManager newManager() {
        return engine().newBaseManager();
    }

    /** Engine name and version with the thread settings in force. */
    public String describe() {
        Engine e = engine();
        return e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + "), threads "
                + System.getProperty("ai.djl.pytorch.num_threads") + ", inter-op "
                + System.getProperty("ai.djl.pytorch.num_interop_threads");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
