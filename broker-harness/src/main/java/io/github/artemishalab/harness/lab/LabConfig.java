package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.HaUrl;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
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
 */
public record LabConfig(Mode mode, String host, int basePort, boolean failback, Credentials user,
                        Credentials cluster, List<NodeSpec> nodes, long createdAt) {

    /** A fresh lab: new passwords, the pair's node specs for this mode. */
    public static LabConfig create(Mode mode, String host, int basePort, boolean failback) {
        return new LabConfig(mode, host, basePort, failback, Credentials.generate("lab"),
                Credentials.generate("cluster-admin"), Topology.pair(mode, basePort).nodes(), System.currentTimeMillis());
    }

    /** The same lab with other ports, host or failback policy; passwords and data stay. */
    public LabConfig with(String newHost, int newBasePort, boolean newFailback) {
        return new LabConfig(mode, newHost, newBasePort, newFailback, user, cluster,
                Topology.pair(mode, newBasePort).nodes(), createdAt);
    }

    public Topology topology() {
        return new Topology(mode, nodes);
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
