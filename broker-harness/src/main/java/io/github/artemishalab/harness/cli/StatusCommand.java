package io.github.artemishalab.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.artemishalab.harness.lab.ClientTopology;
import io.github.artemishalab.harness.lab.Credentials;
import io.github.artemishalab.harness.lab.EnsembleView;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.Network;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows who is active, who is backup, pids, ports, uptime. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the pair: each node's state (starting, active, backup, backup-in-sync, stopped; a "
                + "ZooKeeper server: leading, following, looking), pid, URL and uptime, the links, the ensemble and "
                + "who holds its lock (replication-zk), the HA URL and the credentials. A cluster also shows each "
                + "member's view of the cluster, connections and queued messages, and the member a new client should "
                + "use. Exit code 0 when exactly one node is active (a cluster: every member active and joined), 1 "
                + "otherwise (none active, or both: split brain).")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Option(names = "--json", description = "Print JSON for scripts (stable keys).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Lab handle = lab.lab();
        List<Node> nodes = handle.nodes();
        if (json) {
            out.println(Json.compact(StatusJson.of(handle, nodes)));
        } else {
            printTable(out, handle);
        }
        out.flush();
        if (handle.config().mode().cluster()) {
            return handle.state().ready() ? 0 : 1;
        }
        return nodes.stream().filter(Node::isActive).count() == 1 ? 0 : 1;
    }

    /** {@code status --json}: stable keys, in this order. */
    @JsonPropertyOrder({"mode", "labDir", "nodes", "links", "ensemble", "lookup", "haUrl", "credentials"})
    record StatusJson(String mode, String labDir, List<NodeJson> nodes, List<LinkJson> links, EnsembleView ensemble,
                      ClusterView.Lookup lookup, String haUrl, Credentials credentials) {
        static StatusJson of(Lab lab, List<Node> nodes) {
            LabConfig c = lab.config();
            return new StatusJson(c.mode().id(), lab.directory().root().toString(),
                    nodes.stream().map(NodeJson::of).toList(),
                    lab.network().links().stream().map(l -> new LinkJson(l.link().from(), l.link().to(),
                            l.rule().cut().name().toLowerCase(Locale.ROOT), l.rule().delayMillis())).toList(),
                    EnsembleView.of(lab, nodes, ENSEMBLE_TIMEOUT).orElse(null),
                    c.mode().cluster() ? ClusterView.lookup(nodes, c.topology().size()).orElse(null) : null, c.haUrl(), c.user());
        }
    }

    /** How long status waits for the ensemble to say who holds the lock. */
    static final Duration ENSEMBLE_TIMEOUT = Duration.ofSeconds(2);

    /** A link through the fault proxy: {@code cut} is none, drop or reset. */
    @JsonPropertyOrder({"from", "to", "cut", "delayMs"})
    record LinkJson(String from, String to, String cut, long delayMs) {
    }

    /** A node; a broker that is active adds what it holds (null otherwise). */
    @JsonPropertyOrder({"name", "state", "pid", "url", "clusterMembers", "connections", "queues"})
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record NodeJson(String name, String state, Long pid, String url, Integer clusterMembers, Integer connections,
                    List<NodeStatus.QueueCount> queues) {
        static NodeJson of(Node n) {
            var active = n.isActive() ? n.status() : java.util.Optional.<NodeStatus>empty();
            return new NodeJson(n.name(), n.state().id(), n.pid(), n.url(),
                    active.map(NodeStatus::clusterMembers).orElse(null), active.map(NodeStatus::connections).orElse(null),
                    active.map(NodeStatus::queues).orElse(null));
        }
    }

    static void printTable(PrintWriter out, Lab lab) {
        printTable(out, lab, () -> ClientTopology.read(lab.config(), TOPOLOGY_TIMEOUT));
    }

    /** How long status waits for a client on the HA URL to learn the topology once connected. */
    static final Duration TOPOLOGY_TIMEOUT = Duration.ofSeconds(2);

    /** The table, with the topology lines a client on the HA URL got ({@code up} opens that client ahead). */
    static void printTable(PrintWriter out, Lab lab, java.util.function.Supplier<List<String>> topology) {
        LabConfig c = lab.config();
        List<Node> views = lab.nodes();
        if (c.mode().cluster()) {
            ClusterView.print(out, lab, views);
            return;
        }
        out.printf("Lab %s: %s, failback %s%n", lab.directory().root(), c.mode(), c.failback() ? "on" : "off");
        out.printf("  %-8s %-15s %-8s %-24s %s%n", "NODE", "STATE", "PID", "URL", "IN STATE FOR");
        long now = System.currentTimeMillis();
        for (Node v : views) {
            String forHow = v.running() ? v.status().map(s -> human(Duration.ofMillis(now - s.since()))).orElse("") : "";
            out.printf("  %-8s %-15s %-8s %-24s %s%n", v.name(), v.state(), v.pid() == null ? "-" : v.pid(), v.url(),
                    forHow);
        }
        for (Node v : views) {
            v.status().filter(st -> st.hookFailure() != null).ifPresent(st -> out.printf(
                    "  hook        %s: %s (see ./lab logs %s)%n", v.name(), st.hookFailure(), v.name()));
            v.status().filter(st -> v.state() == NodeState.STOPPED && st.stoppedItself() != null).ifPresent(st -> out.printf(
                    "  stopped     %s: the broker stopped itself at %s (see ./lab logs %s); ./lab start %s%n",
                    v.name(), java.time.Instant.ofEpochMilli(st.since()).atZone(java.time.ZoneId.systemDefault())
                            .toLocalTime().withNano(0), v.name(), v.name()));
        }
        long active = views.stream().filter(Node::isActive).count();
        EnsembleView.of(lab, views, ENSEMBLE_TIMEOUT).ifPresent(e -> {
            out.printf("  ensemble    %s%n", e.describe());
            out.printf("  lock        %s%n", e.lock());
        });
        if (active > 1) {
            out.println("  SPLIT BRAIN: both nodes are active, and each accepts messages the other never sees.");
        } else if (active == 0) {
            out.println("  No node is active: clients wait (or fail) until one is.");
        }
        printLinks(out, lab);
        if (active > 0) {
            // what a client on the HA URL is told: the proof that the backup announced itself to the cluster
            for (String line : topology.get()) {
                out.printf("  topology    %s%n", line);
            }
            if (active > 1) {
                // the HA URL starts at a random host, and each side of a split brain keeps its own topology
                out.println("              (the view of whichever active node answered; "
                        + "in a split brain each has its own)");
            }
        }
        out.printf("  HA URL      %s%n", c.haUrl());
        out.printf("  user        %s / %s%n", c.user().user(), c.user().password());
        out.flush();
    }

    static void printLinks(PrintWriter out, Lab lab) {
        List<Network.LinkView> links = lab.network().links();
        if (links.isEmpty()) {
            return;
        }
        if (lab.supervisor().proxy().running().isEmpty()) {
            out.println("  fault proxy not running: no client or node can reach any node (./lab start NODE starts it)");
        }
        long cut = links.stream().filter(Network.LinkView::cut).count();
        long delayed = links.stream().filter(l -> l.rule().delayMillis() > 0).count();
        if (cut == 0 && delayed == 0) {
            out.printf("  links       all %d open (through the fault proxy)%n", links.size());
            return;
        }
        for (Network.LinkView l : links) {
            String state = l.cut() ? "CUT (" + l.rule().cut().name().toLowerCase(Locale.ROOT) + ")" : "open";
            if (l.rule().delayMillis() > 0) {
                state += ", delayed " + l.rule().delayMillis() + " ms";
            }
            out.printf("  link        %-18s %s%n", l.link().from() + "->" + l.link().to(), state);
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return String.format("%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
