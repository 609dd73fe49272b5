package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.Termination;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A fault a drill round injects, named for what it does: which node it picks, and what it does to it. A process fault
 * stops the node, which the round then starts again; a network fault cuts (or delays) links for the round's hold
 * time, after which the round heals them.
 */
public enum FaultKind {
    /** SIGKILL whichever node is active: a crash. */
    KILL_ACTIVE("kill-active", "kill-primary", Action.KILL, Node::isActive),
    /** SIGTERM whichever node is active: a clean shutdown, which hands over. */
    STOP_ACTIVE("stop-active", "stop-primary", Action.STOP, Node::isActive),
    /** SIGKILL the backup: the active node must serve on. */
    KILL_BACKUP("kill-backup", null, Action.KILL, Node::isBackup),
    /** Cut the active node from its peer, both ways; clients still reach both. Without a quorum: split brain. */
    PARTITION_REPLICATION("partition-replication", null, Action.PARTITION_PEERS, Node::isActive),
    /** Cut the active node from everything: its peer and the clients. */
    ISOLATE_ACTIVE("isolate-active", null, Action.ISOLATE, Node::isActive),
    /** Cut the clients from the active node; the pair itself stays whole. */
    PARTITION_CLIENTS("partition-clients", null, Action.PARTITION_CLIENTS, Node::isActive),
    /** Delay every link of the active node. */
    DELAY("delay", "delay-active", Action.DELAY, Node::isActive),
    /** SIGKILL a broker, each in turn round by round (at random with a seed): any node of a cluster. */
    KILL_ANY("kill-any", null, Action.KILL, n -> n.role().broker()),
    /** SIGTERM a broker, each in turn: a clean stop (a cluster member scales down first). */
    STOP_ANY("stop-any", null, Action.STOP, n -> n.role().broker()),
    /**
     * Cut an active member of a cluster from everything, each in turn: its siblings and its clients (and, in a
     * cluster of pairs, its backup).
     */
    ISOLATE_ANY("isolate-any", null, Action.ISOLATE, n -> n.role().broker() && n.isActive()),
    /** Cut an active member of a cluster from the next active one only, each in turn; clients reach both. */
    PARTITION_ANY("partition-any", null, Action.PARTITION_MEMBER, n -> n.role().broker() && n.isActive()),
    /** SIGKILL the ZooKeeper server that leads the ensemble (replication-zk): the other two elect a new one. */
    KILL_ZK_LEADER("kill-zk-leader", null, Action.KILL, n -> n.state() == NodeState.LEADING),
    /** SIGKILL the leader and one more ZooKeeper server, for the hold: the ensemble has no majority. */
    KILL_ZK_MAJORITY("kill-zk-majority", null, Action.KILL_MAJORITY, n -> n.state() == NodeState.LEADING);

    /** What a fault does to the node it picks. */
    public enum Action {
        KILL, STOP, PARTITION_PEERS, ISOLATE, PARTITION_CLIENTS, DELAY, KILL_MAJORITY, PARTITION_MEMBER;

        public boolean network() {
            return this != KILL && this != STOP && this != KILL_MAJORITY;
        }
    }

    private final String id;
    private final String alias;
    private final Action action;
    private final Predicate<Node> target;

    FaultKind(String id, String alias, Action action, Predicate<Node> target) {
        this.id = id;
        this.alias = alias;
        this.action = action;
        this.target = target;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Action action() {
        return action;
    }

    /** Whether it acts on links through the fault proxy rather than on a process. */
    public boolean network() {
        return action.network();
    }

    /** How a process fault stops its node. */
    public Termination style() {
        return action == Action.STOP ? Termination.GRACEFUL : Termination.ABRUPT;
    }

    /** Which node it hits, chosen at the moment of the fault. */
    public Predicate<Node> target() {
        return target;
    }

    /** Whether a process fault stops the active node, so that another must take over. */
    public boolean hitsActive() {
        return this == KILL_ACTIVE || this == STOP_ACTIVE;
    }

    /** Whether it picks its node among all that qualify, round by round, rather than the one that does. */
    public boolean rotates() {
        return this == KILL_ANY || this == STOP_ANY || clusterOnly();
    }

    /** Whether it cuts the members of an active/active cluster ({@code --mode cluster}) and nothing else. */
    public boolean clusterOnly() {
        return this == ISOLATE_ANY || this == PARTITION_ANY;
    }

    /** Whether it needs a ZooKeeper ensemble (replication-zk). */
    public boolean quorum() {
        return this == KILL_ZK_LEADER || this == KILL_ZK_MAJORITY;
    }

    /** A fault by its name or its old name ({@code kill-primary} is {@code kill-active}). */
    public static FaultKind parse(String s) {
        String name = s.trim();
        return Arrays.stream(values()).filter(f -> f.id.equals(name) || name.equals(f.alias)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + s + "' (choose from: "
                        + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")) + ")"));
    }

    /** The faults of a {@code --faults} list. */
    public static List<FaultKind> parseList(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(FaultKind::parse).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
