package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.Termination;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A fault a drill round injects, named for what it does: which node it picks, and how it stops it. */
public enum FaultKind {
    /** SIGKILL whichever node is active: a crash. */
    KILL_ACTIVE("kill-active", "kill-primary", Termination.ABRUPT, Node::isActive),
    /** SIGTERM whichever node is active: a clean shutdown, which hands over. */
    STOP_ACTIVE("stop-active", "stop-primary", Termination.GRACEFUL, Node::isActive),
    /** SIGKILL the backup: the active node must serve on. */
    KILL_BACKUP("kill-backup", null, Termination.ABRUPT, Node::isBackup);

    private final String id;
    private final String alias;
    private final Termination style;
    private final Predicate<Node> target;

    FaultKind(String id, String alias, Termination style, Predicate<Node> target) {
        this.id = id;
        this.alias = alias;
        this.style = style;
        this.target = target;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Termination style() {
        return style;
    }

    /** Which node it hits, chosen at the moment of the fault. */
    public Predicate<Node> target() {
        return target;
    }

    /** Whether it hits the active node, so that another must take over. */
    public boolean hitsActive() {
        return this != KILL_BACKUP;
    }

    /** A fault by its name or its old name ({@code kill-primary} is {@code kill-active}). */
    public static FaultKind parse(String s) {
        String name = s.trim();
        return Arrays.stream(values()).filter(f -> f.id.equals(name) || name.equals(f.alias)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + s + "' (choose from: "
                        + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")) + ")"));
    }

    /** The faults of a {@code --faults} list. */
    public static List<FaultKind> parseList(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(FaultKind::parse).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
