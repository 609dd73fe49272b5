package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traffic each broker carried, from the clients' ledgers: each client records the broker it reaches at every new
 * connection and completed failover ({@code connected}), so every confirmed send and every receipt can be placed on a
 * node. What a node confirmed and nobody received is, while the node is down, stuck on its disk rather than lost.
 *
 * @param node      the broker
 * @param confirmed sends it confirmed
 * @param received  receipts from it
 * @param clients   the clients that were connected to it at some point
 */
@JsonPropertyOrder({"node", "confirmed", "received", "clients"})
public record NodeTraffic(String node, long confirmed, long received, int clients) {

    /** Per broker, in topology order; a client whose broker is not known yet counts nowhere. */
    public static List<NodeTraffic> of(List<LedgerEvent> events, Topology topology) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Set<String>> clients = new HashMap<>();
        topology.brokers().forEach(n -> {
            counts.put(n.name(), new long[2]);
            clients.put(n.name(), new HashSet<>());
        });
        walk(events, topology, (e, node) -> {
            if (e instanceof LedgerEvent.Send s && s.confirmed()) {
                counts.get(node)[0]++;
            } else if (e instanceof LedgerEvent.Recv) {
                counts.get(node)[1]++;
            }
            clients.get(node).add(((LedgerEvent.ClientEvent) e).client());
        });
        List<NodeTraffic> out = new ArrayList<>();
        counts.forEach((node, c) -> out.add(new NodeTraffic(node, c[0], c[1], clients.get(node).size())));
        return out;
    }

    /**
     * The confirmed messages nobody received, by the broker that confirmed them (their last confirmed attempt): a
     * sender id and sequence number each.
     */
    public static Map<String, Set<String>> unreceivedByNode(List<LedgerEvent> events, Topology topology) {
        Set<String> received = new HashSet<>();
        for (LedgerEvent e : events) {
            if (e instanceof LedgerEvent.Recv r) {
                received.add(r.sender() + "#" + r.seq());
            }
        }
        Map<String, String> confirmedOn = new HashMap<>();
        walk(events, topology, (e, node) -> {
            if (e instanceof LedgerEvent.Send s && s.confirmed()) {
                confirmedOn.put(s.client() + "#" + s.seq(), node);
            }
        });
        Map<String, Set<String>> out = new LinkedHashMap<>();
        confirmedOn.forEach((key, node) -> {
            if (!received.contains(key)) {
                out.computeIfAbsent(node, k -> new HashSet<>()).add(key);
            }
        });
        return out;
    }

    private interface Visitor {
        void visit(LedgerEvent e, String node);
    }

    /** Each client event, in time order, with the broker its client was connected to then (if known). */
    private static void walk(List<LedgerEvent> events, Topology topology, Visitor visitor) {
        Map<Integer, String> byPort = new HashMap<>();
        for (NodeSpec n : topology.brokers()) {
            byPort.put(n.port(), n.name());
        }
        Map<String, String> at = new HashMap<>();
        List<LedgerEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(LedgerEvent::t)); // stable: a file's own order holds within a ms
        for (LedgerEvent e : ordered) {
            if (e instanceof LedgerEvent.Connected c) {
                String node = byPort.get(port(c.address()));
                if (node != null) {
                    at.put(c.client(), node);
                } else {
                    at.remove(c.client());
                }
            } else if (e instanceof LedgerEvent.ClientEvent ce) {
                String node = at.get(ce.client());
                if (node != null) {
                    visitor.visit(e, node);
                }
            }
        }
    }

    private static int port(String address) {
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
