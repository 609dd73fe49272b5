package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.HaUrl;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
import io.github.artemishalab.harness.topology.Wiring;
import java.util.List;

/**
 * What {@code lab up} chose for a lab directory ({@code lab.json}): every later command reads it.
 *
 * @param mode      the HA mode
 * @param host      the address the brokers bind to and announce
 * @param basePort  the primary's port; the backup listens on {@code basePort + 100}
 * @param failback  whether a returning primary takes over again
 * @param user      the application user (role {@code amq})
 * @param cluster   the cluster user the nodes use between themselves
 * @param nodes     the pair, primary first
 * @param createdAt when the lab directory was made (epoch ms)
 * @param faultProxy whether every link goes through the lab's fault proxy (partitions, delays)
 */
public record LabConfig(Mode mode, String host, int basePort, boolean failback, Credentials user,
                        Credentials cluster, List<NodeSpec> nodes, long createdAt, boolean faultProxy) {

    /** The only host the fault proxy can stand in front of: its doors are loopback addresses. */
    public static final String LOOPBACK = "127.0.0.1";

    /** A fresh lab: new passwords, the pair's node specs for this mode, the fault proxy on loopback. */
    public static LabConfig create(Mode mode, String host, int basePort, boolean failback) {
        return create(mode, host, basePort, failback, LOOPBACK.equals(host));
    }

    public static LabConfig create(Mode mode, String host, int basePort, boolean failback, boolean faultProxy) {
        return new LabConfig(mode, host, basePort, failback, Credentials.generate("lab"),
                Credentials.generate("cluster-admin"), Topology.pair(mode, basePort).nodes(), System.currentTimeMillis(),
                faultProxy && LOOPBACK.equals(host));
    }

    /** The same lab with other ports, host, failback policy or proxy; passwords and data stay. */
    public LabConfig with(String newHost, int newBasePort, boolean newFailback, boolean newFaultProxy) {
        return new LabConfig(mode, newHost, newBasePort, newFailback, user, cluster,
                Topology.pair(mode, newBasePort).nodes(), createdAt, newFaultProxy && LOOPBACK.equals(newHost));
    }

    public Topology topology() {
        return new Topology(mode, nodes);
    }

    /** Where each node listens and what it announces. */
    public Wiring wiring() {
        return new Wiring(topology(), host, faultProxy);
    }

    /** The node called {@code name}; an unknown name is a usage error that lists the names there are. */
    public NodeSpec node(String name) {
        return topology().node(name);
    }

    public String nodeUrl(NodeSpec node) {
        return "tcp://" + host + ":" + node.port();
    }

    /** The HA URL clients should use: every node, ha=true, endless reconnect. */
    public String haUrl() {
        return HaUrl.of(nodes.stream().map(this::nodeUrl).toList()).toString();
    }
}
