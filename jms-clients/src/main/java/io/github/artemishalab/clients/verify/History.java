package io.github.artemishalab.clients.verify;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.ledger.LedgerEvent.ClientEvent;
import io.github.artemishalab.clients.ledger.LedgerEvent.Dedup;
import io.github.artemishalab.clients.ledger.LedgerEvent.End;
import io.github.artemishalab.clients.ledger.LedgerEvent.Fault;
import io.github.artemishalab.clients.ledger.LedgerEvent.Recv;
import io.github.artemishalab.clients.ledger.LedgerEvent.Send;
import io.github.artemishalab.clients.ledger.LedgerEvent.Start;
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
                      List<Fault> faults, Long lastSenderEvent, Long lastReceiverEvent, boolean drained,
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
            if (e instanceof Send || isStart(e, SENDER_ROLE)) {
                senders.add(((ClientEvent) e).client());
            } else if (e instanceof Recv || e instanceof Dedup || isStart(e, RECEIVER_ROLE)) {
                receivers.add(((ClientEvent) e).client());
            }
        }
        Set<MessageKey> sent = new HashSet<>();
        Set<MessageKey> confirmed = new HashSet<>();
        Set<MessageKey> sawUnknown = new HashSet<>();
        List<MessageKey> receipts = new ArrayList<>();
        List<Long> okSends = new ArrayList<>();
        List<Long> receiptTimes = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        Long lastSender = null;
        Long lastReceiver = null;
        boolean drained = false;
        int absorbed = 0;
        for (LedgerEvent e : events) {
            if (e instanceof ClientEvent c && c.client() != null) {
                lastSender = senders.contains(c.client()) ? Long.valueOf(e.t()) : lastSender;
                lastReceiver = receivers.contains(c.client()) ? Long.valueOf(e.t()) : lastReceiver;
            }
            if (e instanceof Send send) {
                MessageKey key = new MessageKey(send.client(), send.seq());
                sent.add(key);
                if (send.confirmed()) {
                    confirmed.add(key);
                    okSends.add(e.t());
                } else if (LedgerEvent.UNKNOWN.equals(send.outcome())) {
                    sawUnknown.add(key);
                }
            } else if (e instanceof Recv recv) {
                receipts.add(new MessageKey(recv.sender(), recv.seq()));
                receiptTimes.add(e.t());
            } else if (e instanceof Dedup) {
                absorbed++;
            } else if (e instanceof Fault fault) {
                faults.add(fault);
            } else if (e instanceof End end) {
                // a sender ending "done" says nothing about the queue being empty
                drained |= DRAINED.equals(end.kind()) && !senders.contains(end.client());
            }
            // start, commit, failover and state events do not bear on continuity
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
        return e instanceof Start start && role.equals(start.role());
    }

    /** The sender's declared delivery; a receiver's if no sender started in these ledgers. */
    private static String deliveryFromLedger(List<LedgerEvent> events) {
        String fallback = null;
        for (LedgerEvent e : events) {
            if (e instanceof Start start && start.delivery() != null) {
                if (SENDER_ROLE.equals(start.role())) {
                    return start.delivery();
                }
                if (fallback == null) {
                    fallback = start.delivery();
                }
            }
        }
        return fallback;
    }
}
