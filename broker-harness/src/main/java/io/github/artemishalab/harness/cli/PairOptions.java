package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.tls.TlsOptions;
import io.github.artemishalab.harness.topology.Discovery;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Topology;
import picocli.CommandLine.Option;

/** What a lab is made of, for the commands that make one ({@code up}, {@code drill}). */
public final class PairOptions {

    /** The primary's port when neither {@code --base-port} nor {@code LAB_BASE_PORT} says otherwise. */
    static final int DEFAULT_BASE_PORT = 61616;

    @Option(names = "--mode", defaultValue = "replication", converter = ModeConverter.class,
            description = "shared-store, replication, replication-zk (a ZooKeeper quorum), cluster (active/active, "
                    + "see --nodes), cluster-of-pairs (replicated pairs in one cluster, see --pairs) or "
                    + "cluster-of-shared-store-pairs (the same, each pair on one shared journal) "
                    + "(default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--nodes", paramLabel = "N", description = "How many brokers a --mode cluster lab has, 2 to "
            + Topology.MAX_CLUSTER_SIZE + " (default: " + Topology.DEFAULT_CLUSTER_SIZE + "; up keeps the size the "
            + "lab had before).")
    Integer nodes;

    @Option(names = "--pairs", paramLabel = "N", description = "How many pairs a --mode cluster-of-pairs or "
            + "cluster-of-shared-store-pairs lab has, 2 to " + Topology.MAX_CLUSTER_SIZE + " (default: 2; up keeps the size the lab had before).")
    Integer pairs;

    @Option(names = "--discovery", paramLabel = "HOW", converter = DiscoveryConverter.class,
            description = "How a --mode cluster lab's members find each other: static (two seeds each, the next "
                    + "members in a ring) or jgroups (a JGroups channel over TCP, members found through files in the "
                    + "lab directory; no multicast needed) (default: static; up keeps what the lab had before).")
    Discovery discovery;

    @Option(names = "--base-port", paramLabel = "N", defaultValue = "${env:LAB_BASE_PORT}",
            description = "The primary's port; the backup gets N+100 (default: $LAB_BASE_PORT, else "
                    + DEFAULT_BASE_PORT + "; up keeps the port the lab used before).")
    Integer basePort;

    @Option(names = "--failback", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Whether a returning primary takes over again (default: on).")
    boolean failback;

    @Option(names = "--fault-proxy", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Put the lab's fault proxy on every link, so that partition, isolate and delay work "
                    + "(default: on; loopback only; --no-fault-proxy connects clients and nodes directly).")
    boolean faultProxy;

    @Option(names = "--tls", negatable = true, description = "TLS on every link: the lab makes a CA, a key and "
            + "certificate per node and a truststore in the lab directory's tls/; the HA URL and jndi.properties carry "
            + "sslEnabled=true and the truststore (default: off; up keeps what the lab had before).")
    Boolean tls;

    @Option(names = "--client-auth", negatable = true, description = "With --tls: brokers demand a certificate of "
            + "every client and peer; the lab's clients present tls/client.p12 (default: off; up keeps what the lab "
            + "had before).")
    Boolean clientAuth;

    /** Refuses a base port out of range before anything is written. */
    void validate() {
        if (Boolean.TRUE.equals(clientAuth) && Boolean.FALSE.equals(tls)) {
            throw new LabException(LabException.USAGE, "--client-auth needs TLS: drop --no-tls");
        }
        if (nodes != null && mode != Mode.CLUSTER) {
            throw new LabException(LabException.USAGE, "--nodes is for --mode cluster; a " + mode + " lab is "
                    + (mode.clusterOfPairs() ? "sized with --pairs" : "one pair"));
        }
        if (pairs != null && !mode.clusterOfPairs()) {
            throw new LabException(LabException.USAGE, "--pairs is for --mode cluster-of-pairs or "
                    + "cluster-of-shared-store-pairs; a " + mode + " lab is "
                    + (mode == Mode.CLUSTER ? "sized with --nodes" : "one pair"));
        }
        if (discovery != null && mode != Mode.CLUSTER) {
            throw new LabException(LabException.USAGE, "--discovery is for --mode cluster; a " + mode + " lab's nodes "
                    + "know their peers by static connectors");
        }
        Topology.of(mode, basePortOr(DEFAULT_BASE_PORT), size());
    }

    /** The cluster's size asked for, else the default. */
    int size() {
        if (mode.clusterOfPairs()) {
            return pairs != null ? pairs : DEFAULT_PAIRS;
        }
        return nodes != null ? nodes : Topology.DEFAULT_CLUSTER_SIZE;
    }

    /** TLS as asked for a new lab (a drill's lab is always new). */
    TlsOptions tlsOrOff() {
        boolean clientAuthOn = Boolean.TRUE.equals(clientAuth);
        return new TlsOptions(Boolean.TRUE.equals(tls) || clientAuthOn, clientAuthOn);
    }

    /** The discovery asked for, else static seeds. */
    Discovery discoveryOrDefault() {
        return discovery != null ? discovery : Discovery.STATIC;
    }

    /** How many pairs a cluster of pairs has unless told otherwise. */
    static final int DEFAULT_PAIRS = 2;

    /** The size asked for, or null: {@code up} keeps an existing lab's size unless told. */
    Integer requestedSize() {
        return mode.clusterOfPairs() ? pairs : nodes;
    }

    int basePortOr(int fallback) {
        return basePort != null ? basePort : fallback;
    }
}
