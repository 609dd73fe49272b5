package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.zk.LockHolder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ZooKeeper ensemble of a replication-zk lab as {@code status} shows it: who leads, whether a majority serves,
 * and which broker holds the activation lock (read from ZooKeeper, not inferred from the brokers' states).
 *
 * @param size       servers in the ensemble
 * @param serving    servers that lead or follow now
 * @param leader     the leading server, if one serves
 * @param reachable  whether the lock could be read (a majority answered)
 * @param lockHolder the broker whose ZooKeeper session holds the lock, if any
 */
public record EnsembleView(int size, int serving, String leader, boolean reachable, String lockHolder) {

    /** The view of {@code lab}'s ensemble now; empty for a lab without one. */
    public static Optional<EnsembleView> of(Lab lab, List<Node> nodes, Duration timeout) {
        if (!lab.config().mode().quorum()) {
            return Optional.empty();
        }
        List<Node> servers = nodes.stream().filter(n -> !n.role().broker()).toList();
        long serving = servers.stream().filter(n -> n.state().inQuorum()).count();
        String leader = servers.stream().filter(n -> n.state() == NodeState.LEADING).map(Node::name).findFirst()
                .orElse(null);
        LockHolder.Lease lease = serving == 0 ? new LockHolder.Lease(false, List.of())
                : LockHolder.read(lab.config().wiring().ensemble().connectString(), timeout,
                lab.supervisor().zkTls(io.github.artemishalab.harness.tls.LabTls.CLIENT));
        Map<String, java.nio.file.Path> logs = new LinkedHashMap<>();
        for (NodeSpec b : lab.topology().brokers()) {
            logs.put(b.name(), lab.directory().logFile(b.name()));
        }
        return Optional.of(new EnsembleView(servers.size(), (int) serving, leader, lease.reachable(),
                lease.holder(logs).orElse(lease.sessions().isEmpty() ? null : "an unknown session")));
    }

    /** How many servers must serve for the ensemble to work. */
    public int quorum() {
        return size / 2 + 1;
    }

    public boolean hasQuorum() {
        return serving >= quorum();
    }

    /** One line: "zk3 leads, 3 of 3 serving (2 needed)", or what is missing. */
    public String describe() {
        if (!hasQuorum()) {
            return "NO QUORUM: " + serving + " of " + size + " serving, " + quorum() + " needed: no broker can take "
                    + "the lock, and an active one stops within its session timeout";
        }
        return (leader == null ? "no leader yet" : leader + " leads") + ", " + serving + " of " + size + " serving ("
                + quorum() + " needed)";
    }

    /** Who holds the lock, in words. */
    public String lock() {
        if (!reachable) {
            return "unknown: the ensemble did not answer";
        }
        return lockHolder == null ? "held by no broker" : "held by " + lockHolder;
    }
}
