package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.topology.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mode takes the faults that mean something for its shape, and a refusal says which ones those are. */
class ModeFaultsTest {

    private static DrillOptions drill(Mode mode, String faults) {
        return new DrillOptions(mode, FaultKind.parseList(faults), 1, null, null, 100, Delivery.EXACTLY_ONCE, null,
                true, 61616, Duration.ofSeconds(60), null, NetFaults.DEFAULT, 3, 3);
    }

    private static String refusal(Mode mode, String faults) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> drill(mode, faults));
        assertThat(t).isInstanceOf(LabException.class);
        assertThat(((LabException) t).exitCode()).isEqualTo(LabException.USAGE);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }

    @Test
    void aClusterTakesTheCutsOfItsMembers() {
        assertThat(drill(Mode.CLUSTER, "kill-any,stop-any,isolate-any,partition-any").faults()).hasSize(4);
        assertThat(ModeFaults.of(Mode.CLUSTER)).containsExactly(FaultKind.KILL_ACTIVE, FaultKind.STOP_ACTIVE,
                FaultKind.KILL_ANY, FaultKind.STOP_ANY, FaultKind.ISOLATE_ANY, FaultKind.PARTITION_ANY);
    }

    @Test
    void aClusterRefusesAPairsNetworkFaultsAndSaysWhatItTakes() {
        assertThat(refusal(Mode.CLUSTER, "isolate-any,delay,partition-replication")).isEqualTo(
                "delay and partition-replication are faults of a pair; a cluster drill takes kill-active, "
                        + "stop-active, kill-any, stop-any, isolate-any and partition-any");
        assertThat(refusal(Mode.CLUSTER, "kill-backup")).isEqualTo("kill-backup is a fault of a pair; a cluster "
                + "drill takes kill-active, stop-active, kill-any, stop-any, isolate-any and partition-any");
    }

    @Test
    void aClusterOfPairsRefusesTheMembersCutsWithTheReason() {
        assertThat(drill(Mode.CLUSTER_OF_PAIRS, "kill-any,kill-backup").faults()).hasSize(2);
        assertThat(refusal(Mode.CLUSTER_OF_PAIRS, "isolate-any")).isEqualTo("isolate-any is a fault of --mode "
                + "cluster and cluster-of-shared-store-pairs: " + ModeFaults.NOT_OVER_PAIRS + "; a cluster-of-pairs drill takes kill-active, "
                + "stop-active, kill-backup, kill-any and stop-any");
        assertThat(refusal(Mode.CLUSTER_OF_PAIRS, "isolate-active,partition-any")).startsWith(
                "isolate-active is a fault of a pair; a cluster-of-pairs drill takes");
    }

    @Test
    void aClusterOfSharedStorePairsTakesTheMembersCutsAsACutCannotSplitItsPairs() {
        assertThat(ModeFaults.of(Mode.CLUSTER_OF_SHARED_STORE_PAIRS)).containsExactly(FaultKind.KILL_ACTIVE,
                FaultKind.STOP_ACTIVE, FaultKind.KILL_BACKUP, FaultKind.KILL_ANY, FaultKind.STOP_ANY,
                FaultKind.ISOLATE_ANY, FaultKind.PARTITION_ANY);
        assertThat(refusal(Mode.CLUSTER_OF_SHARED_STORE_PAIRS, "isolate-active")).startsWith(
                "isolate-active is a fault of a pair; a cluster-of-shared-store-pairs drill takes");
    }

    @Test
    void aPairRefusesTheCutsOfAClustersMembers() {
        assertThat(refusal(Mode.REPLICATION, "kill-active,isolate-any,partition-any")).isEqualTo(
                "isolate-any and partition-any are faults of a cluster (--mode cluster or "
                        + "cluster-of-shared-store-pairs); a "
                        + "replication drill takes kill-active, stop-active, kill-backup, partition-replication, "
                        + "isolate-active, partition-clients, delay, kill-any and stop-any");
        assertThat(drill(Mode.REPLICATION, "isolate-active,kill-any").faults()).hasSize(2);
    }

    @Test
    void zooKeeperFaultsNeedTheEnsembleInEveryMode() {
        assertThat(refusal(Mode.CLUSTER, "kill-zk-leader")).isEqualTo(
                "ZooKeeper faults (kill-zk-leader) need --mode replication-zk");
        assertThat(refusal(Mode.SHARED_STORE, "kill-zk-majority,kill-zk-leader")).isEqualTo(
                "ZooKeeper faults (kill-zk-majority and kill-zk-leader) need --mode replication-zk");
        assertThat(ModeFaults.of(Mode.REPLICATION_ZK)).contains(FaultKind.KILL_ZK_LEADER)
                .doesNotContain(FaultKind.ISOLATE_ANY);
    }

    @Test
    void theMembersCutsTakeEachMemberInTurn() {
        assertThat(FaultKind.parse("isolate-any").rotates()).isTrue();
        assertThat(FaultKind.parse("partition-any").network()).isTrue();
        assertThat(List.of(FaultKind.values())).filteredOn(FaultKind::clusterOnly)
                .containsExactly(FaultKind.ISOLATE_ANY, FaultKind.PARTITION_ANY);
    }
}
