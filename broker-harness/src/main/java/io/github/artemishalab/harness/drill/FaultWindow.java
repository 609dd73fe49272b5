package io.github.artemishalab.harness.drill;

/**
 * The time a node was down because of a fault: from its kill or stop to its next start, or to the end of the run
 * when it was not started again. {@link Timeline} computes them from the fault records.
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
}
