package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.Outage;
import java.util.ArrayList;
import java.util.List;

/** Adds to each round what the clients saw: the verifier's outage for its fault, and the longest gap around failback. */
final class RoundGaps {

    /** How long after the lab is whole again the failback window stays open: late gaps still count. */
    static final long FAILBACK_TAIL_MS = 2000;

    private RoundGaps() {
    }

    static List<RoundResult> measure(List<RoundResult> rounds, List<Outage> outages, List<LedgerEvent> events) {
        List<Long> sends = events.stream().filter(e -> e instanceof LedgerEvent.Send s && s.confirmed())
                .map(LedgerEvent::t).sorted().toList();
        List<Long> recvs = events.stream().filter(e -> e instanceof LedgerEvent.Recv).map(LedgerEvent::t)
                .sorted().toList();
        List<RoundResult> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            // the round's own fault, by the round id the lab wrote with it (its restart carries the id too)
            Outage o = outages.stream().filter(x -> Integer.valueOf(r.round()).equals(x.round())
                    && !"start".equals(x.fault())).findFirst().orElse(null);
            long windowEnd = failbackWindowEnd(r);
            out.add(new RoundResult(r.round(), r.fault(), r.node(), o != null ? o.at() : r.at(), r.takeoverMs(),
                    o != null ? o.sendGapMs() : null, o != null ? o.receiveGapMs() : null, r.restartAt(),
                    r.failbackMs(), longestGap(sends, r.restartAt(), windowEnd),
                    longestGap(recvs, r.restartAt(), windowEnd)));
        }
        return out;
    }

    /** The end of a round's failback window: the lab whole again, plus a tail. */
    static long failbackWindowEnd(RoundResult r) {
        return r.restartAt() + (r.failbackMs() != null ? r.failbackMs() : 0) + FAILBACK_TAIL_MS;
    }

    /** The longest time without an event in [from, to], counting from {@code from}; null if nothing happened. */
    static Long longestGap(List<Long> times, long from, long to) {
        long prev = from;
        long longest = -1;
        boolean any = false;
        for (long t : times) {
            if (t < from) {
                continue;
            }
            if (t > to) {
                break;
            }
            any = true;
            longest = Math.max(longest, t - prev);
            prev = t;
        }
        return any ? longest : null;
    }
}
