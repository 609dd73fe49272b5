package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.Delivery;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How the lab's clients deliver and recover: {@code send}, {@code receive} and {@code drill} share these. */
public final class DeliveryOptions {

    @Option(names = "--delivery", defaultValue = "exactly-once", converter = DeliveryConverter.class,
            description = "naive, at-least-once or exactly-once (default: ${DEFAULT-VALUE}).")
    Delivery delivery;

    @Option(names = "--watchdog", defaultValue = "2s", converter = DurationConverter.class,
            description = "Reopen the connection when a failover has not completed after this long (default: "
                    + "${DEFAULT-VALUE}; 0 for never, to watch a stuck client stay stuck).")
    Duration watchdog;

    /** The watchdog, or null for none. */
    Duration watchdogOrNull() {
        return watchdog.isZero() ? null : watchdog;
    }

    /** Parses {@code --delivery}. */
    static final class DeliveryConverter implements ITypeConverter<Delivery> {
        @Override
        public Delivery convert(String value) {
            try {
                return Delivery.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
