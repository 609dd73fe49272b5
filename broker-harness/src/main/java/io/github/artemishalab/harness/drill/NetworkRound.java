package io.github.artemishalab.harness.drill;

import io.github.artemishalab.harness.lab.Condition;
import io.github.artemishalab.harness.lab.Conditions;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabState;
import io.github.artemishalab.harness.lab.Network;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Role;
import io.github.artemishalab.harness.topology.Wiring;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One drill round of a network fault: cut (or delay) the links, hold, heal, and bring the pair back to ready. A
 * takeover during the hold is measured, not required (a partition from the clients leaves the pair whole). In an
 * active/active cluster nobody takes over: the round measures when the other members drop the cut one instead, and
 * what it holds at the heal ({@link MemberCut}), and waits after the heal until every member sees all again.
 * <p>
 * A split brain outlives the heal: Artemis only logs it (AMQ222294) and both nodes stay active. The round then does
 * what a runbook that trusts the primary does: it restarts the node that took over during the fault, which comes back
 * as a backup and copies the other's journal, so whatever only it had confirmed is gone. The verifier counts that.
 */
final class NetworkRound {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Lab lab;
    private final DrillOptions options;
    private final Consumer<String> phase;
    private final Consumer<Duration> dwell;

    NetworkRound(Lab lab, DrillOptions options, Consumer<String> phase, Consumer<Duration> dwell) {
        this.lab = lab;
        this.options = options;
        this.phase = phase;
        this.dwell = dwell;
    }

    RoundResult run(int round, FaultKind fault, Node target, BooleanSupplier cancelled) {
        Network net = lab.network();
        long at = System.currentTimeMillis();
        long t0 = System.nanoTime();
        String name = target.name();
        String other = fault.action() == FaultKind.Action.PARTITION_MEMBER ? nextMember(target) : null;
        List<Node> killed = List.of();
        switch (fault.action()) {
            case PARTITION_PEERS -> peers(target).forEach(p -> net.partition(name, p.name(), options.net().cut()));
            case PARTITION_MEMBER -> net.partition(name, other, options.net().cut());
            case ISOLATE -> net.isolate(name, options.net().cut());
            case PARTITION_CLIENTS -> net.partition(name, Wiring.CLIENTS, options.net().cut());
            case DELAY -> net.delay(name, options.net().delay());
            case KILL_MAJORITY -> killed = killMajority(target);
            default -> throw new IllegalArgumentException(fault + " is not a network fault");
        }
        String cut = other == null ? name : name + "/" + other;
        phase.accept(fault + " (" + cut + "), held " + options.net().hold().toSeconds() + " s");
        Mode mode = options.mode();
        boolean members = mode.cluster();
        // a takeover is a pair's answer to a cut (in a cluster of shared-store pairs it would be a split brain); with
        // the ensemble down, or in a cluster of members, there is none to measure
        Condition takeover = target.role().broker() && mode.paired() && target.isActive()
                ? Conditions.takeover(target) : null;
        // the members across the cut: its active siblings (isolation) or both cut members (partition)
        ClusterCutWatch watch = !members ? null : new ClusterCutWatch(name, other != null ? List.of(name, other)
                : lab.state().active().stream().map(Node::name).filter(n -> !n.equals(name)).toList(),
                lab.topology().size());
        Long takeoverMs = null;
        long holdEnd = t0 + options.net().hold().toNanos();
        while (System.nanoTime() < holdEnd && !cancelled.getAsBoolean()) {
            LabState now = lab.state();
            if (takeoverMs == null && takeover != null && takeover.test().test(now)) {
                takeoverMs = (System.nanoTime() - t0) / 1_000_000;
            }
            if (watch != null) {
                watch.poll(now);
            }
            Drill.pause(POLL, cancelled);
        }
        MemberCut memberCut = watch == null ? null : watch.atHeal(lab.state());

        phase.accept(killed.isEmpty() ? "healing" : "restarting " + names(killed));
        long healAt = System.currentTimeMillis();
        long t1 = System.nanoTime();
        List<Node> dead = killed;
        if (dead.isEmpty()) {
            net.heal();
        } else {
            lab.start(n -> dead.stream().anyMatch(k -> k.name().equals(n.name())));
        }
        Condition back = Conditions.ready();
        // every member of a cluster is active by design: only a pair can be split
        List<Node> active = !mode.paired() ? List.of()
                : lab.state().group(target.group()).stream().filter(Node::isActive).toList();
        if (active.size() > 1) {
            Node tookOver = active.stream().filter(n -> !n.name().equals(name)).findFirst().orElseThrow();
            phase.accept("split brain: restarting " + tookOver.name());
            lab.kill(tookOver);
            back = lab.afterStart(tookOver.name());
            lab.start(n -> n.name().equals(tookOver.name()));
        }
        lab.await(settle(back, cancelled).within(options.timeout()));
        long recoveredMs = (System.nanoTime() - t1) / 1_000_000;
        dwell.accept(Duration.ofMillis(1500));
        return new RoundResult(round, fault, cut, at, takeoverMs, null, null, healAt, recoveredMs, null, null, null,
                memberCut);
    }

    /**
     * Until the pair is ready, starts every broker that is not running: a replication-zk broker that lost its quorum
     * stops itself (when the cut outlasts its session), and leaves starting it again to whatever runs it, as a
     * service manager would. Returns whether it started any. {@link #settle} gives what to wait for then.
     */
    Condition settle(Condition back, BooleanSupplier cancelled) {
        return restartStopped(cancelled) ? lab.config().failback() ? Conditions.failedBack() : Conditions.ready()
                : back;
    }

    private boolean restartStopped(BooleanSupplier cancelled) {
        boolean started = false;
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (!lab.state().ready() && System.nanoTime() < deadline && !cancelled.getAsBoolean()) {
            List<Node> stopped = lab.nodes().stream().filter(n -> n.role().broker() && !n.running()).toList();
            if (!stopped.isEmpty()) {
                phase.accept("starting " + names(stopped) + " (it stopped itself)");
                lab.start(n -> stopped.stream().anyMatch(k -> k.name().equals(n.name())));
                started = true;
            }
            Drill.pause(POLL, cancelled);
        }
        return started;
    }

    /** Kills {@code leader} and as many more ZooKeeper servers as it takes to leave the ensemble no majority. */
    private List<Node> killMajority(Node leader) {
        List<Node> servers = lab.nodes().stream().filter(n -> n.is(Role.ZOOKEEPER) && n.running()).toList();
        int needed = servers.size() - (lab.topology().ensemble().size() / 2 + 1) + 1;
        List<Node> chosen = new java.util.ArrayList<>(List.of(leader));
        servers.stream().filter(n -> !n.name().equals(leader.name())).limit(Math.max(0, needed - 1))
                .forEach(chosen::add);
        chosen.forEach(lab::kill);
        return chosen;
    }

    private static String names(List<Node> nodes) {
        return String.join(" and ", nodes.stream().map(Node::name).toList());
    }

    /**
     * The active member after {@code target} in topology order (the first after the last): partition-any's other
     * side. In a cluster of members that is the next member; in a cluster of pairs the next pair's active node.
     */
    private String nextMember(Node target) {
        List<String> members = lab.state().active().stream().map(Node::name).toList();
        List<String> ring = lab.topology().brokers().stream().map(NodeSpec::name)
                .filter(n -> members.contains(n) || n.equals(target.name())).toList();
        return ring.get((ring.indexOf(target.name()) + 1) % ring.size());
    }

    private List<NodeSpec> peers(Node target) {
        return lab.topology().group(target.group()).stream().filter(n -> !n.name().equals(target.name())).toList();
    }
}
