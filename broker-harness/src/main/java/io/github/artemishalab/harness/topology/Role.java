package io.github.artemishalab.harness.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a node is for in its group. */
public enum Role {
    /** The broker that is active when its group starts, and takes over again on failback. */
    PRIMARY("primary"),
    /** The broker that waits (shared-store) or replicates (replication) and takes over when the primary goes. */
    BACKUP("backup"),
    /** A server of the ZooKeeper ensemble that decides, in replication-zk, which broker may be active. */
    ZOOKEEPER("zookeeper"),
    /** An active broker of an active/active cluster: it serves from the start and has no backup. */
    MEMBER("member");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** A broker, as opposed to a ZooKeeper server. */
    public boolean broker() {
        return this != ZOOKEEPER;
    }

    @JsonCreator
    public static Role parse(String s) {
        return Arrays.stream(values()).filter(r -> r.id.equals(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + s));
    }

    @Override
    public String toString() {
        return id;
    }
}
