package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.HaUrl;
import java.util.List;
import java.util.stream.Collectors;

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

    public static final int BACKUP_PORT_OFFSET = 100;
    public static final List<String> NODE_NAMES = List.of("primary", "backup");

    /** A fresh lab: new passwords, the pair's node specs for this mode. */
    public static LabConfig create(Mode mode, String host, int basePort, boolean failback) {
        int backupPort = basePort + BACKUP_PORT_OFFSET;
        String primaryData = mode == Mode.SHARED_STORE ? "shared/data" : "nodes/primary/data";
        String backupData = mode == Mode.SHARED_STORE ? "shared/data" : "nodes/backup/data";
        List<NodeSpec> nodes = List.of(
                new NodeSpec("primary", "configs/" + mode.id() + "/primary.xml", basePort, backupPort, primaryData),
                new NodeSpec("backup", "configs/" + mode.id() + "/backup.xml", backupPort, basePort, backupData));
        return new LabConfig(mode, host, basePort, failback, Credentials.generate("lab"),
                Credentials.generate("cluster-admin"), nodes, System.currentTimeMillis());
    }

    /** The same lab with other ports, host or failback policy; passwords and data stay. */
    public LabConfig with(String newHost, int newBasePort, boolean newFailback) {
        LabConfig fresh = create(mode, newHost, newBasePort, newFailback);
        return new LabConfig(mode, newHost, newBasePort, newFailback, user, cluster, fresh.nodes, createdAt);
    }

    public NodeSpec node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException(LabException.USAGE, "unknown node '" + name + "': this lab has "
                        + nodes.stream().map(NodeSpec::name).collect(Collectors.joining(" and "))));
    }

    public String nodeUrl(NodeSpec node) {
        return "tcp://" + host + ":" + node.port();
    }

    /** The HA URL clients should use: both nodes, ha=true, endless reconnect. */
    public String haUrl() {
        return HaUrl.of(nodes.stream().map(this::nodeUrl).toList()).toString();
    }
}
