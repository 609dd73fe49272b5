package io.github.artemishalab.harness.topology;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shape of a lab: its nodes, with their roles, groups and ports, and the rules that follow from the mode (the
 * order nodes start in, what "ready" means). A primary/backup pair is one topology; the only place that builds one.
 *
 * @param mode  the HA mode every group runs
 * @param nodes every node, in start order within its group
 */
public record Topology(Mode mode, List<NodeSpec> nodes) {

    /** The group of the lab's single pair. */
    public static final String PAIR = "pair-1";
    /** The backup of a pair listens this far above its primary. */
    public static final int BACKUP_PORT_OFFSET = 100;
    /** The group of the ZooKeeper ensemble of a replication-zk lab. */
    public static final String ENSEMBLE = "zk";
    /** How many ZooKeeper servers a replication-zk lab runs: the smallest ensemble that survives one loss. */
    public static final int ENSEMBLE_SIZE = 3;
    /** ZooKeeper server {@code i} (1..3) takes clients on {@code basePort + 200 + i}. */
    public static final int ZK_PORT_OFFSET = 200;
    /** A ZooKeeper server's quorum port is this far above its client port, its election port twice as far. */
    public static final int ZK_QUORUM_PORT_OFFSET = 10;

    /** The group of every member of an active/active cluster. */
    public static final String CLUSTER = "cluster";
    /** How many brokers a cluster has unless told otherwise, and at most. */
    public static final int DEFAULT_CLUSTER_SIZE = 3;
    public static final int MAX_CLUSTER_SIZE = 9;
    /** Each cluster member connects first to this many others (the next ones, in a ring): one may be down. */
    public static final int CLUSTER_SEEDS = 2;

    public Topology {
        nodes = List.copyOf(nodes);
    }

    /** The lab of {@code mode}: a pair (with its ensemble in replication-zk), or a cluster of {@code size} brokers. */
    public static Topology of(Mode mode, int basePort, int size) {
        return of(mode, basePort, size, Discovery.STATIC);
    }

    /** As {@link #of(Mode, int, int)}, a cluster's members finding each other by {@code discovery}. */
    public static Topology of(Mode mode, int basePort, int size, Discovery discovery) {
        return switch (mode) {
            case CLUSTER -> cluster(basePort, size, discovery);
            case CLUSTER_OF_PAIRS, CLUSTER_OF_SHARED_STORE_PAIRS -> clusterOfPairs(mode, basePort, size);
            default -> pair(mode, basePort);
        };
    }

    /**
     * Pairs in one cluster: {@code primaryI} on {@code basePort + I - 1} and {@code backupI} 100 above, in group
     * {@code pair-I}; each node seeds the cluster with the next pair's two nodes (a ring of pairs). Each node has its
     * own journal, or in {@link Mode#CLUSTER_OF_SHARED_STORE_PAIRS} each pair one, {@code shared/pair-I/data}.
     */
    public static Topology clusterOfPairs(Mode mode, int basePort, int pairs) {
        if (!mode.clusterOfPairs()) {
            throw new IllegalArgumentException(mode + " is not a cluster of pairs");
        }
        if (pairs < 2 || pairs > MAX_CLUSTER_SIZE) {
            throw new LabException(LabException.USAGE, "a cluster of pairs has 2 to " + MAX_CLUSTER_SIZE
                    + " pairs, not " + pairs);
        }
        int span = BACKUP_PORT_OFFSET + pairs - 1;
        int highest = 65535 - span;
        if (basePort < 1 || basePort > highest) {
            throw new LabException(LabException.USAGE, "base port " + basePort + " is out of range: a cluster of "
                    + pairs + " pairs needs ports N to N+" + span + ", so N must be between 1 and " + highest);
        }
        String dir = "configs/" + mode.id() + "/";
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            int primary = basePort + i - 1;
            int backup = primary + BACKUP_PORT_OFFSET;
            String group = "pair-" + i;
            String shared = "shared/" + group + "/data";
            nodes.add(new NodeSpec("primary" + i, Role.PRIMARY, group, dir + "primary.xml", primary, backup,
                    mode.sharedStore() ? shared : "nodes/primary" + i + "/data"));
            nodes.add(new NodeSpec("backup" + i, Role.BACKUP, group, dir + "backup.xml", backup, primary,
                    mode.sharedStore() ? shared : "nodes/backup" + i + "/data"));
        }
        return new Topology(mode, nodes);
    }

    /** How many brokers a cluster has, or pairs a cluster of pairs; 1 for a single pair. */
    public int size() {
        return switch (mode) {
            case CLUSTER -> brokers().size();
            case CLUSTER_OF_PAIRS, CLUSTER_OF_SHARED_STORE_PAIRS -> brokerGroups().size();
            default -> 1;
        };
    }

    /**
     * An active/active cluster: {@code node1..nodeN} on {@code basePort .. basePort+N-1}, each its own journal, each
     * pointing its static connectors at the next {@value #CLUSTER_SEEDS} members (a ring), from whom it learns the
     * rest of the cluster.
     */
    public static Topology cluster(int basePort, int size) {
        return cluster(basePort, size, Discovery.STATIC);
    }

    /** As {@link #cluster(int, int)}, the members finding each other by {@code discovery}. */
    public static Topology cluster(int basePort, int size, Discovery discovery) {
        if (size < 2 || size > MAX_CLUSTER_SIZE) {
            throw new LabException(LabException.USAGE, "a cluster has 2 to " + MAX_CLUSTER_SIZE + " nodes, not "
                    + size);
        }
        int highest = 65535 - (size - 1);
        if (basePort < 1 || basePort > highest) {
            throw new LabException(LabException.USAGE, "base port " + basePort + " is out of range: a cluster of "
                    + size + " needs ports N to N+" + (size - 1) + ", so N must be between 1 and " + highest);
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String name = "node" + i;
            nodes.add(new NodeSpec(name, Role.MEMBER, CLUSTER, discovery.memberConfig(), basePort + i - 1,
                    basePort + i % size, "nodes/" + name + "/data"));
        }
        return new Topology(Mode.CLUSTER, nodes);
    }

    /** How a cluster's members find each other ({@link Discovery#STATIC} outside a cluster). */
    public Discovery discovery() {
        return mode == Mode.CLUSTER ? Discovery.of(nodes.get(0)) : Discovery.STATIC;
    }

    /**
     * The ports of the members a cluster member's static connectors point at: the next {@value #CLUSTER_SEEDS} in the
     * ring (fewer in a cluster of two). Empty outside a cluster.
     */
    public List<Integer> seedPorts(NodeSpec node) {
        if (mode.clusterOfPairs()) {
            // the next pair's primary and backup: whichever of them is active
            List<String> groups = brokerGroups();
            String next = groups.get((groups.indexOf(node.group()) + 1) % groups.size());
            return group(next).stream().map(NodeSpec::port).toList();
        }
        if (!node.is(Role.MEMBER)) {
            return List.of();
        }
        List<NodeSpec> members = brokers();
        int i = members.indexOf(node);
        List<Integer> ports = new ArrayList<>();
        for (int k = 1; k <= Math.min(CLUSTER_SEEDS, members.size() - 1); k++) {
            ports.add(members.get((i + k) % members.size()).port());
        }
        return ports;
    }

    /**
     * A primary on {@code basePort} and its backup on {@code basePort + 100}; in replication-zk, three ZooKeeper
     * servers {@code zk1..zk3} after them, taking clients on {@code basePort + 201..203}, their quorum and election
     * ports 10 and 20 above.
     */
    public static Topology pair(Mode mode, int basePort) {
        int span = mode.quorum() ? ZK_PORT_OFFSET + ENSEMBLE_SIZE + 2 * ZK_QUORUM_PORT_OFFSET : BACKUP_PORT_OFFSET;
        int highest = 65535 - span;
        if (basePort < 1 || basePort > highest) {
            throw new LabException(LabException.USAGE, "base port " + basePort + " is out of range: a " + mode
                    + " lab needs ports N to N+" + span + ", so N must be between 1 and " + highest);
        }
        int backupPort = basePort + BACKUP_PORT_OFFSET;
        String dir = "configs/" + mode.id() + "/";
        String sharedData = "shared/data";
        List<NodeSpec> nodes = new ArrayList<>(List.of(
                new NodeSpec(Role.PRIMARY.id(), Role.PRIMARY, PAIR, dir + "primary.xml", basePort, backupPort,
                        mode.sharedStore() ? sharedData : "nodes/primary/data"),
                new NodeSpec(Role.BACKUP.id(), Role.BACKUP, PAIR, dir + "backup.xml", backupPort, basePort,
                        mode.sharedStore() ? sharedData : "nodes/backup/data")));
        if (mode.quorum()) {
            for (int i = 1; i <= ENSEMBLE_SIZE; i++) {
                int clientPort = basePort + ZK_PORT_OFFSET + i;
                nodes.add(new NodeSpec("zk" + i, Role.ZOOKEEPER, ENSEMBLE, null, clientPort,
                        clientPort + ZK_QUORUM_PORT_OFFSET, "nodes/zk" + i + "/data"));
            }
        }
        return new Topology(mode, nodes);
    }

    /** The brokers, without the ZooKeeper servers. */
    public List<NodeSpec> brokers() {
        return nodes.stream().filter(n -> n.role().broker()).toList();
    }

    /** The ZooKeeper servers (none outside replication-zk). */
    public List<NodeSpec> ensemble() {
        return nodes.stream().filter(n -> n.is(Role.ZOOKEEPER)).toList();
    }

    /** The node called {@code name}; an unknown name is a usage error that lists the names there are. */
    public NodeSpec node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException(LabException.USAGE, "unknown node '" + name + "': this lab has "
                        + spoken(names())));
    }

    /** "a", "a and b", "a, b and c". */
    static String spoken(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    public List<String> names() {
        return nodes.stream().map(NodeSpec::name).toList();
    }

    public List<String> groups() {
        return nodes.stream().map(NodeSpec::group).distinct().toList();
    }

    /** The groups of brokers (pairs): those that have an active node. */
    public List<String> brokerGroups() {
        return brokers().stream().map(NodeSpec::group).distinct().toList();
    }

    public List<NodeSpec> group(String group) {
        List<NodeSpec> members = nodes.stream().filter(n -> n.group().equals(group)).toList();
        if (members.isEmpty()) {
            throw new LabException(LabException.USAGE, "unknown group '" + group + "': this lab has "
                    + spoken(groups()));
        }
        return members;
    }

    /** The node of {@code role} in {@code group}. */
    public NodeSpec member(String group, Role role) {
        return group(group).stream().filter(n -> n.is(role)).findFirst()
                .orElseThrow(() -> new LabException("group " + group + " has no " + role));
    }

    /** The state a healthy backup of this mode settles in. */
    public NodeState readyBackupState() {
        return mode.readyBackupState();
    }

    /**
     * Whether the nodes are ready: in every pair exactly one node is active and every other one is the backup the
     * mode settles in; in the ensemble every server serves, one of them leading; in a cluster every member is active
     * and sees every other one.
     */
    public boolean ready(Map<String, Node> now) {
        return groups().stream().allMatch(g -> groupReady(g, now.values()));
    }

    private boolean groupReady(String group, Collection<Node> now) {
        List<Node> members = now.stream().filter(n -> n.group().equals(group)).toList();
        if (mode.clusterOfPairs() && !pairReady(members)) {
            return false;
        }
        if (mode.cluster()) {
            // every member serves, and each sees all of them in its cluster (the bridges have formed)
            int size = size();
            return members.stream().filter(n -> mode == Mode.CLUSTER || n.isActive()).allMatch(n -> n.isActive()
                    && n.status().map(s -> s.clusterMembers() == size).orElse(false));
        }
        if (group.equals(ENSEMBLE)) {
            return members.stream().allMatch(n -> n.state().inQuorum())
                    && members.stream().filter(n -> n.state() == NodeState.LEADING).count() == 1;
        }
        return pairReady(members);
    }

    private boolean pairReady(List<Node> members) {
        long active = members.stream().filter(Node::isActive).count();
        long backups = members.stream().filter(n -> n.state() == readyBackupState()).count();
        return active == 1 && backups == members.size() - 1;
    }

    /**
     * The nodes whose brokers a cold start starts first. Both shared-store brokers started at once on a fresh journal
     * can each write their own node id into server.lock, after which the pair never fails back: there the primary goes
     * first, and the backup's JVM, launched beside it, holds its broker until the primary has written the node id.
     */
    public List<NodeSpec> firstWave() {
        return mode.sharedStore() ? nodes.stream().filter(n -> n.is(Role.PRIMARY)).toList() : nodes;
    }

    /** The ZooKeeper connect string of the brokers' lock manager, each server at {@code host}. */
    public String zkConnect(String host) {
        return ensemble().stream().map(n -> host + ":" + n.port()).collect(Collectors.joining(","));
    }

    /**
     * Config properties for a node's first start, when no node of the lab runs. A replicated primary then has no
     * active server to look for, which saves the ~2 s its check-for-active-server costs.
     */
    public Map<String, String> coldStartProperties(NodeSpec node) {
        return (mode == Mode.REPLICATION || mode == Mode.CLUSTER_OF_PAIRS) && node.is(Role.PRIMARY)
                ? Map.of("lab.check.for.active.server", "false") : Map.of();
    }
}
