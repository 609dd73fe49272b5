package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent.Fault;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time a node was down because of a fault: from its kill or stop to its next start, or to {@code end} when it
 * was not started again. The one place that turns fault records into windows.
 *
 * @param from when the fault hit (epoch ms)
 * @param to   when the node was started again, or the end of the run
 * @param kind kill or stop
 * @param node the node
 * @param open whether the node was never started again
 */
public record FaultWindow(long from, long to, String kind, String node, boolean open) {

    /** "kill primary". */
    public String label() {
        return node == null || node.isEmpty() ? kind : kind + " " + node;
    }

    /** The windows of these faults (any order), sorted by start. */
    public static List<FaultWindow> of(List<Fault> faults, long end) {
        List<Fault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparingLong(Fault::t));
        List<FaultWindow> windows = new ArrayList<>();
        Map<String, Fault> down = new HashMap<>();
        for (Fault f : sorted) {
            String node = f.node() == null ? "" : f.node();
            if ("kill".equals(f.kind()) || "stop".equals(f.kind())) {
                down.putIfAbsent(node, f);
            } else if ("start".equals(f.kind())) {
                Fault from = down.remove(node);
                if (from != null) {
                    windows.add(new FaultWindow(from.t(), f.t(), from.kind(), from.node(), false));
                }
            }
        }
        for (Fault from : down.values()) {
            windows.add(new FaultWindow(from.t(), end, from.kind(), from.node(), true));
        }
        windows.sort(Comparator.comparingLong(FaultWindow::from));
        return windows;
    }
}
