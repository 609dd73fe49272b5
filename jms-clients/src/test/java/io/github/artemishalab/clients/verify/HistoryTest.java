package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.T0;
import static io.github.artemishalab.clients.verify.Histories.drained;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.key;
import static io.github.artemishalab.clients.verify.Histories.ok;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static io.github.artemishalab.clients.verify.Histories.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reading of the ledgers that every checker shares. */
class HistoryTest {

    @Test
    void eventsAreSortedByTimeAndTiesKeepTheirInputOrder() {
        History h = history(null, recv(5, 2), recv(5, 1), ok(1, 1), ok(1, 2));
        assertThat(h.events()).containsExactly(ok(1, 1), ok(1, 2), recv(5, 2), recv(5, 1));
        assertThat(h.receipts()).containsExactly(key(2), key(1));
        assertThat(h.okSendTimes()).containsExactly(T0 + 1, T0 + 1);
        assertThat(h.receiptTimes()).containsExactly(T0 + 5, T0 + 5);
    }

    @Test
    void sendsAreIndexedByOutcome() {
        History h = history(null, unknown(1, 1), ok(2, 1), unknown(3, 2),
                LedgerEvent.send(T0 + 4, "s", 3, 1, LedgerEvent.FAIL, "AMQ219014"));
        assertThat(h.sent()).containsExactlyInAnyOrder(key(1), key(2), key(3));
        assertThat(h.confirmed()).containsExactly(key(1));
        assertThat(h.sawUnknown()).containsExactlyInAnyOrder(key(1), key(2));
    }

    @Test
    void onlyAReceiverEndingDrainedMeansTheQueueWasDrained() {
        assertThat(history(null, ok(1, 1), drained(2)).drained()).isTrue();
        LedgerEvent senderDrained = LedgerEvent.end(T0 + 2, "s", "drained");
        assertThat(history(null, ok(1, 1), senderDrained).drained()).isFalse();
        assertThat(history(null, ok(1, 1), recv(2, 1), LedgerEvent.end(T0 + 3, "r", "interrupted")).drained())
                .isFalse();
    }

    @Test
    void theLastEventOfEachSideIsKnown() {
        History h = history(null, LedgerEvent.start(T0, "receiver", "r", null, "tcp://a"), ok(1, 1), recv(2, 1),
                LedgerEvent.failover(T0 + 7, "s", "FAILURE_DETECTED"), LedgerEvent.fault(T0 + 9, "kill", "primary"));
        assertThat(h.lastSenderEvent()).isEqualTo(T0 + 7);
        assertThat(h.lastReceiverEvent()).isEqualTo(T0 + 2);
        assertThat(h.faults()).containsExactly(LedgerEvent.fault(T0 + 9, "kill", "primary"));
        assertThat(history(null).lastSenderEvent()).isNull();
    }

    @Test
    void theDeliveryIsTheOptionsElseTheSendersElseTheReceivers() {
        LedgerEvent receiverStart = LedgerEvent.start(T0, "receiver", "r", "at-least-once", "tcp://a");
        LedgerEvent senderStart = LedgerEvent.start(T0 + 1, "sender", "s", "exactly-once", "tcp://a");
        assertThat(history(null, receiverStart, senderStart).delivery()).isEqualTo("exactly-once");
        assertThat(history(null, receiverStart).delivery()).isEqualTo("at-least-once");
        assertThat(history("naive", receiverStart, senderStart).delivery()).isEqualTo("naive");
        assertThat(History.of(List.of(), null).delivery()).isNull();
        assertThat(history("EXACTLY_ONCE").exactlyOnce()).isTrue();
    }
}
