package io.github.artemishalab.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pairs in one cluster: replicated, each node its own journal; shared-store, each pair one journal. */
class ClusterOfPairsTopologyTest {

    private final Topology replicated = Topology.of(Mode.CLUSTER_OF_PAIRS, 40000, 3);
    private final Topology shared = Topology.of(Mode.CLUSTER_OF_SHARED_STORE_PAIRS, 40000, 3);

    @Test
    void bothKindsHaveTheSameNodesPortsAndSeeds() {
        for (Topology t : new Topology[] {replicated, shared}) {
            assertThat(t.names()).containsExactly("primary1", "backup1", "primary2", "backup2", "primary3",
                    "backup3");
            assertThat(t.size()).isEqualTo(3);
            assertThat(t.brokerGroups()).containsExactly("pair-1", "pair-2", "pair-3");
            assertThat(t.node("backup2").port()).isEqualTo(40101);
            assertThat(t.seedPorts(t.node("backup3"))).containsExactly(40000, 40100);
            assertThat(t.node("primary1").config()).isEqualTo("configs/" + t.mode().id() + "/primary.xml");
        }
    }

    @Test
    void aSharedStorePairHasOneJournalAndAReplicatedPairTwo() {
        assertThat(shared.group("pair-2")).extracting(NodeSpec::dataDir).containsOnly("shared/pair-2/data");
        assertThat(shared.brokers()).extracting(NodeSpec::dataDir).containsExactly("shared/pair-1/data",
                "shared/pair-1/data", "shared/pair-2/data", "shared/pair-2/data", "shared/pair-3/data",
                "shared/pair-3/data");
        assertThat(replicated.brokers()).extracting(NodeSpec::dataDir).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void aSharedStoreBackupStartsAfterItsPrimaryAndAReplicatedPrimaryFromColdSkipsItsSearch() {
        assertThat(shared.firstWave()).extracting(NodeSpec::name).containsExactly("primary1", "primary2",
                "primary3");
        assertThat(replicated.firstWave()).hasSize(6);
        assertThat(shared.coldStartProperties(shared.node("primary1"))).isEmpty();
        assertThat(replicated.coldStartProperties(replicated.node("primary1")))
                .containsEntry("lab.check.for.active.server", "false");
    }

    @Test
    void readyMeansOneActiveAndOneAnnouncedBackupPerPairAndEveryActiveSeeingThemAll() {
        Map<String, Node> now = new LinkedHashMap<>();
        for (NodeSpec n : shared.brokers()) {
            now.put(n.name(), n.is(Role.PRIMARY) ? active(n, 3) : new Node(n, NodeState.BACKUP, 1L, "tcp://x",
                    Optional.empty()));
        }
        assertThat(shared.ready(now)).isTrue();
        // a replicated pair's backup is ready only in sync; a shared-store one once announced
        assertThat(replicated.ready(now)).isFalse();
        now.put("primary2", active(shared.node("primary2"), 2));
        assertThat(shared.ready(now)).as("primary2 does not see the whole cluster").isFalse();
        now.put("primary2", active(shared.node("primary2"), 3));
        now.put("backup2", active(shared.node("backup2"), 3));
        assertThat(shared.ready(now)).as("two active nodes in pair-2").isFalse();
    }

    private static Node active(NodeSpec n, int sees) {
        long t = System.currentTimeMillis();
        NodeStatus s = new NodeStatus(n.name(), NodeState.ACTIVE, 1L, t, "tcp://x", "id", t, t, "2.55.0", t, false, t,
                null, null, sees, 0, List.of());
        return new Node(n, NodeState.ACTIVE, 1L, "tcp://x", Optional.of(s));
    }
}
