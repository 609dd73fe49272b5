package io.github.artemishalab.harness.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.artemishalab.harness.lab.NodeState;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The HA mode of a lab; its configs live under {@code broker-configs/<id>/}. */
public enum Mode {
    SHARED_STORE("shared-store"),
    REPLICATION("replication"),
    /** Replication whose right to be active is a lock on a 3-server ZooKeeper ensemble: no split brain. */
    REPLICATION_ZK("replication-zk"),
    /** Several active brokers in one symmetric cluster, no backups: active/active, load balanced. */
    CLUSTER("cluster"),
    /** Several replicated pairs in one cluster: active/active across pairs, active/passive within each. */
    CLUSTER_OF_PAIRS("cluster-of-pairs"),
    /** As {@link #CLUSTER_OF_PAIRS}, each pair's two nodes sharing one journal (shared-store) instead of a replica. */
    CLUSTER_OF_SHARED_STORE_PAIRS("cluster-of-shared-store-pairs");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The state a healthy backup of this mode settles in. */
    public NodeState readyBackupState() {
        return replicated() ? NodeState.BACKUP_IN_SYNC : NodeState.BACKUP;
    }

    /** Whether the backup keeps its own copy of the journal over the network. */
    public boolean replicated() {
        return this == REPLICATION || this == REPLICATION_ZK || this == CLUSTER_OF_PAIRS;
    }

    /** Whether several brokers are active at once by design: a cluster, of members or of pairs. */
    public boolean cluster() {
        return this == CLUSTER || clusterOfPairs();
    }

    /** Whether the lab is several pairs in one cluster, replicated or shared-store. */
    public boolean clusterOfPairs() {
        return this == CLUSTER_OF_PAIRS || this == CLUSTER_OF_SHARED_STORE_PAIRS;
    }

    /** Whether the two nodes of a pair share one journal directory, whose file lock says who is active. */
    public boolean sharedStore() {
        return this == SHARED_STORE || this == CLUSTER_OF_SHARED_STORE_PAIRS;
    }

    /** Whether each broker has a backup that takes over when it goes. */
    public boolean paired() {
        return this != CLUSTER;
    }

    /** Whether a ZooKeeper ensemble decides which broker may be active. */
    public boolean quorum() {
        return this == REPLICATION_ZK;
    }

    @JsonCreator
    public static Mode parse(String s) {
        return Arrays.stream(values()).filter(m -> m.id.equals(s) || m.name().equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + s + "' (choose one of: "
                        + Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
