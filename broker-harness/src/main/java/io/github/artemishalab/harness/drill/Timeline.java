package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.ledger.LedgerEvent.Failover;
import io.github.artemishalab.clients.ledger.LedgerEvent.Fault;
import io.github.artemishalab.clients.ledger.LedgerEvent.Recv;
import io.github.artemishalab.clients.ledger.LedgerEvent.Send;
import io.github.artemishalab.clients.ledger.LedgerEvent.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the report's chart shows, from one pass over a run's events: confirmed sends and receipts per bucket, the
 * fault windows, restarts, role changes, the clients' failover events and the scale. Data only; {@link TimelineSvg}
 * draws it. This is the one class of the report that reads {@link LedgerEvent}s.
 *
 * @param t0        where the chart starts (epoch ms)
 * @param span      how long it runs (ms, at least 1 s)
 * @param bucketMs  the bucket width
 * @param sends     confirmed sends per bucket
 * @param receipts  receipts per bucket
 * @param yMax      the top of both lanes' scale: a round number at least the fullest bucket
 * @param windows   fault windows, by start
 * @param restarts  the lab's restarts of nodes, by time
 * @param changes   node state changes, by time
 * @param failovers client failover events, by time
 * @param splitBrains the times two or more nodes were active at once, by start
 */
public record Timeline(long t0, long span, long bucketMs, int[] sends, int[] receipts, int yMax,
                       List<FaultWindow> windows, List<Restart> restarts, List<RoleChange> changes,
                       List<ClientFailover> failovers, List<SplitBrain> splitBrains) {

    /** The mode whose active broker is the one that holds the ZooKeeper lock, and its activations' label. */
    static final String LOCK_MODE = "replication-zk";
    static final String LOCK_HOLDER = "active, holds the lock";

    /** Faults that cut or slow links until a heal. */
    static final Set<String> NETWORK_FAULTS = Set.of("partition", "isolate", "delay");

    /** From {@code from} to {@code to}, {@code nodes} were all active: each took messages the others never saw. */
    public record SplitBrain(long from, long to, List<String> nodes) {
    }

    /** The chart's bucket width; a very long drill gets wider buckets so the page stays small. */
    static final long BUCKET_MS = 100;
    // 20,000 buckets of 100 ms is 33 minutes; beyond that a rect per bucket is far below a pixel anyway
    private static final int MAX_BUCKETS = 20_000;

    /** The lab started {@code node} again. */
    public record Restart(long t, String node) {
    }

    /**
     * A node entered {@code state}; {@code activation} when it became active, the one change the chart labels.
     */
    public record RoleChange(long t, String node, String state, boolean activation) {
    }

    /** A client's failover event: {@code kind} as the client named it, {@code phase} for the mark drawn. */
    public record ClientFailover(long t, String client, String kind, Phase phase) {
    }

    /** How far a client's failover got. */
    public enum Phase {
        DETECTED, COMPLETED, FAILED
    }

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
        List<ClientFailover> failovers = new ArrayList<>();
        for (LedgerEvent e : events) {
            if (e instanceof Send send && send.confirmed()) {
                sends[bucket(e.t(), t0, bucketMs, n)]++;
            } else if (e instanceof Recv) {
                receipts[bucket(e.t(), t0, bucketMs, n)]++;
            } else if (e instanceof Fault f) {
                faults.add(f);
            } else if (e instanceof Failover f) {
                failovers.add(new ClientFailover(f.t(), f.client(), f.kind(), phase(f.kind())));
            }
        }
        faults.sort(Comparator.comparingLong(Fault::t));
        List<RoleChange> changes = roleChanges(events);
        if (LOCK_MODE.equals(result.mode())) {
            // in the quorum mode a broker is active only while it holds the lock in ZooKeeper
            changes = changes.stream().map(c -> c.activation()
                    ? new RoleChange(c.t(), c.node(), LOCK_HOLDER, true) : c).toList();
        }
        failovers.sort(Comparator.comparingLong(ClientFailover::t));
        List<Restart> restarts = faults.stream().filter(f -> "start".equals(f.kind()))
                .map(f -> new Restart(f.t(), f.node())).toList();
        int fullest = 1;
        for (int i = 0; i < n; i++) {
            fullest = Math.max(fullest, Math.max(sends[i], receipts[i]));
        }
        return new Timeline(t0, span, bucketMs, sends, receipts, niceCeil(fullest), windows(faults, t0 + span),
                restarts, changes, failovers, splitBrains(changes, t0 + span));
    }

    /** The nodes' state changes the lab recorded, by time. */
    static List<RoleChange> roleChanges(List<LedgerEvent> events) {
        return events.stream().filter(e -> e instanceof State).map(e -> (State) e)
                .map(s -> new RoleChange(s.t(), s.node(), s.kind(), "active".equals(s.kind())))
                .sorted(Comparator.comparingLong(RoleChange::t)).toList();
    }

    /** Where two or more nodes were active at once, from the state changes (sorted by time). */
    static List<SplitBrain> splitBrains(List<RoleChange> changes, long end) {
        List<SplitBrain> out = new ArrayList<>();
        Set<String> active = new TreeSet<>();
        Long from = null;
        for (RoleChange c : changes) {
            if (c.activation()) {
                active.add(c.node());
            } else {
                active.remove(c.node());
            }
            if (active.size() > 1 && from == null) {
                from = c.t();
            } else if (active.size() < 2 && from != null) {
                out.add(new SplitBrain(from, c.t(), List.copyOf(splitNodes(changes, from, c.t()))));
                from = null;
            }
        }
        if (from != null) {
            out.add(new SplitBrain(from, end, List.copyOf(active)));
        }
        return out;
    }

    private static Set<String> splitNodes(List<RoleChange> changes, long from, long to) {
        Set<String> nodes = new TreeSet<>();
        Set<String> active = new TreeSet<>();
        for (RoleChange c : changes) {
            if (c.t() > to) {
                break;
            }
            if (c.activation()) {
                active.add(c.node());
            } else {
                active.remove(c.node());
            }
            if (c.t() >= from) {
                nodes.addAll(active);
            }
        }
        return nodes;
    }

    /**
     * The time each node was down because of a fault, from its kill or stop to its next start, and each link cut or
     * delayed, from the partition, isolation or delay to the heal that ended it; open ones run to {@code end}.
     * {@code faults} are sorted by time.
     */
    private static List<FaultWindow> windows(List<Fault> faults, long end) {
        List<FaultWindow> windows = new ArrayList<>();
        Map<String, Fault> down = new HashMap<>();
        Map<String, Fault> cut = new LinkedHashMap<>();
        for (Fault f : faults) {
            String node = f.node() == null ? "" : f.node();
            if ("kill".equals(f.kind()) || "stop".equals(f.kind())) {
                down.putIfAbsent(node, f);
            } else if ("start".equals(f.kind())) {
                Fault from = down.remove(node);
                if (from != null) {
                    windows.add(new FaultWindow(from.t(), f.t(), from.kind(), from.node(), false));
                }
            } else if (NETWORK_FAULTS.contains(f.kind())) {
                cut.putIfAbsent(f.kind() + " " + node, f);
            } else if ("heal".equals(f.kind()) || "undelay".equals(f.kind())) {
                cut.values().removeIf(from -> {
                    boolean healed = "all".equals(node) || node.equals(from.node());
                    if (healed) {
                        windows.add(new FaultWindow(from.t(), f.t(), from.kind(), from.node(), false));
                    }
                    return healed;
                });
            }
        }
        down.putAll(cut);
        for (Fault from : down.values()) {
            windows.add(new FaultWindow(from.t(), end, from.kind(), from.node(), true));
        }
        windows.sort(Comparator.comparingLong(FaultWindow::from));
        return windows;
    }

    private static Phase phase(String kind) {
        if ("FAILURE_DETECTED".equals(kind)) {
            return Phase.DETECTED;
        }
        return "FAILOVER_COMPLETED".equals(kind) ? Phase.COMPLETED : Phase.FAILED;
    }

    private static int bucket(long t, long t0, long bucketMs, int n) {
        return (int) Math.min(n - 1, Math.max(0, (t - t0) / bucketMs));
    }

    /** Seconds between x ticks, so that the axis has at most about twelve. */
    public double tickStep() {
        double spanSeconds = span / 1000.0;
        for (double s : new double[] {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (spanSeconds / s <= 12) {
                return s;
            }
        }
        return 7200;
    }

    /** The smallest of 1, 2, 3, 4, 5, 6 or 8 times a power of ten that is at least {@code v}. */
    private static int niceCeil(int v) {
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
}
