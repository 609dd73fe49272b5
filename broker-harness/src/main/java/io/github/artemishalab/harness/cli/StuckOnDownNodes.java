package io.github.artemishalab.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.ReportTable;
import io.github.artemishalab.clients.verify.Verdict;
import io.github.artemishalab.harness.drill.NodeTraffic;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The confirmed messages nobody received that sit on a broker which is down now, with nobody to serve its journal: a
 * cluster member, or a node of a cluster's pair that has no active node. They are on its disk until it returns, not
 * lost. Placed by the broker each sender was connected to when it was confirmed (the ledgers' {@code connected}
 * lines). In a single pair a broker's messages are its backup's too, so there is nothing to tell apart.
 *
 * @param byNode stuck messages per down broker, in topology order
 */
record StuckOnDownNodes(Map<String, Integer> byNode) {

    static StuckOnDownNodes of(LabDirectory dir, List<Path> ledgers, ContinuityReport report) {
        if (report.lost() == 0 || !dir.exists()) {
            return new StuckOnDownNodes(Map.of());
        }
        Lab lab = Lab.open(dir, false);
        if (!lab.config().mode().cluster()) {
            return new StuckOnDownNodes(Map.of());
        }
        List<LedgerEvent> events = new ArrayList<>();
        ledgers.forEach(f -> events.addAll(Ledger.read(f)));
        Map<String, Set<String>> unreceived = NodeTraffic.unreceivedByNode(events, lab.topology());
        Map<String, Integer> byNode = new LinkedHashMap<>();
        List<Node> nodes = lab.nodes();
        for (Node n : nodes) {
            Set<String> on = unreceived.get(n.name());
            // a pair's down node is served by its partner if that is active; a cluster member by nobody
            boolean served = n.isActive() || nodes.stream().anyMatch(m -> m.group().equals(n.group())
                    && !m.is(io.github.artemishalab.harness.topology.Role.MEMBER) && m.isActive());
            if (!served && on != null && !on.isEmpty()) {
                byNode.put(n.name(), on.size());
            }
        }
        return new StuckOnDownNodes(byNode);
    }

    boolean none() {
        return byNode.isEmpty();
    }

    int total() {
        return byNode.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Every missing message is stuck, and loss was the only violation: nobody can say yet that anything is lost. */
    private boolean explainsTheLoss(ContinuityReport report) {
        return report.verdict() == Verdict.VIOLATED && report.duplicated() == 0 && total() >= report.lost();
    }

    int exitCode(ContinuityReport report) {
        return !none() && explainsTheLoss(report) ? Verdict.UNKNOWN.exitCode() : report.exitCode();
    }

    /** "120 on node3", "120 on node3 and 4 on node1". */
    String where() {
        List<String> parts = byNode.entrySet().stream().map(e -> e.getValue() + " on " + e.getKey()).toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private String reason(ContinuityReport report) {
        String nodes = String.join(" ", byNode.keySet());
        return total() + " confirmed message(s) are stuck, not lost: " + where() + ", which "
                + (byNode.size() == 1 ? "is down and keeps" : "are down and keep") + " them on disk; start "
                + (byNode.size() == 1 ? "it" : "them") + " (./lab start " + nodes + "), receive, and verify again";
    }

    /** The report's table (outages flagged past {@code stuckAfter}), its verdict line saying what is stuck where. */
    String render(ContinuityReport report, Duration stuckAfter) {
        String table = ReportTable.render(report, ZoneId.systemDefault(), stuckAfter);
        if (!explainsTheLoss(report)) {
            return table.replace("\nVerdict: ", "\n  stuck on down nodes: " + where() + "\n\nVerdict: ");
        }
        String head = table.substring(0, table.lastIndexOf("Verdict: "));
        return head + "Verdict: " + Verdict.UNKNOWN.label().toUpperCase(Locale.ROOT) + " (exit "
                + Verdict.UNKNOWN.exitCode() + ") - " + reason(report) + "\n";
    }

    /** The report's JSON with {@code stuck} added, and the verdict it leads to. */
    String json(ContinuityReport report) {
        ObjectNode node = Json.MAPPER.valueToTree(report);
        node.set("stuck", Json.MAPPER.valueToTree(byNode));
        if (explainsTheLoss(report)) {
            node.put("verdict", Verdict.UNKNOWN.label());
            node.put("exitCode", Verdict.UNKNOWN.exitCode());
            node.put("reason", reason(report));
        }
        return node.toString();
    }

    @Override
    public String toString() {
        return byNode.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
