package io.github.artemishalab.clients;

import java.util.function.LongSupplier;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;

/**
 * One connection's failover as the client sees it: from Artemis's failover events, whether it is failing over (for
 * the progress line and the receiver's idle clock), and when it has been failing over for too long, the moment to
 * give the connection up. Once given up, the connection's later events no longer speak for the client: a closed
 * connection that never reports its failover ended must not leave the client "failing over" for good (a receiver
 * that thinks it is failing over never calls the queue drained).
 */
final class FailoverWatch {

    private final Progress progress;
    private final long limitNanos;
    private final LongSupplier clock;
    private volatile long failingSince;
    private volatile boolean abandoned;

    /** @param limitNanos how long a failover may last before the connection is given up; 0 for never */
    FailoverWatch(Progress progress, long limitNanos, LongSupplier clock) {
        this.progress = progress;
        this.limitNanos = limitNanos;
        this.clock = clock;
    }

    /** Artemis's failover listener. */
    void onEvent(FailoverEventType event) {
        if (abandoned) {
            return;
        }
        boolean failing = event == FailoverEventType.FAILURE_DETECTED;
        failingSince = failing ? clock.getAsLong() : 0;
        progress.failingOver.set(failing);
        progress.tick();
    }

    /**
     * Called every so often: true exactly once, when the failover has lasted longer than the limit. The connection
     * is then abandoned and the client no longer failing over on its account.
     */
    boolean giveUpIfOverdue() {
        long since = failingSince;
        if (abandoned || limitNanos <= 0 || since == 0 || clock.getAsLong() - since <= limitNanos) {
            return false;
        }
        abandoned = true;
        failingSince = 0;
        progress.failingOver.set(false);
        return true;
    }

    boolean abandoned() {
        return abandoned;
    }
}
