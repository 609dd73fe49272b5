package io.github.artemishalab.harness.topology;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    public Topology {
        nodes = List.copyOf(nodes);
    }

    /** A primary on {@code basePort} and its backup on {@code basePort + 100}. */
    public static Topology pair(Mode mode, int basePort) {
        int highest = 65535 - BACKUP_PORT_OFFSET;
        if (basePort < 1 || basePort > highest) {
            throw new LabException(LabException.USAGE, "base port " + basePort + " is out of range: a pair needs "
                    + "ports N and N+" + BACKUP_PORT_OFFSET + ", so N must be between 1 and " + highest);
        }
        int backupPort = basePort + BACKUP_PORT_OFFSET;
        String dir = "configs/" + mode.id() + "/";
        String sharedData = "shared/data";
        return new Topology(mode, List.of(
                new NodeSpec(Role.PRIMARY.id(), Role.PRIMARY, PAIR, dir + "primary.xml", basePort, backupPort,
                        mode == Mode.SHARED_STORE ? sharedData : "nodes/primary/data"),
                new NodeSpec(Role.BACKUP.id(), Role.BACKUP, PAIR, dir + "backup.xml", backupPort, basePort,
                        mode == Mode.SHARED_STORE ? sharedData : "nodes/backup/data")));
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
     * Whether the nodes are ready: in every group exactly one node is active and every other one is the backup the
     * mode settles in.
     */
    public boolean ready(Map<String, Node> now) {
        return groups().stream().allMatch(g -> groupReady(g, now.values()));
    }

    private boolean groupReady(String group, Collection<Node> now) {
        List<Node> members = now.stream().filter(n -> n.group().equals(group)).toList();
        long active = members.stream().filter(Node::isActive).count();
        long backups = members.stream().filter(n -> n.state() == readyBackupState()).count();
        return active == 1 && backups == members.size() - 1;
    }

    /**
     * The nodes a cold start starts first. Both shared-store nodes started at once on a fresh journal can each write
     * their own node id into server.lock, after which the pair never fails back: there the primary goes first.
     */
    public List<NodeSpec> firstWave() {
        return mode == Mode.SHARED_STORE ? nodes.stream().filter(n -> n.is(Role.PRIMARY)).toList() : nodes;
    }

    /**
     * Config properties for a node's first start, when no node of the lab runs. A replicated primary then has no
     * active server to look for, which saves the ~2 s its check-for-active-server costs.
     */
    public Map<String, String> coldStartProperties(NodeSpec node) {
        return mode == Mode.REPLICATION && node.is(Role.PRIMARY)
                ? Map.of("lab.check.for.active.server", "false") : Map.of();
    }
}
