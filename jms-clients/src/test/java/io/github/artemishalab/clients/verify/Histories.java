package io.github.artemishalab.clients.verify;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.util.List;

/** Small hand-made histories for the checkers' tests: sender "s", receiver "r", times in ms after {@link #T0}. */
final class Histories {

    static final long T0 = 1_700_000_000_000L;

    private Histories() {
    }

    static History history(String delivery, LedgerEvent... events) {
        return History.of(List.of(events), VerifyOptions.defaults().withDelivery(delivery));
    }

    /** Sender "s" sent {@code seq} and the broker confirmed it. */
    static LedgerEvent ok(long t, long seq) {
        return LedgerEvent.send(T0 + t, "s", seq, 1, LedgerEvent.OK, null);
    }

    /** Sender "s" sent {@code seq}, and the call threw during a failover. */
    static LedgerEvent unknown(long t, long seq) {
        return LedgerEvent.send(T0 + t, "s", seq, 1, LedgerEvent.UNKNOWN, "AMQ219016");
    }

    /** Receiver "r" handed {@code seq} of sender "s" to the application. */
    static LedgerEvent recv(long t, long seq) {
        return LedgerEvent.recv(T0 + t, "r", "s", seq, false);
    }

    /** Receiver "r" ended having drained the queue. */
    static LedgerEvent drained(long t) {
        return LedgerEvent.end(T0 + t, "r", "drained");
    }

    static MessageKey key(long seq) {
        return new MessageKey("s", seq);
    }
}
