package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds to each isolation of a cluster's member what the clients' ledgers say: which clients were on the member at
 * the cut (each client records the broker it reaches at every new connection and completed failover), and which of
 * them reached another member before the heal.
 */
final class MemberCuts {

    private MemberCuts() {
    }

    static List<RoundResult> measure(List<RoundResult> rounds, List<LedgerEvent> events, Topology topology) {
        Map<Integer, String> byPort = new HashMap<>();
        for (NodeSpec n : topology.brokers()) {
            byPort.put(n.port(), n.name());
        }
        List<LedgerEvent.Connected> connects = events.stream()
                .filter(LedgerEvent.Connected.class::isInstance).map(LedgerEvent.Connected.class::cast)
                .sorted(Comparator.comparingLong(LedgerEvent::t)).toList();
        List<RoundResult> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            if (r.memberCut() == null || r.fault().action() != FaultKind.Action.ISOLATE) {
                out.add(r);
                continue;
            }
            Map<String, String> where = new HashMap<>();
            Set<String> moved = new HashSet<>();
            for (LedgerEvent.Connected c : connects) {
                String node = byPort.get(port(c.address()));
                if (c.t() <= r.at()) {
                    where.put(c.client(), node);
                } else if (c.t() < r.restartAt() && node != null && !node.equals(r.node())) {
                    moved.add(c.client());
                }
            }
            Set<String> on = new HashSet<>();
            where.forEach((client, node) -> {
                if (r.node().equals(node)) {
                    on.add(client);
                }
            });
            moved.retainAll(on);
            out.add(r.withMemberCut(r.memberCut().withClients(on.size(), moved.size())));
        }
        return out;
    }

    private static int port(String address) {
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
