package io.github.artemishalab.clients.verify;

import java.time.Duration;

/**
 * How the {@link ContinuityVerifier} judges a run.
 *
 * @param delivery       naive, at-least-once or exactly-once; null takes it from the sender's {@code start} event
 * @param stuckThreshold an outage longer than this means a client did not fail over; null means 5 s
 */
public record VerifyOptions(String delivery, Duration stuckThreshold) {

    public static final Duration DEFAULT_STUCK_THRESHOLD = Duration.ofSeconds(5);

    public VerifyOptions {
        if (stuckThreshold == null) {
            stuckThreshold = DEFAULT_STUCK_THRESHOLD;
        }
        if (stuckThreshold.isNegative()) {
            throw new IllegalArgumentException("stuckThreshold must not be negative: " + stuckThreshold);
        }
    }

    /** Delivery from the ledger, 5 s stuck threshold. */
    public static VerifyOptions defaults() {
        return new VerifyOptions(null, null);
    }

    public VerifyOptions withDelivery(String delivery) {
        return new VerifyOptions(delivery, stuckThreshold);
    }

    public VerifyOptions withStuckThreshold(Duration stuckThreshold) {
        return new VerifyOptions(delivery, stuckThreshold);
    }
}
