package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.harness.lab.LabConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options the lab's sender and receiver share. */
public final class ClientOptions {

    @Option(names = "--delivery", defaultValue = "exactly-once", converter = DeliveryConverter.class,
            description = "naive, at-least-once or exactly-once (default: ${DEFAULT-VALUE}).")
    Delivery delivery;

    @Option(names = "--queue", defaultValue = "exampleQueue", description = "The queue (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--url", description = "Connection URL (default: the lab's HA URL, both nodes, ha=true).")
    String url;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Ledger file (default: in the lab's ledgers/).")
    Path ledger;

    @Option(names = "--watchdog", defaultValue = "2s", converter = DurationConverter.class,
            description = "Reopen the connection when a failover has not completed after this long (default: "
                    + "${DEFAULT-VALUE}; 0 for never, to watch a stuck client stay stuck).")
    Duration watchdog;

    ClientConfig config(LabConfig lab, Path defaultLedger, String id) {
        return new ClientConfig(url != null ? url : lab.haUrl(), lab.user().user(), lab.user().password(), queue,
                delivery, ledger != null ? ledger : defaultLedger, id, watchdog.isZero() ? null : watchdog);
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
