package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.ClientTopology;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.Supervisor;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Role;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts the lab (a pair, or a cluster) and returns when it is ready. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a primary/backup pair, each broker its own JVM, and return when the primary is active "
                + "and the backup is announced (shared-store) or in sync (replication, replication-zk). "
                + "replication-zk starts a 3-server ZooKeeper ensemble (zk1..zk3, each its own JVM) beside the pair. "
                + "--mode cluster starts N active brokers (node1..nodeN, --nodes) in one symmetric cluster and returns "
                + "when every member is active and sees all the others. --mode cluster-of-pairs and "
                + "cluster-of-shared-store-pairs start N pairs (primaryI/backupI, --pairs) in one cluster and return "
                + "when every pair is ready and every active node sees all the others. The nodes keep running.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    PairOptions pair;

    @Option(names = "--host", description = "The address the brokers bind to (default 127.0.0.1).")
    String host;

    @Option(names = "--force", description = "Start even when the backup held a newer journal than the primary "
            + "(replication): messages only the backup had are then lost.")
    boolean force;

    @Option(names = "--on-active", paramLabel = "CMD", description = "Run CMD (sh -c) whenever a broker becomes "
            + "active, with LAB_NODE, LAB_ROLE, LAB_STATE and LAB_URL set; its output goes to the node's log, and a "
            + "failure shows in ./lab status, never stops the broker. Kept for later starts of this lab.")
    String onActive;

    @Option(names = "--on-backup", paramLabel = "CMD", description = "Run CMD whenever a broker becomes a backup; "
            + "as --on-active.")
    String onBackup;

    @Option(names = "--timeout", defaultValue = "90s", converter = DurationConverter.class,
            description = "How long to wait for the pair to be ready (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        pair.validate();
        LabDirectory dir = lab.directory();
        try (LabDirectory.LabLock ignored = dir.lock("up")) {
            LabConfig config = configure(dir);
            Supervisor supervisor = new Supervisor(dir, config, lab.verbose);
            supervisor.requireIdle();
            // a proxy left without nodes (they were killed one by one) holds the ports the new start needs
            supervisor.proxy().stop();
            if (config.mode() == Mode.REPLICATION && !force) {
                refuseStaleStart(dir, config);
            }
            for (NodeSpec n : config.nodes()) {
                PortCheck.requireFree(config.host(), n.port(), n.name());
            }
            dir.prepare(config);
            dir.save(config);
            warnIfExposed(config);
            out.printf("Starting %s%s in %s%n", shape(config), config.tls().enabled()
                    ? (config.tls().clientAuth() ? " (TLS, client certificates)" : " (TLS)") : "", dir.root());
            out.flush();
            Lab handle = lab.lab().with(s -> s.withClassDataArchive(note -> {
                out.println("  " + note);
                out.flush();
            }));
            long t0 = System.nanoTime();
            AtomicReference<ClientTopology> lookup = new AtomicReference<>();
            try {
                handle.start(timeout, n -> {
                    out.printf("  %-8s %-15s %6.1f s%n", n.name(), n.state(), seconds(t0));
                    out.flush();
                    if (n.isActive() && !config.mode().cluster() && lookup.get() == null) {
                        // the status table's client connects while the backup still starts or syncs
                        lookup.set(ClientTopology.open(config, StatusCommand.TOPOLOGY_TIMEOUT));
                    }
                });
                out.printf("%s ready in %.1f s.%n", config.mode().cluster() ? "Cluster" : "Pair", seconds(t0));
                ClientTopology ahead = lookup.get();
                if (ahead == null) {
                    StatusCommand.printTable(out, handle);
                } else {
                    StatusCommand.printTable(out, handle, () -> ahead.lines(StatusCommand.TOPOLOGY_TIMEOUT));
                }
            } finally {
                Optional.ofNullable(lookup.get()).ifPresent(ClientTopology::close);
            }
            return 0;
        }
    }

    /**
     * After a failover, the node that was active last holds the newest replicated journal. A replicated backup cannot
     * start active on its own, so starting the pair would serve the primary's older journal and lose messages.
     */
    private static void refuseStaleStart(LabDirectory dir, LabConfig config) {
        String group = config.topology().groups().get(0);
        long primary = lastActive(dir, config.topology().member(group, Role.PRIMARY));
        long backup = lastActive(dir, config.topology().member(group, Role.BACKUP));
        if (backup > primary) {
            throw new LabException(LabException.USAGE, "the backup was active after the primary stopped, so its "
                    + "journal is newer; starting the pair now would make the primary active on its older journal and "
                    + "lose those messages. Use --force to accept that, or ./lab down --purge for a fresh lab");
        }
    }

    private LabConfig configure(LabDirectory dir) {
        LabConfig config = configureTls(dir, configureTopology(dir));
        return onActive == null && onBackup == null ? config : config.with(new LabConfig.Hooks(onActive, onBackup));
    }

    /** A new lab: as asked (off unless --tls); an existing one keeps its setting and password unless told otherwise. */
    private LabConfig configureTls(LabDirectory dir, LabConfig config) {
        LabConfig.Tls had = config.tls();
        boolean on = pair.tls != null ? pair.tls : had.enabled() || Boolean.TRUE.equals(pair.clientAuth);
        if (!on) {
            return config.with(LabConfig.Tls.OFF);
        }
        boolean clientAuth = pair.clientAuth != null ? pair.clientAuth : had.clientAuth();
        LabConfig.Tls tls = had.enabled() ? new LabConfig.Tls(true, clientAuth, had.password(), null)
                : LabConfig.Tls.generate(clientAuth);
        return config.with(tls.at(dir.tls().dir()));
    }

    /** One line on stderr when the brokers listen beyond this machine: who can now connect, and with what. */
    private void warnIfExposed(LabConfig config) {
        if (config.host().startsWith("127.") || config.host().equals("localhost") || config.host().equals("::1")) {
            return;
        }
        int low = config.nodes().stream().mapToInt(n -> n.port()).min().orElse(config.basePort());
        int high = config.nodes().stream().mapToInt(n -> n.port()).max().orElse(config.basePort());
        spec.commandLine().getErr().printf("warning: the brokers listen on %s: anyone who can reach this machine on "
                + "ports %d-%d can connect, %s%n", config.host(), low, high, config.tls().enabled()
                ? "over TLS, and with the lab's credentials" + (config.tls().clientAuth() ? " and a certificate of its CA" : "")
                : "in plain text (no --tls), with the lab's credentials");
        spec.commandLine().getErr().flush();
    }

    private LabConfig configureTopology(LabDirectory dir) {
        if (!dir.exists()) {
            return LabConfig.create(pair.mode, pair.size(), pair.discoveryOrDefault(),
                    host != null ? host : LabConfig.LOOPBACK,
                    pair.basePortOr(PairOptions.DEFAULT_BASE_PORT), pair.failback, pair.faultProxy);
        }
        LabConfig existing = dir.load();
        if (existing.mode() != pair.mode) {
            throw new LabException(LabException.USAGE, "lab directory " + dir.root() + " holds a " + existing.mode()
                    + " lab; use --mode " + existing.mode() + ", another --lab-dir, or ./lab down --purge first");
        }
        int size = existing.topology().size();
        Integer asked = pair.requestedSize();
        if (asked != null && asked != size) {
            String option = pair.mode.clusterOfPairs() ? "--pairs" : "--nodes";
            throw new LabException(LabException.USAGE, "lab directory " + dir.root() + " holds " + shape(existing)
                    + "; use " + option + " " + size + ", another --lab-dir, or ./lab down --purge first");
        }
        if (pair.discovery != null && pair.discovery != existing.topology().discovery()) {
            throw new LabException(LabException.USAGE, "lab directory " + dir.root() + " holds a cluster with "
                    + existing.topology().discovery() + " discovery; use --discovery "
                    + existing.topology().discovery() + ", another --lab-dir, or ./lab down --purge first");
        }
        return existing.with(host != null ? host : existing.host(),
                pair.basePortOr(existing.basePort()), pair.failback, pair.faultProxy);
    }

    private static long lastActive(LabDirectory dir, NodeSpec node) {
        return dir.readStatus(node.name()).map(NodeStatus::lastActive).orElse(0L);
    }

    /** "a replication pair", "a cluster of 3 brokers". */
    static String shape(LabConfig config) {
        return switch (config.mode()) {
            case CLUSTER -> "a cluster of " + config.topology().size() + " brokers";
            case CLUSTER_OF_PAIRS -> "a cluster of " + config.topology().size() + " replicated pairs";
            case CLUSTER_OF_SHARED_STORE_PAIRS -> "a cluster of " + config.topology().size() + " shared-store pairs";
            default -> "a " + config.mode() + " pair";
        };
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
