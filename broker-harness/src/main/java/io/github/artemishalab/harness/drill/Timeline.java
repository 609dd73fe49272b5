package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.ledger.LedgerEvent.Failover;
import io.github.artemishalab.clients.ledger.LedgerEvent.Fault;
import io.github.artemishalab.clients.ledger.LedgerEvent.Recv;
import io.github.artemishalab.clients.ledger.LedgerEvent.Send;
import io.github.artemishalab.clients.ledger.LedgerEvent.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the report's chart shows, from one pass over a run's events: confirmed sends and receipts per bucket, the
 * fault windows, restarts, role changes and the clients' failover events. Data only; {@link TimelineSvg} draws it.
 *
 * @param t0        where the chart starts (epoch ms)
 * @param span      how long it runs (ms, at least 1 s)
 * @param bucketMs  the bucket width
 * @param sends     confirmed sends per bucket
 * @param receipts  receipts per bucket
 * @param windows   fault windows
 * @param restarts  the lab's start faults
 * @param states    node state changes
 * @param failovers client failover events
 */
public record Timeline(long t0, long span, long bucketMs, int[] sends, int[] receipts, List<FaultWindow> windows,
                       List<Fault> restarts, List<State> states, List<Failover> failovers) {

    /** The chart's bucket width; a very long drill gets wider buckets so the page stays small. */
    static final long BUCKET_MS = 100;
    // 20,000 buckets of 100 ms is 33 minutes; beyond that a rect per bucket is far below a pixel anyway
    private static final int MAX_BUCKETS = 20_000;

    public static Timeline of(DrillResult result, List<LedgerEvent> events) {
        long first = events.stream().mapToLong(LedgerEvent::t).min().orElse(Long.MAX_VALUE);
        long last = events.stream().mapToLong(LedgerEvent::t).max().orElse(Long.MIN_VALUE);
        long t0 = events.isEmpty() ? result.startedAt()
                // a missing or implausible start time must not stretch the chart back to 1970
                : result.startedAt() > 0 ? Math.min(result.startedAt(), first) : first;
        long end = events.isEmpty() ? result.endedAt() : Math.max(result.endedAt(), last);
        long span = Math.max(end - t0, 1000);
        long bucketMs = BUCKET_MS;
        if (span / bucketMs + 1 > MAX_BUCKETS) {
            bucketMs = (span / MAX_BUCKETS / BUCKET_MS + 1) * BUCKET_MS;
        }
        int n = (int) (span / bucketMs) + 1;
        int[] sends = new int[n];
        int[] receipts = new int[n];
        List<Fault> faults = new ArrayList<>();
        List<State> states = new ArrayList<>();
        List<Failover> failovers = new ArrayList<>();
        for (LedgerEvent e : events) {
            if (e instanceof Send send && send.confirmed()) {
                sends[bucket(e.t(), t0, bucketMs, n)]++;
            } else if (e instanceof Recv) {
                receipts[bucket(e.t(), t0, bucketMs, n)]++;
            } else if (e instanceof Fault f) {
                faults.add(f);
            } else if (e instanceof State s) {
                states.add(s);
            } else if (e instanceof Failover f) {
                failovers.add(f);
            }
        }
        states.sort(Comparator.comparingLong(State::t));
        failovers.sort(Comparator.comparingLong(Failover::t));
        List<Fault> restarts = faults.stream().filter(f -> "start".equals(f.kind()))
                .sorted(Comparator.comparingLong(Fault::t)).toList();
        return new Timeline(t0, span, bucketMs, sends, receipts, FaultWindow.of(faults, t0 + span), restarts, states,
                failovers);
    }

    private static int bucket(long t, long t0, long bucketMs, int n) {
        return (int) Math.min(n - 1, Math.max(0, (t - t0) / bucketMs));
    }

    /** The smallest of 1, 2, 3, 4, 5, 6 or 8 times a power of ten that is at least {@code v}. */
    static int niceCeil(int v) {
        int p = 1;
        while (true) {
            for (int m : new int[] {1, 2, 3, 4, 5, 6, 8}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }

    /** Seconds between x ticks so that the axis has at most about twelve. */
    static double tickStep(double spanSeconds) {
        for (double s : new double[] {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (spanSeconds / s <= 12) {
                return s;
            }
        }
        return 7200;
    }
}
