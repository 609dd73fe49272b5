package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.topology.Mode;
import picocli.CommandLine;

/** Parses {@code --mode}. */
final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
        try {
            return Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
