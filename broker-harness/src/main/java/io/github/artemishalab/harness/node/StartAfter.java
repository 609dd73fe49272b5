package io.github.artemishalab.harness.node;

import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Holds a shared-store backup's broker start until its primary has written the pair's node id (system property
 * {@value #PROPERTY}: the primary's status file). A backup that starts on an empty shared journal first would write a
 * node id of its own; the lab therefore used to launch the backup's JVM only once the primary had written it. Holding
 * in the node instead lets the backup's JVM boot and read its config while the primary starts, and the broker start
 * waits for the same record the lab waited for.
 */
final class StartAfter {

    /** The system property naming the status file to wait for. */
    static final String PROPERTY = "lab.start.after";
    private static final Duration POLL = Duration.ofMillis(20);
    /** As long as {@code up} waits, by default, for the whole pair. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private StartAfter() {
    }

    /** Returns at once without the property; otherwise once the node id is there, or throws if it will never be. */
    static void await(PrintWriter out) {
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            await(Path.of(file), TIMEOUT, out);
        }
    }

    /**
     * Returns once {@code status} names a node id (or an active node); throws when the node that writes it has ended
     * without one, or after {@code timeout} without one.
     */
    static void await(Path status, Duration timeout, PrintWriter out) {
        out.printf("[lab] waiting for the node id in %s before starting the broker%n", status);
        out.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<NodeStatus> s = LabDirectory.readStatus(status);
            if (s.map(st -> st.nodeId() != null || st.state() == NodeState.ACTIVE).orElse(false)) {
                return;
            }
            if (s.isPresent() && new ProcessRecord(s.get().pid(), s.get().pidStart()).alive().isEmpty()) {
                throw new LabException("the node writing " + status + " ended before it wrote its node id");
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("no node id in " + status + " after " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL.toMillis()); // the file is replaced by a rename, which only a poll sees portably
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for the node id in " + status);
            }
        }
    }
}
