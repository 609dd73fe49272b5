package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A fault a drill round injects. */
public enum FaultKind {
    /** SIGKILL the active node: a crash. */
    KILL_PRIMARY("kill-primary", true, true),
    /** SIGTERM the active node: a clean shutdown, which hands over. */
    STOP_PRIMARY("stop-primary", false, true),
    /** SIGKILL the backup: the active node must serve on. */
    KILL_BACKUP("kill-backup", true, false);

    private final String id;
    private final boolean forcible;
    private final boolean hitsActive;

    FaultKind(String id, boolean forcible, boolean hitsActive) {
        this.id = id;
        this.forcible = forcible;
        this.hitsActive = hitsActive;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** SIGKILL rather than SIGTERM. */
    public boolean forcible() {
        return forcible;
    }

    /** Whether it hits the active node (so the backup must take over) rather than the backup. */
    public boolean hitsActive() {
        return hitsActive;
    }

    public static FaultKind parse(String s) {
        return Arrays.stream(values()).filter(f -> f.id.equals(s.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + s + "' (choose from: "
                        + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
