package io.vlastudio.app.cli;

import io.vlastudio.tokenizer.image.ImageTokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vla-studio tokens export-script [--out FILE]}: the script that turns Chameleon's VQ-GAN into TorchScript. */
@Command(name = "export-script", mixinStandardHelpOptions = true,
        description = {"Prints (or writes) export_chameleon_vqgan.py, which turns Chameleon's vqgan.yaml + vqgan.ckpt into the",
                "encoder.pt / decoder.pt / vqgan-torchscript.json the studio loads. Run it where PyTorch and the checkpoint are:",
                "  python3 export_chameleon_vqgan.py --config vqgan.yaml --ckpt vqgan.ckpt --out DIR [--resolution 256|512] [--check]"})
final class ExportScriptCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", description = "write the script to this file instead of printing it")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String script = ImageTokenizers.exportScript();
        if (out == null) {
            spec.commandLine().getOut().print(script);
        } else {
            Files.writeString(out, script);
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
