package io.github.artemishalab.harness.lab;

import java.util.List;

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
 * @param hookFailure the last role-change hook that failed ({@code on-active exited 3 at 10:02:03}), else null
 * @param stoppedItself why the broker stopped while its JVM was not asked to (e.g. its quorum was lost), else null;
 *                   the JVM then exits, as a service whose broker ended does
 * @param clusterMembers the active brokers this one sees in its cluster, itself included (0 when not active)
 * @param connections the client and cluster connections it holds (0 when not active)
 * @param queues     its application queues (not DLQ and ExpiryQueue when empty) with their message and consumer
 *                   counts; empty when not active
 */
public record NodeStatus(String name, NodeState state, long pid, long pidStart, String url, String nodeId,
                         long since, long updated, String version, long lastActive, boolean awaitingLock,
                         long started, String hookFailure, String stoppedItself, int clusterMembers,
                         int connections, List<QueueCount> queues) {

    public NodeStatus {
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /** A queue of an active broker: messages on it now, and consumers attached to it on this broker. */
    public record QueueCount(String name, long messages, int consumers) {
    }

    /** The messages on this broker's queues. */
    public long messages() {
        return queues.stream().mapToLong(QueueCount::messages).sum();
    }
}
