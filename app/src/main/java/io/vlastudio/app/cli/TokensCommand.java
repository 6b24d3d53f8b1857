package io.vlastudio.app.cli;

import picocli.CommandLine.Command;

/** {@code vla-studio tokens actions|images}: what WorldVLA's tokenizers make of a demo. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Shows what WorldVLA's tokenizers make of a demo: action tokens exactly as WorldVLA computes them,",
                "and image reconstructions through a VQ tokenizer."})
final class TokensCommand extends GroupCommand {
}
