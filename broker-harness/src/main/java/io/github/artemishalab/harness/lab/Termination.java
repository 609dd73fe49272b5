package io.github.artemishalab.harness.lab;

/** How a node is stopped. */
public enum Termination {
    /** SIGKILL: a crash; the OS drops its sockets and file locks, the broker gets no say. */
    ABRUPT,
    /** SIGTERM: a clean broker stop, which hands over when the policy says so (SIGKILL after a timeout). */
    GRACEFUL
}
