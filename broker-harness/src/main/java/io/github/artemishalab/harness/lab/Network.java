package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.net.AppliedRules;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.net.Link;
import io.github.artemishalab.harness.net.LinkRule;
import io.github.artemishalab.harness.net.NetRules;
import io.github.artemishalab.harness.net.ProxyMain;
import io.github.artemishalab.harness.topology.Topology;
import io.github.artemishalab.harness.topology.Wiring;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The links of a proxied lab, cut, delayed and healed by rewriting the fault proxy's rules ({@code net/rules.json}):
 * what {@code partition}, {@code isolate}, {@code heal} and {@code delay} do. Each change returns once the proxy has
 * applied it, and goes into the fault ledger at the moment the proxy applied it, like a kill.
 */
public final class Network {

    /** How long the proxy may take to apply a change; it polls every 20 ms. */
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(3);

    /** A link with the rule it runs under now. */
    public record LinkView(Link link, LinkRule rule) {
        public boolean cut() {
            return rule.cut() != Cut.NONE;
        }
    }

    private final Supervisor supervisor;

    Network(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    private LabDirectory dir() {
        return supervisor.directory();
    }

    private Path rulesFile() {
        return dir().net().resolve(ProxyMain.RULES);
    }

    private Path appliedFile() {
        return dir().net().resolve(ProxyMain.APPLIED);
    }

    /** Every link with its rule now (empty for a lab without the proxy). */
    public List<LinkView> links() {
        if (!supervisor.config().faultProxy()) {
            return List.of();
        }
        NetRules rules = readRules();
        return supervisor.config().wiring().links().stream()
                .map(l -> new LinkView(l, rules.rule(l.id()))).toList();
    }

    /**
     * Cuts every link between {@code a} and {@code b} (node names, {@code clients}, or {@code zk} for the whole
     * ensemble), both ways.
     */
    public void partition(String a, String b, Cut style) {
        requireEnds(a, b);
        change("partition", a + "/" + b, l -> between(l, a, b), r -> new LinkRule(style, r.delayMillis()));
    }

    /** Cuts every link of {@code node}: to and from its peers and from the clients. */
    public void isolate(String node, Cut style) {
        supervisor.config().node(node);
        change("isolate", node, l -> touches(l, node), r -> new LinkRule(style, r.delayMillis()));
    }

    /** Restores every link: no cut, no delay. */
    public void heal() {
        change("heal", "all", l -> true, r -> LinkRule.OPEN);
    }

    /** Restores the links between {@code a} and {@code b}. */
    public void heal(String a, String b) {
        requireEnds(a, b);
        change("heal", a + "/" + b, l -> between(l, a, b), r -> LinkRule.OPEN);
    }

    /** Delays every byte on every link of {@code node}, each way ({@code 0} removes the delay). */
    public void delay(String node, Duration delay) {
        supervisor.config().node(node);
        change(delay.isZero() ? "undelay" : "delay", node, l -> touches(l, node),
                r -> new LinkRule(r.cut(), delay.toMillis()));
    }

    private boolean between(Link l, String a, String b) {
        return on(l.from(), a) && on(l.to(), b) || on(l.from(), b) && on(l.to(), a);
    }

    /** Whether a link's end is on {@code side}: a node, {@code clients}, or {@code zk} for every ZooKeeper server. */
    private boolean on(String end, String side) {
        return end.equals(side) || side.equals(Topology.ENSEMBLE)
                && supervisor.config().topology().ensemble().stream().anyMatch(n -> n.name().equals(end));
    }

    private static boolean touches(Link l, String node) {
        return l.from().equals(node) || l.to().equals(node);
    }

    private void requireEnds(String a, String b) {
        for (String end : List.of(a, b)) {
            if (end.equals(Topology.ENSEMBLE) && !supervisor.config().mode().quorum()) {
                throw new LabException(LabException.USAGE, "this lab has no ZooKeeper ensemble ('zk' is a side in "
                        + "--mode replication-zk only)");
            }
            if (!end.equals(Wiring.CLIENTS) && !end.equals(Topology.ENSEMBLE)) {
                supervisor.config().node(end);
            }
        }
        if (a.equals(b)) {
            throw new LabException(LabException.USAGE, "a partition needs two different sides, not " + a + " twice");
        }
    }

    private void change(String kind, String what, Predicate<Link> which, UnaryOperator<LinkRule> rule) {
        if (!supervisor.config().faultProxy()) {
            throw new LabException(LabException.USAGE, "this lab runs without the fault proxy (--no-fault-proxy or a "
                    + "non-loopback --host), so its links cannot be cut: ./lab up --fault-proxy");
        }
        if (supervisor.proxy().running().isEmpty()) {
            throw new LabException(LabException.USAGE, "the fault proxy of this lab is not running: start the lab "
                    + "(./lab up, or ./lab start NODE)");
        }
        AppliedRules applied;
        try (FileChannel channel = FileChannel.open(dir().net().resolve("rules.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            NetRules now = readRules();
            Map<String, LinkRule> next = new LinkedHashMap<>(now.links());
            for (Link l : supervisor.config().wiring().links()) {
                if (which.test(l)) {
                    LinkRule r = rule.apply(now.rule(l.id()));
                    if (r.equals(LinkRule.OPEN)) {
                        next.remove(l.id());
                    } else {
                        next.put(l.id(), r);
                    }
                }
            }
            NetRules written = new NetRules(now.generation() + 1, next);
            Json.writeAtomically(rulesFile(), written);
            applied = awaitApplied(written.generation());
        } catch (IOException e) {
            throw new LabException("cannot change the lab's links: " + e.getMessage());
        }
        supervisor.faults().fault(kind, what, Instant.parse(applied.appliedAt()).toEpochMilli());
    }

    private NetRules readRules() {
        if (!Files.exists(rulesFile())) {
            return NetRules.allOpen();
        }
        try {
            return Json.read(rulesFile(), NetRules.class);
        } catch (IOException e) {
            throw new LabException("cannot read " + rulesFile() + ": " + e.getMessage());
        }
    }

    private AppliedRules awaitApplied(long generation) {
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        while (true) {
            try {
                AppliedRules a = Json.read(appliedFile(), AppliedRules.class);
                if (a.generation() >= generation) {
                    return a;
                }
            } catch (IOException notYet) {
                // not written yet, or being replaced: read again
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("the fault proxy did not apply the change within "
                        + APPLY_TIMEOUT.toSeconds() + " s (see " + supervisor.proxy().logFile() + ")");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while the fault proxy applied a change");
            }
        }
    }
}
