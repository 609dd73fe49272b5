package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabException;
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

    @Option(names = "--url", description = "Connection URL (default: the lab's HA URL, every broker, ha=true).")
    String url;

    @Option(names = "--node", paramLabel = "NAME", description = "Connect to this broker only (its own URL, no "
            + "failover): where messages land in a cluster.")
    String node;

    @Option(names = "--connect-timeout", defaultValue = "120s", converter = DurationConverter.class,
            description = "Give up when no connection opens within this long (default: ${DEFAULT-VALUE}; 0 for "
                    + "never). Every few seconds the client says it is still connecting, and to what.")
    Duration connectTimeout;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Ledger file (default: in the lab's ledgers/).")
    Path ledger;

    ClientConfig config(LabConfig lab, Path defaultLedger, String id) {
        if (url != null && node != null) {
            throw new LabException(LabException.USAGE, "--url and --node both say where to connect: give one");
        }
        String target = url != null ? url : node != null ? lab.clientUrl(lab.node(node)) : lab.haUrl();
        return new ClientConfig(target, lab.user().user(), lab.user().password(), queue,
                delivery.delivery, ledger != null ? ledger : defaultLedger, id, delivery.watchdogOrNull(),
                connectTimeout.isZero() ? null : connectTimeout);
    }
}
