package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.harness.lab.LabConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options the lab's sender and receiver share. */
public final class ClientOptions {

    @Mixin
    DeliveryOptions delivery;

    @Option(names = "--queue", defaultValue = "exampleQueue", description = "The queue (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--url", description = "Connection URL (default: the lab's HA URL, both nodes, ha=true).")
    String url;

    @Option(names = "--connect-timeout", defaultValue = "120s", converter = DurationConverter.class,
            description = "Give up when no connection opens within this long (default: ${DEFAULT-VALUE}; 0 for "
                    + "never). Every few seconds the client says it is still connecting, and to what.")
    Duration connectTimeout;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Ledger file (default: in the lab's ledgers/).")
    Path ledger;

    ClientConfig config(LabConfig lab, Path defaultLedger, String id) {
        return new ClientConfig(url != null ? url : lab.haUrl(), lab.user().user(), lab.user().password(), queue,
                delivery.delivery, ledger != null ? ledger : defaultLedger, id, delivery.watchdogOrNull(),
                connectTimeout.isZero() ? null : connectTimeout);
    }
}
