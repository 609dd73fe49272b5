package io.github.artemishalab.harness.drill;

import io.github.artemishalab.harness.lab.LabState;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeStatus;
import java.util.List;

/**
 * Watches an active/active cluster while one of its members is cut: when the members across the cut drop it from
 * their cluster view (each member writes the members it counts into its status file every 200 ms, and that file is
 * local, so an isolated member still reports), and how many messages the cut member holds at the heal.
 */
final class ClusterCutWatch {

    private final String member;
    private final List<String> across;
    private final int size;
    private final long t0 = System.nanoTime();
    private Long droppedMs;

    /**
     * @param member the member cut
     * @param across the members whose view must lose the cut: its siblings (isolation) or both cut members (partition)
     * @param size   how many members the whole cluster has
     */
    ClusterCutWatch(String member, List<String> across, int size) {
        this.member = member;
        this.across = across;
        this.size = size;
    }

    void poll(LabState s) {
        List<Node> watching = across.stream().map(s::node).filter(Node::running).toList();
        if (droppedMs == null && !watching.isEmpty() && watching.stream()
                .allMatch(n -> n.status().map(st -> st.clusterMembers() < size).orElse(false))) {
            droppedMs = (System.nanoTime() - t0) / 1_000_000;
        }
    }

    /** What the watch saw, read at the heal: the cut member's messages then. */
    MemberCut atHeal(LabState s) {
        Long held = s.node(member).status().map(NodeStatus::messages).orElse(null);
        return new MemberCut(droppedMs, held, null, null);
    }
}
