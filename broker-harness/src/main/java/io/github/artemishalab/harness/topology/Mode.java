package io.github.artemishalab.harness.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.artemishalab.harness.lab.NodeState;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The HA mode of a pair; its configs live under {@code broker-configs/<id>/}. */
public enum Mode {
    SHARED_STORE("shared-store"),
    REPLICATION("replication");

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
        return this == REPLICATION ? NodeState.BACKUP_IN_SYNC : NodeState.BACKUP;
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
