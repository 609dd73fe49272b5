package io.github.artemishalab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code status} says of a cluster of pairs beyond its table: a pair with no active node, or with two. */
class ClusterViewTest {

    private static List<Node> nodes(Topology t, Map<String, NodeState> states) {
        return t.brokers().stream().map((NodeSpec n) -> new Node(n, states.get(n.name()), 1L, "tcp://x",
                Optional.empty())).toList();
    }

    @Test
    void aPairWithTwoActiveNodesIsASplitBrainAndOneWithNoneWaitsOnItsDisk() {
        Topology t = Topology.of(Mode.CLUSTER_OF_PAIRS, 40000, 3);
        List<Node> nodes = nodes(t, Map.of("primary1", NodeState.ACTIVE, "backup1", NodeState.ACTIVE,
                "primary2", NodeState.STOPPED, "backup2", NodeState.STOPPED, "primary3", NodeState.ACTIVE,
                "backup3", NodeState.BACKUP_IN_SYNC));
        assertThat(ClusterView.pairLines(t, nodes)).containsExactly(
                "SPLIT BRAIN in pair-1: primary1 and backup1 are both active, and each accepts messages the other "
                        + "never sees.",
                "pair-2 has no active node: its messages wait on its nodes' disks until one is back");
    }

    @Test
    void aSharedStorePairsMessagesWaitOnItsJournalAndAWholeClusterHasNothingToSay() {
        Topology t = Topology.of(Mode.CLUSTER_OF_SHARED_STORE_PAIRS, 40000, 2);
        assertThat(ClusterView.pairLines(t, nodes(t, Map.of("primary1", NodeState.STOPPED, "backup1",
                NodeState.STOPPED, "primary2", NodeState.ACTIVE, "backup2", NodeState.BACKUP)))).containsExactly(
                "pair-1 has no active node: its messages wait on its shared journal until one is back");
        assertThat(ClusterView.pairLines(t, nodes(t, Map.of("primary1", NodeState.ACTIVE, "backup1",
                NodeState.BACKUP, "primary2", NodeState.ACTIVE, "backup2", NodeState.BACKUP)))).isEmpty();
        Topology members = Topology.of(Mode.CLUSTER, 40000, 3);
        assertThat(ClusterView.pairLines(members, nodes(members, Map.of("node1", NodeState.STOPPED, "node2",
                NodeState.ACTIVE, "node3", NodeState.ACTIVE)))).as("a cluster of members has no pairs").isEmpty();
    }
}
