package io.vlastudio.tokenizer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Small random-weight LPIPS and I3D TorchScript models with the real interfaces, made by {@code python/metric_models.py}
 * with the studio's own export scripts (copied out of the classpath, so this works from the classes folder and from
 * the jar) and Debian's python3; see that script for the files it writes. Shared with the app's tests.
 */
public final class MetricModels {

    public static final String[] EXPORT_SCRIPTS = {"export_lpips_vgg.py", "export_i3d.py"};

    private MetricModels() {
    }

    /** Writes the models, frames and reference.json into {@code dir} and returns it. */
    public static Path make(Path dir) throws IOException, InterruptedException {
        Path scripts = dir.resolve("export-scripts");
        Files.createDirectories(scripts);
        for (String name : EXPORT_SCRIPTS) {
            try (InputStream in = MetricModels.class.getResourceAsStream("/io/vlastudio/tokenizer/image/" + name)) {
                if (in == null) {
                    throw new IOException("missing resource io/vlastudio/tokenizer/image/" + name + " (tools/metrics/)");
                }
                Files.copy(in, scripts.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        PythonScripts.run("metric_models.py", "", dir.toString(), scripts.toString());
        return dir;
    }
}
