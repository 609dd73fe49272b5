package io.github.artemishalab.clients.verify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * First-time receipts that arrived after a higher seq of the same sender. Reported, never a violation: a failover
 * may reorder what was in flight.
 *
 * @param outOfOrder how many first-time receipts were out of order
 */
public record OrderCheck(int outOfOrder) implements CheckResult {

    public static OrderCheck check(History h) {
        Map<String, Long> highest = new HashMap<>();
        Set<MessageKey> seen = new HashSet<>();
        int outOfOrder = 0;
        for (MessageKey k : h.receipts()) {
            if (seen.add(k)) {
                Long top = highest.get(k.sender());
                if (top != null && k.seq() < top) {
                    outOfOrder++;
                }
                highest.merge(k.sender(), k.seq(), Math::max);
            }
        }
        return new OrderCheck(outOfOrder);
    }

    @Override
    public Verdict verdict() {
        return Verdict.OK;
    }
}
