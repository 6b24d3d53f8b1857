package io.vlastudio.app.cli;

import io.vlastudio.tokenizer.image.Fvd;
import io.vlastudio.tokenizer.image.Lpips;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vla-studio predictions export-script lpips|i3d [--out FILE]}: the scripts that export the metric models. */
@Command(name = "export-script", mixinStandardHelpOptions = true,
        description = {"Prints (or writes) the script that exports a perceptual-metric model to the TorchScript file",
                "`predictions metrics --lpips-model/--fvd-model` loads (the studio ships scripts, never weights):",
                "  lpips: " + Lpips.EXPORT_SCRIPT + " --out lpips_vgg.pt [--lpips-weights vgg.pth] [--vgg-weights vgg16.pth] [--check]",
                "  i3d:   " + Fvd.EXPORT_SCRIPT + " --checkpoint rgb_imagenet.pt --out i3d.pt [--output logits|features] [--check]",
                "Run it where PyTorch (>= 1.13) and the weights are; see docs/predictions.md."})
final class MetricExportScriptCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "lpips or i3d")
    private String model;

    @Option(names = "--out", description = "write the script to this file instead of printing it")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String name = switch (model) {
            case "lpips" -> Lpips.EXPORT_SCRIPT;
            case "i3d", "fvd" -> Fvd.EXPORT_SCRIPT;
            default -> null;
        };
        if (name == null) {
            spec.commandLine().getErr().println("error: MODEL must be lpips or i3d, got " + model);
            return 2;
        }
        String script;
        try (InputStream in = Lpips.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource io/vlastudio/tokenizer/image/" + name);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (out == null) {
            spec.commandLine().getOut().print(script);
        } else {
            Files.writeString(out, script);
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
