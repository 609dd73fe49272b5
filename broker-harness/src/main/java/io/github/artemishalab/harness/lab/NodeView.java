package io.github.artemishalab.harness.lab;

import java.util.Optional;

/**
 * A node as the CLI sees it: its own {@code status.json} checked against the process table, so that a killed
 * node, or a pid reused by another process, shows as {@code stopped}.
 *
 * @param name   the node's name
 * @param state  its state
 * @param pid    its process id while it runs, else {@code null}
 * @param url    its acceptor URL
 * @param status what it last wrote about itself, if anything
 */
public record NodeView(String name, NodeState state, Long pid, String url, Optional<NodeStatus> status) {

    public boolean running() {
        return pid != null;
    }
}
