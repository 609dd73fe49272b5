package io.github.artemishalab.clients.verify;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A run's merged ledgers read once, in time order, with the indexes the checkers share. Built by {@link #of}; the
 * checkers only read it.
 *
 * @param events            every event, sorted stably by time (ties keep their input order)
 * @param sent              messages with at least one send attempt
 * @param confirmed         messages with at least one {@code ok} send outcome
 * @param sawUnknown        messages with at least one {@code unknown} send outcome
 * @param receipts          application receipts ({@code recv}), in time order, repeats included
 * @param okSendTimes       times of confirmed sends, ascending
 * @param receiptTimes      times of receipts, ascending
 * @param faults            the lab's fault events, in time order
 * @param lastSenderEvent   the last time a sender logged anything (null: no sender)
 * @param lastReceiverEvent the last time a receiver logged anything (null: no receiver)
 * @param drained           whether a receiver ended having drained the queue
 * @param absorbed          redeliveries the idempotent receiver dropped ({@code dedup})
 * @param delivery          the delivery guarantee judged against (options first, then the ledgers; may be null)
 * @param options           how to judge
 */
public record History(List<LedgerEvent> events, Set<MessageKey> sent, Set<MessageKey> confirmed,
                      Set<MessageKey> sawUnknown, List<MessageKey> receipts, long[] okSendTimes, long[] receiptTimes,
                      List<LedgerEvent> faults, Long lastSenderEvent, Long lastReceiverEvent, boolean drained,
                      int absorbed, String delivery, VerifyOptions options) {

    private static final String SENDER_ROLE = "sender";
    private static final String RECEIVER_ROLE = "receiver";
    private static final String DRAINED = "drained";

    /** Reads merged ledger events once; events with equal times keep their order in {@code events}. */
    public static History of(List<LedgerEvent> input, VerifyOptions options) {
        VerifyOptions opts = options == null ? VerifyOptions.defaults() : options;
        List<LedgerEvent> events = new ArrayList<>(input);
        // List.sort is stable, so receipts logged in the same millisecond keep their file order
        events.sort(Comparator.comparingLong(LedgerEvent::t));
        Set<String> senders = new HashSet<>();
        Set<String> receivers = new HashSet<>();
        for (LedgerEvent e : events) {
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
        List<MessageKey> receipts = new ArrayList<>();
        List<Long> okSends = new ArrayList<>();
        List<Long> receiptTimes = new ArrayList<>();
        List<LedgerEvent> faults = new ArrayList<>();
        Long lastSender = null;
        Long lastReceiver = null;
        boolean drained = false;
        int absorbed = 0;
        for (LedgerEvent e : events) {
            if (e.client() != null && senders.contains(e.client())) {
                lastSender = e.t();
            }
            if (e.client() != null && receivers.contains(e.client())) {
                lastReceiver = e.t();
            }
            switch (e.ev() == null ? "" : e.ev()) {
                case LedgerEvent.SEND -> {
                    if (e.seq() != null) {
                        MessageKey key = new MessageKey(e.client(), e.seq());
                        sent.add(key);
                        if (LedgerEvent.OK.equals(e.outcome())) {
                            confirmed.add(key);
                            okSends.add(e.t());
                        } else if (LedgerEvent.UNKNOWN.equals(e.outcome())) {
                            sawUnknown.add(key);
                        }
                    }
                }
                case LedgerEvent.RECV -> {
                    if (e.seq() != null) {
                        receipts.add(new MessageKey(e.sender(), e.seq()));
                        receiptTimes.add(e.t());
                    }
                }
                case LedgerEvent.DEDUP -> absorbed++;
                case LedgerEvent.FAULT -> faults.add(e);
                // a sender ending "done" says nothing about the queue being empty
                case LedgerEvent.END -> drained |= DRAINED.equals(e.kind()) && !senders.contains(e.client());
                default -> {
                    // start, commit, failover and state events do not bear on continuity
                }
            }
        }
        String delivery = opts.delivery() != null ? opts.delivery() : deliveryFromLedger(events);
        return new History(List.copyOf(events), sent, confirmed, sawUnknown, List.copyOf(receipts),
                okSends.stream().mapToLong(Long::longValue).toArray(),
                receiptTimes.stream().mapToLong(Long::longValue).toArray(), List.copyOf(faults), lastSender,
                lastReceiver, drained, absorbed, delivery, opts);
    }

    public boolean exactlyOnce() {
        return delivery != null && "exactly-once".equals(delivery.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static boolean isStart(LedgerEvent e, String role) {
        return LedgerEvent.START.equals(e.ev()) && role.equals(e.role());
    }

    /** The sender's declared delivery; a receiver's if no sender started in these ledgers. */
    private static String deliveryFromLedger(List<LedgerEvent> events) {
        String fallback = null;
        for (LedgerEvent e : events) {
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
}
