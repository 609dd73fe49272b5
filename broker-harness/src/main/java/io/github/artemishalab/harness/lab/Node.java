package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Role;
import java.util.Optional;

/**
 * A node as the lab sees it at one moment: its own {@code status.json} checked against the process table, so that a
 * killed node, or a pid reused by another process, shows as {@code stopped}.
 *
 * @param spec   what it is in the topology
 * @param state  its state
 * @param pid    its process id while it runs, else {@code null}
 * @param url    its acceptor URL
 * @param status what it last wrote about itself, if anything
 */
public record Node(NodeSpec spec, NodeState state, Long pid, String url, Optional<NodeStatus> status) {

    public String name() {
        return spec.name();
    }

    public Role role() {
        return spec.role();
    }

    public String group() {
        return spec.group();
    }

    public boolean running() {
        return pid != null;
    }

    public boolean isActive() {
        return state == NodeState.ACTIVE;
    }

    /** A backup in any state: announced, replicating or in sync. */
    public boolean isBackup() {
        return state.isBackup();
    }

    public boolean is(Role r) {
        return spec.is(r);
    }

    Node withState(NodeState s) {
        return new Node(spec, s, pid, url, status);
    }
}
