package io.github.artemishalab.harness.lab;

/**
 * How the supervisor starts one node of the pair.
 *
 * @param name     the node's name ({@code primary} or {@code backup})
 * @param config   the broker.xml it runs, relative to the lab directory
 * @param port     its acceptor port
 * @param peerPort the other node's acceptor port
 * @param dataDir  its journal directory, relative to the lab directory (shared by both nodes in shared-store)
 */
public record NodeSpec(String name, String config, int port, int peerPort, String dataDir) {
}
