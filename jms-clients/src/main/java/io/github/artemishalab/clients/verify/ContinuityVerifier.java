package io.github.artemishalab.clients.verify;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a run's merged ledgers for lost, duplicated and reordered messages and measures each fault's outage.
 * <p>
 * Messages are keyed by (sender id, seq): a send's sender is its {@code client}, a receipt's is its {@code sender}.
 * A message confirmed by the broker but never received counts as lost only if a receiver ended with
 * {@code drained}; otherwise it may still be queued, so it is reported as pending and the verdict is unknown.
 */
public final class ContinuityVerifier {

    private static final String SENDER_ROLE = "sender";
    private static final String RECEIVER_ROLE = "receiver";
    private static final String DRAINED = "drained";
    private static final String EXACTLY_ONCE = "exactly-once";

    private ContinuityVerifier() {
    }

    /**
     * Reads and merges the ledgers (a missing file is empty, a truncated line is skipped) and verifies them.
     * Ties in time keep the order of {@code ledgerFiles}.
     */
    // Collection, not List: verify(List<Path>) and verify(List<LedgerEvent>) would have the same erasure
    public static ContinuityReport verify(Collection<Path> ledgerFiles, VerifyOptions options) {
        List<LedgerEvent> events = new ArrayList<>();
        for (Path file : ledgerFiles) {
            events.addAll(Ledger.read(file));
        }
        return verify(events, options);
    }

    /** Verifies merged ledger events; events with equal times keep their order in {@code events}. */
    public static ContinuityReport verify(List<LedgerEvent> events, VerifyOptions options) {
        VerifyOptions opts = options == null ? VerifyOptions.defaults() : options;
        List<LedgerEvent> ordered = new ArrayList<>(events);
        // List.sort is stable, so receipts logged in the same millisecond keep their file order
        ordered.sort(Comparator.comparingLong(LedgerEvent::t));

        Set<String> senders = new HashSet<>();
        Set<String> receivers = new HashSet<>();
        for (LedgerEvent e : ordered) {
            if (LedgerEvent.SEND.equals(e.ev()) || isStart(e, SENDER_ROLE)) {
                senders.add(e.client());
            } else if (LedgerEvent.RECV.equals(e.ev()) || LedgerEvent.DEDUP.equals(e.ev())
                    || isStart(e, RECEIVER_ROLE)) {
                receivers.add(e.client());
            }
        }

        Set<MessageKey> sent = new HashSet<>();
        Set<MessageKey> confirmed = new HashSet<>();
        Set<MessageKey> sawUnknown = new HashSet<>();
        Map<MessageKey, Integer> receipts = new LinkedHashMap<>();
        Map<String, Long> highestSeq = new HashMap<>();
        List<Long> okSendTimes = new ArrayList<>();
        List<Long> recvTimes = new ArrayList<>();
        List<LedgerEvent> faults = new ArrayList<>();
        Long lastSenderEvent = null;
        Long lastReceiverEvent = null;
        boolean drained = false;
        int absorbed = 0;
        int outOfOrder = 0;

        for (LedgerEvent e : ordered) {
            if (e.client() != null && senders.contains(e.client())) {
                lastSenderEvent = e.t();
            }
            if (e.client() != null && receivers.contains(e.client())) {
                lastReceiverEvent = e.t();
            }
            switch (e.ev() == null ? "" : e.ev()) {
                case LedgerEvent.SEND -> {
                    if (e.seq() == null) {
                        continue;
                    }
                    MessageKey key = new MessageKey(e.client(), e.seq());
                    sent.add(key);
                    if (LedgerEvent.OK.equals(e.outcome())) {
                        confirmed.add(key);
                        okSendTimes.add(e.t());
                    } else if (LedgerEvent.UNKNOWN.equals(e.outcome())) {
                        sawUnknown.add(key);
                    }
                }
                case LedgerEvent.RECV -> {
                    if (e.seq() == null) {
                        continue;
                    }
                    MessageKey key = new MessageKey(e.sender(), e.seq());
                    recvTimes.add(e.t());
                    if (!receipts.containsKey(key)) {
                        Long highest = highestSeq.get(key.sender());
                        if (highest != null && key.seq() < highest) {
                            outOfOrder++;
                        }
                        highestSeq.merge(key.sender(), key.seq(), Math::max);
                    }
                    receipts.merge(key, 1, Integer::sum);
                }
                case LedgerEvent.DEDUP -> absorbed++;
                case LedgerEvent.FAULT -> faults.add(e);
                // a sender ending "done" says nothing about the queue being empty
                case LedgerEvent.END -> drained |= DRAINED.equals(e.kind()) && !senders.contains(e.client());
                default -> {
                    // start, commit, failover and state events do not affect continuity
                }
            }
        }

        List<MessageKey> missing = confirmed.stream().filter(k -> !receipts.containsKey(k)).sorted().toList();
        List<MessageKey> duplicatedKeys = receipts.entrySet().stream()
                .filter(en -> en.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        int duplicated = receipts.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
        Set<MessageKey> unknownOutcome = new HashSet<>(sawUnknown);
        unknownOutcome.removeAll(confirmed);
        int recovered = (int) unknownOutcome.stream().filter(receipts::containsKey).count();
        int unexpected = (int) receipts.keySet().stream().filter(k -> !sent.contains(k)).count();

        List<MessageKey> lostKeys = drained ? missing : List.of();
        int pending = drained ? 0 : missing.size();

        long stuckMs = opts.stuckThreshold().toMillis();
        long[] sendTimes = okSendTimes.stream().mapToLong(Long::longValue).toArray();
        long[] receiveTimes = recvTimes.stream().mapToLong(Long::longValue).toArray();
        List<Outage> outages = new ArrayList<>();
        for (LedgerEvent f : faults) {
            Long sendGap = gapAfter(sendTimes, f.t());
            Long receiveGap = gapAfter(receiveTimes, f.t());
            boolean stuck = exceeds(sendGap, f.t(), lastSenderEvent, stuckMs)
                    || exceeds(receiveGap, f.t(), lastReceiverEvent, stuckMs);
            outages.add(new Outage(f.kind(), f.t(), sendGap, receiveGap, f.node(), stuck, f.round()));
        }
        int stuckOutages = (int) outages.stream().filter(Outage::stuck).count();

        String delivery = opts.delivery() != null ? opts.delivery() : deliveryFromLedger(ordered);
        boolean exactlyOnce = isExactlyOnce(delivery);
        Verdict verdict;
        if (!lostKeys.isEmpty() || (exactlyOnce && duplicated > 0)) {
            verdict = Verdict.VIOLATED;
        } else if (pending > 0) {
            verdict = Verdict.UNKNOWN;
        } else {
            verdict = Verdict.OK;
        }
        String reason = reason(verdict, confirmed.size(), lostKeys.size(), pending, duplicated,
                duplicatedKeys.size(), exactlyOnce, delivery);

        return new ContinuityReport(sent.size(), confirmed.size(), receipts.size(), lostKeys.size(), duplicated,
                unknownOutcome.size(), outOfOrder, outages, verdict, delivery,
                sent.size() - confirmed.size(), recovered, absorbed, unexpected, pending,
                firstSeqs(lostKeys), firstSeqs(duplicatedKeys), stuckOutages, reason);
    }

    private static boolean isStart(LedgerEvent e, String role) {
        return LedgerEvent.START.equals(e.ev()) && role.equals(e.role());
    }

    /** The sender's declared delivery; a receiver's if no sender started in these ledgers. */
    private static String deliveryFromLedger(List<LedgerEvent> ordered) {
        String fallback = null;
        for (LedgerEvent e : ordered) {
            if (LedgerEvent.START.equals(e.ev()) && e.delivery() != null) {
                if (SENDER_ROLE.equals(e.role())) {
                    return e.delivery();
                }
                if (fallback == null) {
                    fallback = e.delivery();
                }
            }
        }
        return fallback;
    }

    private static boolean isExactlyOnce(String delivery) {
        return delivery != null && EXACTLY_ONCE.equals(delivery.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Ms from {@code at} to the first time strictly after it, or null if there is none. */
    private static Long gapAfter(long[] sortedTimes, long at) {
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

    private static List<Long> firstSeqs(List<MessageKey> keys) {
        return keys.stream().limit(ContinuityReport.MAX_LISTED_SEQS).map(MessageKey::seq).toList();
    }

    private static String reason(Verdict verdict, int confirmed, int lost, int pending, int duplicated,
                                 int duplicatedMessages, boolean exactlyOnce, String delivery) {
        return switch (verdict) {
            case VIOLATED -> {
                List<String> parts = new ArrayList<>();
                if (lost > 0) {
                    parts.add(messages(lost, "confirmed message") + " " + wasWere(lost) + " never received");
                }
                if (exactlyOnce && duplicated > 0) {
                    parts.add(messages(duplicatedMessages, "message") + " reached the application more than once"
                            + " under exactly-once");
                }
                String why = String.join(" and ", parts);
                yield pending > 0 ? why + "; " + messages(pending, "more confirmed message") + " "
                        + wasWere(pending) + " not received before the receiver stopped" : why;
            }
            case UNKNOWN -> "the receiver stopped before draining; " + messages(pending, "confirmed message") + " "
                    + (pending == 1 ? "is" : "are") + " unaccounted for";
            case OK -> {
                String why = confirmed == 0 ? "no message was confirmed, so none could be lost"
                        : confirmed == 1 ? "the 1 confirmed message was received"
                        : "all " + confirmed + " confirmed messages were received";
                yield duplicated > 0 ? why + " (" + messages(duplicated, "duplicate receipt") + ", allowed under "
                        + (delivery == null ? "an unstated delivery guarantee" : delivery) + ")" : why;
            }
        };
    }

    private static String messages(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String wasWere(int n) {
        return n == 1 ? "was" : "were";
    }

    /** One message: its sender id (null if a ledger left it out) and its seq. */
    private record MessageKey(String sender, long seq) implements Comparable<MessageKey> {

        private static final Comparator<MessageKey> ORDER = Comparator
                .comparing(MessageKey::sender, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(MessageKey::seq);

        @Override
        public int compareTo(MessageKey other) {
            return ORDER.compare(this, other);
        }
    }
}
