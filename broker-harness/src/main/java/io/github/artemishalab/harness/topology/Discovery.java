package io.github.artemishalab.harness.topology;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the members of a {@link Mode#CLUSTER} lab find each other; the choice is the member's broker.xml.
 * <p>
 * UDP multicast, Artemis's stock discovery, is not offered: Linux's loopback has no MULTICAST flag, so on a laptop it
 * needs root to set up. JGroups over TCP, with members found through files in a shared directory (FILE_PING), needs
 * nothing.
 */
public enum Discovery {
    /** Each member connects to two seeds (the next members in a ring) and learns the rest of the cluster from them. */
    STATIC("static", "node.xml"),
    /** Each member broadcasts its connector on a JGroups channel (TCP + FILE_PING in the lab directory). */
    JGROUPS("jgroups", "node-jgroups.xml");

    private final String id;
    private final String memberConfig;

    Discovery(String id, String memberConfig) {
        this.id = id;
        this.memberConfig = memberConfig;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** A member's broker.xml, relative to the lab directory. */
    public String memberConfig() {
        return "configs/cluster/" + memberConfig;
    }

    /** The discovery a cluster member's config stands for (a lab's {@code lab.json} records only the config). */
    public static Discovery of(NodeSpec member) {
        return member.config() != null && member.config().equals(JGROUPS.memberConfig()) ? JGROUPS : STATIC;
    }

    public static Discovery parse(String s) {
        return Arrays.stream(values()).filter(d -> d.id.equals(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown discovery '" + s + "' (choose one of: "
                        + Arrays.stream(values()).map(Discovery::id).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
