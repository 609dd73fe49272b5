package io.github.artemishalab.harness.net;

import java.util.Objects;

/**
 * One directed TCP link of the lab, which the fault proxy carries from a listen address to a target address.
 *
 * @param from       the node that dials, or {@code clients}
 * @param to         the node it reaches
 * @param listenHost the loopback address the proxy listens on for this link
 * @param listenPort the port the proxy listens on
 * @param targetHost the address of the node's real acceptor
 * @param targetPort the port of the node's real acceptor
 */
public record Link(String from, String to, String listenHost, int listenPort, String targetHost, int targetPort) {

    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(targetHost, "targetHost");
        checkPort(listenPort, "listenPort");
        checkPort(targetPort, "targetPort");
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 1..65535, was " + port);
        }
    }

    /** The name rules use for this link: {@code from->to}, e.g. {@code clients->primary}. */
    public String id() {
        return from + "->" + to;
    }

    /** {@code listenHost:listenPort}, for messages. */
    public String listenAddress() {
        return listenHost + ":" + listenPort;
    }

    /** {@code targetHost:targetPort}, for messages. */
    public String targetAddress() {
        return targetHost + ":" + targetPort;
    }
}
