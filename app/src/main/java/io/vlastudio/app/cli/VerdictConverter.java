package io.vlastudio.app.cli;

import io.vlastudio.store.Verdict;
import picocli.CommandLine;

/** {@code --verdict rejected}. */
final class VerdictConverter implements CommandLine.ITypeConverter<Verdict> {

    @Override
    public Verdict convert(String value) {
        try {
            return Verdict.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
