package io.github.artemishalab.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.NodeStatus.QueueCount;
import io.github.artemishalab.harness.topology.Role;
import io.github.artemishalab.harness.topology.Topology;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An active/active cluster as {@code status} shows it: "where is what". Each member's own view (how many members it
 * sees, its connections, the messages on its queues, from its status file), each queue across the members, and the
 * member a new client should use.
 */
final class ClusterView {

    private ClusterView() {
    }

    /**
     * The answer a service directory would give a new client: an active member that sees the whole cluster, the one
     * with the fewest connections (ties: the first).
     *
     * @param node   the member
     * @param url    where to connect
     * @param reason why this one
     */
    @JsonPropertyOrder({"node", "url", "reason"})
    record Lookup(String node, String url, String reason) {
    }

    /** @param size the cluster's members (a cluster of pairs: its pairs, one member each) */
    static Optional<Lookup> lookup(List<Node> nodes, int size) {
        List<Node> active = nodes.stream().filter(Node::isActive).toList();
        List<Node> whole = active.stream().filter(n -> members(n) == size).toList();
        List<Node> from = whole.isEmpty() ? active : whole;
        return from.stream().min(Comparator.comparingInt(ClusterView::connections)).map(n -> new Lookup(n.name(),
                n.url(), "active, " + (whole.isEmpty() ? "sees " + members(n) + " of " + size + " members"
                        : "sees the whole cluster") + ", fewest connections (" + connections(n) + ")"));
    }

    static void print(PrintWriter out, Lab lab, List<Node> nodes) {
        LabConfig c = lab.config();
        int size;
        long active = nodes.stream().filter(Node::isActive).count();
        size = c.topology().size();
        String shape = !c.mode().clusterOfPairs() ? " (active/active)"
                : c.mode().sharedStore() ? " shared-store pairs" : " replicated pairs";
        out.printf("Lab %s: cluster of %d%s, %d active%n", lab.directory().root(), size, shape, active);
        out.printf("  %-8s %-15s %-8s %-24s %-8s %-6s %-9s %s%n", "NODE", "STATE", "PID", "URL", "SEES", "CONN",
                "MESSAGES", "IN STATE FOR");
        long now = System.currentTimeMillis();
        for (Node n : nodes) {
            Optional<NodeStatus> st = n.isActive() ? n.status() : Optional.empty();
            String forHow = n.running() ? n.status().map(s -> StatusCommand.human(Duration.ofMillis(now - s.since())))
                    .orElse("") : "";
            out.printf("  %-8s %-15s %-8s %-24s %-8s %-6s %-9s %s%n", n.name(), n.state(),
                    n.pid() == null ? "-" : n.pid(), n.url(),
                    st.map(s -> s.clusterMembers() + "/" + size).orElse("-"),
                    st.map(s -> Integer.toString(s.connections())).orElse("-"),
                    st.map(s -> Long.toString(s.messages())).orElse("-"), forHow);
        }
        for (String line : queueLines(nodes)) {
            out.printf("  queue       %s%n", line);
        }
        List<String> down = nodes.stream().filter(n -> n.is(Role.MEMBER) && !n.isActive()).map(Node::name).toList();
        pairLines(c.topology(), nodes).forEach(line -> out.printf("  %s%n", line));
        if (!down.isEmpty()) {
            out.printf("  %s not serving: durable messages on %s stay on %s disk until %s back "
                    + "(a clean stop with scale-down moves them to a sibling first)%n", String.join(", ", down),
                    down.size() == 1 ? "it" : "them", down.size() == 1 ? "its" : "their",
                    down.size() == 1 ? "it is" : "they are");
        }
        // a member that does not see every active one: its bridges have not (re)formed, or a link is cut
        nodes.stream().filter(n -> n.isActive() && members(n) < active).forEach(n -> out.printf(
                "  %s sees only %d of the %d active members%n", n.name(), members(n), active));
        StatusCommand.printLinks(out, lab);
        lookup(nodes, size).ifPresentOrElse(l -> out.printf("  use         %s %s (%s)%n", l.node(), l.url(), l.reason()),
                () -> out.println("  use         none: no member is active"));
        out.printf("  HA URL      %s%n", c.haUrl());
        out.printf("              (lists every member: a client connects to one, and the default load balancing "
                + "spreads new connections)%n");
        out.printf("  user        %s / %s%n", c.user().user(), c.user().password());
        out.flush();
    }

    /** In a cluster of pairs, a line for each pair without an active node, and for each pair with two (none else). */
    static List<String> pairLines(Topology topology, List<Node> nodes) {
        List<String> lines = new ArrayList<>();
        for (String group : topology.mode().clusterOfPairs() ? topology.brokerGroups() : List.<String>of()) {
            List<String> activeInPair = nodes.stream().filter(n -> n.group().equals(group) && n.isActive())
                    .map(Node::name).toList();
            if (activeInPair.isEmpty()) {
                lines.add(group + " has no active node: its messages wait on its "
                        + (topology.mode().sharedStore() ? "shared journal" : "nodes' disks") + " until one is back");
            } else if (activeInPair.size() > 1) {
                lines.add("SPLIT BRAIN in " + group + ": " + String.join(" and ", activeInPair) + " are both active, "
                        + "and each accepts messages the other never sees.");
            }
        }
        return lines;
    }

    /** "exampleQueue  node1 12 (1 consumer), node2 0, node3 40" for each queue some active member has. */
    static List<String> queueLines(List<Node> nodes) {
        Map<String, List<String>> byQueue = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (!n.isActive()) {
                continue;
            }
            for (QueueCount q : n.status().map(NodeStatus::queues).orElse(List.of())) {
                byQueue.computeIfAbsent(q.name(), k -> new ArrayList<>()).add(n.name() + " " + q.messages()
                        + (q.consumers() > 0 ? " (" + q.consumers() + " consumer" + (q.consumers() == 1 ? "" : "s")
                        + ")" : ""));
            }
        }
        return byQueue.entrySet().stream().map(e -> String.format("%-13s %s", e.getKey(),
                String.join(", ", e.getValue()))).collect(Collectors.toList());
    }

    private static int members(Node n) {
        return n.status().map(NodeStatus::clusterMembers).orElse(0);
    }

    private static int connections(Node n) {
        return n.status().map(NodeStatus::connections).orElse(0);
    }
}
