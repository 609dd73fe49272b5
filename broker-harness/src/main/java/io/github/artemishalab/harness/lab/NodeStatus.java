package io.github.artemishalab.harness.lab;

/**
 * What a node process writes about itself to {@code nodes/<name>/status.json} (atomically, on every change and
 * every few hundred ms).
 *
 * @param name      the node's name in the lab ({@code primary}, {@code backup})
 * @param state     its state now
 * @param pid       its process id
 * @param pidStart  its process start time (epoch ms), to tell a reused pid from this process
 * @param url       the acceptor URL clients reach it on
 * @param nodeId    the Artemis node id (shared by the pair: it names the data, not the process)
 * @param since     when it entered {@code state} (epoch ms)
 * @param updated   when this was written (epoch ms)
 * @param version    the Artemis version it runs
 * @param lastActive when this process was last seen active (epoch ms), 0 if never: after both nodes stopped, the
 *                   one active last holds the newest journal
 * @param awaitingLock a shared-store primary that waits for the journal lock an active backup holds (no failback):
 *                   the supervisor shows it as a backup while the other node is active
 * @param started    when the node's code began to run (epoch ms): {@code started - pidStart} is the JVM's start
 */
public record NodeStatus(String name, NodeState state, long pid, long pidStart, String url, String nodeId,
                         long since, long updated, String version, long lastActive, boolean awaitingLock,
                         long started) {
}
