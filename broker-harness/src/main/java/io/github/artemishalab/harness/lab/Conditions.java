package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.Role;
import java.time.Duration;
import java.util.Set;

/** The named waits of a lab, for {@link Lab#await(Condition)}; each has a default timeout, {@code within} changes it. */
public final class Conditions {

    /** How long a cold JVM may take to start a broker and sync a replica on a loaded two-core machine. */
    public static final Duration START = Duration.ofSeconds(90);
    /** How long a backup may take to become active. */
    public static final Duration TAKEOVER = Duration.ofSeconds(30);

    private Conditions() {
    }

    /** In every group (pair) one node is active and every other one the backup the mode settles in. */
    public static Condition ready() {
        return new Condition("the pair to be ready", START, LabState::ready, Set.of());
    }

    /** Exactly one node of {@code group} is active. */
    public static Condition activeIn(String group) {
        return new Condition("a node of " + group + " to be active", TAKEOVER,
                s -> s.group(group).stream().filter(Node::isActive).count() == 1, Set.of());
    }

    /** A node of {@code from}'s group other than {@code from} is active: it took over. */
    public static Condition takeover(Node from) {
        return new Condition("another node of " + from.group() + " to take over from " + from.name(), TAKEOVER,
                s -> s.group(from.group()).stream().anyMatch(n -> !n.name().equals(from.name()) && n.isActive()),
                Set.of());
    }

    /** Every group has exactly one active node again (after a fault took one down). */
    public static Condition failedOver() {
        return new Condition("every group to have one active node", TAKEOVER,
                s -> s.topology().brokerGroups().stream()
                        .allMatch(g -> s.group(g).stream().filter(Node::isActive).count() == 1), Set.of());
    }

    /** Every primary is active again and every backup ready: the lab is back where it started. */
    public static Condition failedBack() {
        return new Condition("every primary to be active again, with its backup ready", START,
                s -> s.ready() && s.nodes().stream().filter(n -> n.is(Role.PRIMARY)).allMatch(Node::isActive),
                Set.of());
    }

    /** {@code node} is in {@code state}; it must keep running meanwhile unless {@code state} is stopped. */
    public static Condition state(String node, NodeState state) {
        return new Condition(node + " to be " + state, START, s -> s.node(node).state() == state,
                state == NodeState.STOPPED ? Set.of() : Set.of(node));
    }

    /** {@code node} is active or the ready backup of its mode; a ZooKeeper server: leading or following. */
    public static Condition serving(String node) {
        return new Condition(node + " to be active or a ready backup (a ZooKeeper server: in the ensemble)", START,
                s -> s.node(node).isActive() || s.node(node).state() == s.topology().readyBackupState()
                        || s.node(node).state().inQuorum(),
                Set.of(node));
    }
}
