package io.github.artemishalab.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.net.Link;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuorumTopologyTest {

    private final Topology zk = Topology.pair(Mode.REPLICATION_ZK, 30000);

    @Test
    void replicationZkHasThePairAndThreeZooKeeperServersOnTheirOwnPorts() {
        assertThat(zk.names()).containsExactly("primary", "backup", "zk1", "zk2", "zk3");
        assertThat(zk.brokers()).extracting(NodeSpec::name).containsExactly("primary", "backup");
        assertThat(zk.ensemble()).extracting(NodeSpec::port).containsExactly(30201, 30202, 30203);
        assertThat(zk.ensemble()).extracting(NodeSpec::peerPort).containsExactly(30211, 30212, 30213);
        assertThat(zk.ensemble()).extracting(NodeSpec::zkId).containsExactly(1, 2, 3);
        assertThat(zk.brokerGroups()).containsExactly(Topology.PAIR);
        assertThat(zk.zkConnect("localhost")).isEqualTo("localhost:30201,localhost:30202,localhost:30203");
        assertThat(Topology.pair(Mode.REPLICATION, 30000).ensemble()).isEmpty();
    }

    @Test
    void theBasePortLeavesRoomForEveryZooKeeperPort() {
        assertThatThrownBy(() -> Topology.pair(Mode.REPLICATION_ZK, 65400)).isInstanceOf(LabException.class)
                .hasMessageContaining("a replication-zk lab needs ports N to N+223");
        assertThat(Topology.pair(Mode.REPLICATION, 65400).nodes()).hasSize(2);
    }

    @Test
    void brokersReachEachOtherAndTheEnsembleThroughTheProxyAndClientsReachOnlyBrokers() {
        Wiring w = new Wiring(zk, "127.0.0.1", true);
        assertThat(w.links()).extracting(Link::id).containsExactlyInAnyOrder(
                "clients->primary", "backup->primary", "clients->backup", "primary->backup",
                "primary->zk1", "backup->zk1", "primary->zk2", "backup->zk2", "primary->zk3", "backup->zk3");
        Link toZk = w.links().stream().filter(l -> l.id().equals("backup->zk2")).findFirst().orElseThrow();
        assertThat(toZk.listenHost()).isEqualTo("127.77.0.2");
        assertThat(toZk.targetHost()).isEqualTo("127.77.1.4");
        assertThat(w.zkConnect()).isEqualTo("localhost:30201,localhost:30202,localhost:30203");
        // the servers talk to each other on their own addresses, outside the proxy
        assertThat(w.ensemble().serversOption())
                .isEqualTo("1=127.77.1.3:30211:30221,2=127.77.1.4:30212:30222,3=127.77.1.5:30213:30223");
        assertThat(new Wiring(zk, "127.0.0.1", false).zkConnect()).startsWith("127.0.0.1:30201,");
    }

    @Test
    void readyNeedsTheEnsembleServingWithOneLeaderBesideAReadyPair() {
        Map<String, Node> now = states(NodeState.ACTIVE, NodeState.BACKUP_IN_SYNC, NodeState.FOLLOWING,
                NodeState.LEADING, NodeState.FOLLOWING);
        assertThat(zk.ready(now)).isTrue();
        assertThat(zk.ready(states(NodeState.ACTIVE, NodeState.BACKUP_IN_SYNC, NodeState.FOLLOWING,
                NodeState.LOOKING, NodeState.FOLLOWING))).isFalse();
        assertThat(zk.ready(states(NodeState.ACTIVE, NodeState.BACKUP_IN_SYNC, NodeState.FOLLOWING,
                NodeState.FOLLOWING, NodeState.FOLLOWING))).as("no leader").isFalse();
        assertThat(zk.ready(states(NodeState.ACTIVE, NodeState.BACKUP, NodeState.FOLLOWING,
                NodeState.LEADING, NodeState.FOLLOWING))).as("backup not in sync").isFalse();
    }

    private Map<String, Node> states(NodeState... states) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (int i = 0; i < states.length; i++) {
            NodeSpec spec = zk.nodes().get(i);
            m.put(spec.name(), new Node(spec, states[i], 1L, "", Optional.empty()));
        }
        return m;
    }
}
