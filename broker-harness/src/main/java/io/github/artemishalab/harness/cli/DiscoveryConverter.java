package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.topology.Discovery;
import picocli.CommandLine;

/** Parses {@code --discovery}. */
final class DiscoveryConverter implements CommandLine.ITypeConverter<Discovery> {
    @Override
    public Discovery convert(String value) {
        try {
            return Discovery.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
