package io.github.artemishalab.clients.verify;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the message stream stalled after each fault: fault to the next confirmed send, and to the next receipt.
 * An outage over the stuck threshold means a client did not fail over; it is flagged, not a violation.
 *
 * @param outages one per fault, in time order
 * @param stuck   how many were flagged
 */
public record OutageCheck(List<Outage> outages, int stuck) implements CheckResult {

    public static OutageCheck check(History h) {
        long stuckMs = h.options().stuckThreshold().toMillis();
        List<Outage> outages = new ArrayList<>();
        for (LedgerEvent.Fault f : h.faults()) {
            Long sendGap = gapAfter(h.okSendTimes(), f.t());
            Long receiveGap = gapAfter(h.receiptTimes(), f.t());
            boolean stuck = exceeds(sendGap, f.t(), h.lastSenderEvent(), stuckMs)
                    || exceeds(receiveGap, f.t(), h.lastReceiverEvent(), stuckMs);
            outages.add(new Outage(f.kind(), f.t(), sendGap, receiveGap, f.node(), stuck, f.round()));
        }
        return new OutageCheck(outages, (int) outages.stream().filter(Outage::stuck).count());
    }

    @Override
    public Verdict verdict() {
        return Verdict.OK;
    }

    /** Ms from {@code at} to the first time strictly after it, or null if there is none. */
    static Long gapAfter(long[] sortedTimes, long at) {
        int lo = 0;
        int hi = sortedTimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedTimes[mid] > at) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < sortedTimes.length ? sortedTimes[lo] - at : null;
    }

    /**
     * Whether a stream stalled too long. With no event after the fault at all, the stream counts as stuck only if its
     * clients kept logging past the threshold: a client hung after failover must not pass just because it never
     * resumed, while one that simply finished right after the fault is not stuck.
     */
    private static boolean exceeds(Long gap, long faultAt, Long lastClientEvent, long thresholdMs) {
        if (gap != null) {
            return gap > thresholdMs;
        }
        return lastClientEvent != null && lastClientEvent - faultAt > thresholdMs;
    }
}
