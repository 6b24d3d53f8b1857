package io.vlastudio.tokenizer.image;

import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens whichever image tokenizer a folder holds: an exported Chameleon VQ-GAN or a saved built-in tokenizer. */
public final class ImageTokenizers {

    private final TorchRuntime runtime;

    public ImageTokenizers(TorchRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The tokenizer in {@code dir}.
     *
     * @throws TokenizerException naming the folder or file and what was expected
     */
    public ImageTokenizer open(Path dir) throws TokenizerException {
        if (Files.isRegularFile(dir.resolve(TorchScriptVqGan.METADATA))) {
            return TorchScriptVqGan.open(dir, runtime);
        }
        if (PatchCodebookTokenizer.isSavedIn(dir)) {
            return PatchCodebookTokenizer.open(dir, runtime);
        }
        if (Files.isRegularFile(dir.resolve(TorchScriptVqGan.ENCODER))) {
            // encoder.pt without its description: TorchScriptVqGan names the missing file
            return TorchScriptVqGan.open(dir, runtime);
        }
        throw new TokenizerException(dir, "a folder with " + TorchScriptVqGan.ENCODER + ", " + TorchScriptVqGan.DECODER + " and "
                + TorchScriptVqGan.METADATA + " (run " + TorchScriptVqGan.EXPORT_SCRIPT + " on Chameleon's vqgan.yaml and "
                + "vqgan.ckpt) or a built-in tokenizer (" + PatchCodebookTokenizer.METADATA + ")",
                Files.isDirectory(dir) ? "neither" : "no such folder");
    }

    /** The export script's source, to save beside a Chameleon checkpoint. */
    public static String exportScript() {
        try (var in = TorchScriptVqGan.class.getResourceAsStream(TorchScriptVqGan.EXPORT_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the studio was built without " + TorchScriptVqGan.EXPORT_SCRIPT);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not read " + TorchScriptVqGan.EXPORT_SCRIPT + ": " + e.getMessage(), e);
        }
    }
}
