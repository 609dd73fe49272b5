package io.github.artemishalab.harness.zk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a ZooKeeper server is doing, as its {@code status.json} shows it: ZooKeeper's own peer states and two more. */
public enum ZkState {
    /** The JVM runs, the quorum peer is not created yet. */
    STARTING("starting"),
    /** Electing a leader: no majority in sight yet, or the leader just went. Clients are refused. */
    LOOKING("looking"),
    FOLLOWING("following"),
    LEADING("leading"),
    OBSERVING("observing"),
    /** The quorum peer has shut down (the JVM is about to end). */
    STOPPED("stopped");

    private final String id;

    ZkState(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** A member of a working ensemble (it may still be syncing with its leader: see {@code serving}). */
    public boolean inQuorum() {
        return this == LEADING || this == FOLLOWING || this == OBSERVING;
    }

    @JsonCreator
    public static ZkState parse(String s) {
        return Arrays.stream(values()).filter(v -> v.id.equals(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ZooKeeper state " + s));
    }

    @Override
    public String toString() {
        return id;
    }
}
