package io.github.artemishalab.harness.lab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a node is doing, as its {@code status.json} and {@code lab status} show it. */
public enum NodeState {
    STARTING("starting"),
    ACTIVE("active"),
    BACKUP("backup"),
    BACKUP_IN_SYNC("backup-in-sync"),
    /** A ZooKeeper server that leads its ensemble and serves. */
    LEADING("leading"),
    /** A ZooKeeper server that follows the leader and serves. */
    FOLLOWING("following"),
    /** A ZooKeeper server that does not serve: electing a leader, or syncing with a new one. */
    LOOKING("looking"),
    STOPPED("stopped");

    private final String id;

    NodeState(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public boolean isBackup() {
        return this == BACKUP || this == BACKUP_IN_SYNC;
    }

    /** A ZooKeeper server in a working ensemble. */
    public boolean inQuorum() {
        return this == LEADING || this == FOLLOWING;
    }

    @JsonCreator
    public static NodeState parse(String s) {
        return Arrays.stream(values()).filter(v -> v.id.equals(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node state " + s));
    }

    @Override
    public String toString() {
        return id;
    }
}
