package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.tls.TlsOptions;
import io.github.artemishalab.harness.topology.Discovery;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Topology;
import java.time.Duration;
import java.util.List;

/**
 * What to drill.
 *
 * @param mode     the HA mode
 * @param faults   the faults to choose from, round by round (in order; shuffled by {@code seed} if set)
 * @param rounds   how many rounds
 * @param messages stop sending after this many messages (null: send until the rounds are done)
 * @param duration send for at least this long (null: as long as the rounds take)
 * @param rate     messages per second
 * @param delivery the clients' delivery mode
 * @param seed     shuffles the fault order and the pauses between steps; null for the plain order
 * @param failback whether a returning primary takes over again
 * @param basePort the primary's port (backup on +100)
 * @param timeout  how long any one wait (lab ready, takeover, failback, drain) may take
 * @param watchdog the clients reopen a connection whose failover has not completed after this long (null: never)
 * @param net      how network faults cut, and for how long
 * @param size     how many brokers a cluster has (ignored for a pair)
 * @param clients  how many senders, and as many receivers, on the HA URL; {@code rate} and {@code messages}
 *                 are per sender
 * @param discovery how a cluster's members find each other
 * @param tls      whether the drill's lab speaks TLS
 */
public record DrillOptions(Mode mode, List<FaultKind> faults, int rounds, Long messages, Duration duration,
                           double rate, Delivery delivery, Long seed, boolean failback, int basePort,
                           Duration timeout, Duration watchdog, NetFaults net, int size, int clients,
                           Discovery discovery, TlsOptions tls) {

    /** Without TLS. */
    public DrillOptions(Mode mode, List<FaultKind> faults, int rounds, Long messages, Duration duration,
                        double rate, Delivery delivery, Long seed, boolean failback, int basePort,
                        Duration timeout, Duration watchdog, NetFaults net, int size, int clients,
                        Discovery discovery) {
        this(mode, faults, rounds, messages, duration, rate, delivery, seed, failback, basePort, timeout,
                watchdog, net, size, clients, discovery, TlsOptions.OFF);
    }

    /** A cluster whose members find each other through static seeds. */
    public DrillOptions(Mode mode, List<FaultKind> faults, int rounds, Long messages, Duration duration,
                        double rate, Delivery delivery, Long seed, boolean failback, int basePort,
                        Duration timeout, Duration watchdog, NetFaults net, int size, int clients) {
        this(mode, faults, rounds, messages, duration, rate, delivery, seed, failback, basePort, timeout,
                watchdog, net, size, clients, Discovery.STATIC);
    }

    /** A pair's drill: one sender, one receiver. */
    public DrillOptions(Mode mode, List<FaultKind> faults, int rounds, Long messages, Duration duration,
                        double rate, Delivery delivery, Long seed, boolean failback, int basePort,
                        Duration timeout, Duration watchdog, NetFaults net) {
        this(mode, faults, rounds, messages, duration, rate, delivery, seed, failback, basePort, timeout,
                watchdog, net, Topology.DEFAULT_CLUSTER_SIZE, 1);
    }

    public DrillOptions {
        ModeFaults.check(mode, faults);
        if (clients < 1) {
            throw new LabException(LabException.USAGE, "a drill needs at least one client, not " + clients);
        }
        if (!net.proxy() && faults.stream().anyMatch(FaultKind::network)) {
            throw new LabException(LabException.USAGE, "network faults need the fault proxy: drop "
                    + "--no-fault-proxy");
        }
    }
}
