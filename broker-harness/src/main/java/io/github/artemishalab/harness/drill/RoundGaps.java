package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.Outage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, List<Long>> byClient = new HashMap<>();
        for (LedgerEvent e : events) {
            if (e instanceof LedgerEvent.Send s && s.confirmed() || e instanceof LedgerEvent.Recv) {
                byClient.computeIfAbsent(((LedgerEvent.ClientEvent) e).client(), k -> new ArrayList<>()).add(e.t());
            }
        }
        byClient.values().forEach(times -> times.sort(null));
        List<RoundResult> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            // the round's own fault, by the round id the lab wrote with it (its restart carries the id too)
            Outage o = outages.stream().filter(x -> Integer.valueOf(r.round()).equals(x.round())
                    && !"start".equals(x.fault())).findFirst().orElse(null);
            long windowEnd = failbackWindowEnd(r);
            long at = o != null ? o.at() : r.at();
            out.add(new RoundResult(r.round(), r.fault(), r.node(), at, r.takeoverMs(),
                    o != null ? o.sendGapMs() : null, o != null ? o.receiveGapMs() : null, r.restartAt(),
                    r.failbackMs(), longestGap(sends, r.restartAt(), windowEnd),
                    longestGap(recvs, r.restartAt(), windowEnd), worstClientGap(byClient, at), r.memberCut()));
        }
        return out;
    }

    /** How long a client counts as busy before a fault: it had a confirmed send or a receipt this recently. */
    static final long BUSY_BEFORE_MS = 1000;

    /**
     * The longest wait of any client busy at the fault: from the fault to its own first confirmed send or receipt
     * after it (to the last record of the run if it never had one). Null when no client was busy.
     */
    static Long worstClientGap(Map<String, List<Long>> byClient, long at) {
        Long worst = null;
        long end = byClient.values().stream().mapToLong(t -> t.get(t.size() - 1)).max().orElse(at);
        for (List<Long> times : byClient.values()) {
            int i = java.util.Collections.binarySearch(times, at);
            int next = i >= 0 ? i : -i - 1;
            boolean busy = next > 0 && at - times.get(next - 1) <= BUSY_BEFORE_MS;
            if (!busy) {
                continue;
            }
            long gap = (next < times.size() ? times.get(next) : end) - at;
            worst = worst == null ? gap : Math.max(worst, gap);
        }
        return worst;
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
