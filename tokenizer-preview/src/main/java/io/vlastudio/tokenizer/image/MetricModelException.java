package io.vlastudio.tokenizer.image;

import java.nio.file.Path;

/**
 * A perceptual-metric model (LPIPS or I3D TorchScript file) could not be loaded or does not have the interface the
 * studio expects. The message names the file, what was expected and what was found, e.g.
 * {@code /m/i3d.pt: expected float32 features of shape (2, F) for an input (2, 3, 10, 224, 224), found float32 (2, 400, 1)}.
 */
public final class MetricModelException extends TokenizerException {

    private static final long serialVersionUID = 1L;

    public MetricModelException(Path file, String expected, String found) {
        super(file, expected, found);
    }

    public MetricModelException(Path file, String expected, String found, Throwable cause) {
        super(file, expected, found, cause);
    }
}
